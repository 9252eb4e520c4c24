/**
 * What makes a cached translation valid: the model's identity (its id and the
 * sha256 of every file that decides its output) and the decoding settings.
 * The cache key is the sha256 of both; a changed file or setting changes it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecodeSettings, ModelSpec } from '../models/config.js';
import { generatedModelDir, hubCacheDir } from '../models/cache.js';
import { sourceDigest } from '../core/source-digest.js';
import { filesFor } from '../models/files.js';
import type { TranslationStore } from './store.js';

/**
 * A hash of lv2en's own code that turns model files into translations (the
 * decoding loop, batching, splitting long sentences): a change there may
 * change translations, so translations stored by other code are not served.
 */
export const DECODING_CODE = sourceDigest(new URL('../decode/', import.meta.url), new URL('../translate/', import.meta.url));

export interface ModelIdentity {
  /** The model's name in models.config.yaml and where its files come from. */
  id: string;
  dtype: ModelSpec['dtype'];
  /** sha256 per file (relative path), 'missing' for an optional file that is not there. */
  files: Record<string, string>;
}

/** The settings that decide a translation (batch size and threads do not, up to q8 rounding). */
export type CacheDecodeSettings = Pick<DecodeSettings, 'numBeams' | 'maxNewTokens' | 'lengthPenalty' | 'earlyStopping'>;

/** The folder a spec's files are read from (for a hub model: transformers.js's file cache). */
export function modelFolder(spec: ModelSpec): string {
  switch (spec.source.kind) {
    case 'generated':
      return generatedModelDir(spec.source.generator);
    case 'path':
      return spec.source.path;
    case 'hub':
      return join(hubCacheDir(), spec.source.id);
  }
}

/** The files whose bytes decide the output for this dtype. */
export function modelFiles(dtype: ModelSpec['dtype']): string[] {
  return filesFor(dtype);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 of a file, reused from the store while its size and mtime are unchanged. */
export async function fileHash(path: string, store?: TranslationStore): Promise<string> {
  const info = await stat(path);
  const known = store?.cachedFileHash(path, info.size, info.mtimeMs);
  if (known) return known;
  const hash = await sha256File(path);
  store?.rememberFileHash(path, info.size, info.mtimeMs, hash);
  return hash;
}

export async function modelIdentity(spec: ModelSpec, store?: TranslationStore, folder = modelFolder(spec)): Promise<ModelIdentity> {
  const files: Record<string, string> = {};
  for (const file of modelFiles(spec.dtype)) {
    try {
      files[file] = await fileHash(join(folder, file), store);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      files[file] = 'missing';
    }
  }
  const source =
    spec.source.kind === 'hub'
      ? `hub:${spec.source.id}`
      : spec.source.kind === 'path'
        ? `path:${spec.source.path}`
        : `generated:${spec.source.generator}`;
  return { id: `${spec.name} (${source})`, dtype: spec.dtype, files };
}

/** The key under which translations by this model with these settings are stored, and the JSON it hashes. */
export function cacheKey(identity: ModelIdentity, decode: CacheDecodeSettings): { key: string; described: string } {
  const described = JSON.stringify({
    code: DECODING_CODE,
    model: identity,
    decode: {
      numBeams: decode.numBeams,
      maxNewTokens: decode.maxNewTokens,
      lengthPenalty: decode.lengthPenalty,
      earlyStopping: decode.earlyStopping,
    },
  });
  return { key: createHash('sha256').update(described).digest('hex'), described };
}
