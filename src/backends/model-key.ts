/**
 * Which model a chunk is for: the model's key (models/identity.ts), which
 * names the queue. Workers serve only the queue named after their own key.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { Lv2enError } from '../core/errors.js';
import type { ModelSpec } from '../models/config.js';
import { ensureGeneratedModel } from '../models/generated.js';
import { modelFolder } from '../models/identity.js';

/** BullMQ queue names may not hold ':'; the key is hex. */
export const queueNameFor = (key: string) => `model-${key}`;

/** What the coordinator needs to plan chunks: the tokenizer's counts, never the ONNX sessions. */
export interface ChunkPlanner {
  modelName: string;
  maxInputTokens: number;
  rowsPerSentence: number;
  countTokens(text: string): number;
}

/** Makes sure the model's files are on disk (a generated model is built once) and returns their folder. */
export async function modelFilesOnDisk(spec: ModelSpec): Promise<string> {
  const folder = modelFolder(spec);
  if (spec.source.kind === 'generated') await ensureGeneratedModel(spec.source.generator, folder);
  try {
    await access(join(folder, 'tokenizer.json'));
  } catch {
    throw new Lv2enError(
      'MODEL_UNAVAILABLE',
      `model "${spec.name}": no tokenizer files in ${folder}`,
      spec.source.kind === 'hub'
        ? 'Translate one file in-process first (without --queue or --workers) so the model is fetched into the cache'
        : 'Check that the folder holds a transformers.js export',
    );
  }
  return folder;
}

/** The tokenizer alone (a few MB) instead of the model: enough to count tokens and plan batches. */
export async function loadChunkPlanner(spec: ModelSpec): Promise<ChunkPlanner> {
  const folder = await modelFilesOnDisk(spec);
  // MarianTokenizer warns on every load about features lv2en does not use.
  env.logLevel = LogLevel.ERROR;
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as { max_position_embeddings?: number };
  return {
    modelName: spec.name,
    // As MarianTranslator reads them, so both sides split and batch alike.
    maxInputTokens: Number(config.max_position_embeddings ?? 512),
    rowsPerSentence: spec.decode.numBeams,
    countTokens: (text) => tokenizer.encode(text).length,
  };
}
