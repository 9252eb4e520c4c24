/**
 * The graphs lv2en runs, prepared from an export's files at first load and
 * cached next to them (file name keyed by the source file's sha256 and the
 * preparation settings, so a changed source or setting prepares anew):
 *
 * - the cross-attention cache: the part of the export's decoder_model (else
 *   of the no-past branch of decoder_model_merged) that projects the encoder
 *   output to every layer's cross-attention keys and values, run once per batch;
 * - the decoder every step runs: the export's decoder_with_past_model, else the
 *   with-past branch of decoder_model_merged, so no step runs the merged If
 *   (the first step runs it on an empty self-attention cache);
 * - the decoder returning each step's new cache position only
 *   (graphs/cache-append.ts), reading one copy of the cross-attention cache
 *   per sentence (graphs/shared-cross-attention.ts), with the search's
 *   scoring appended (graphs/scoring.ts), and
 *   every graph with per-row activation quantisation (graphs/per-row-quantization.ts).
 *
 * Where the export's own file needs no change (an fp32 encoder), it is used as it is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defaultOpset, encodeEditedModel, parseModel, type EditedGraph, type ParsedModel } from '../onnx/read-model.js';
import { writeProtoMessage } from '../onnx/write-model.js';
import { crossCacheGraph, decoderBranch, wholeGraph } from './graphs/branch.js';
import { cacheAppendOutputs } from './graphs/cache-append.js';
import { perRowQuantization } from './graphs/per-row-quantization.js';
import { appendScoring, type ScoringSpec } from './graphs/scoring.js';
import { type AttentionShape, SHARED_CROSS_VERSION, sharedCrossAttention } from './graphs/shared-cross-attention.js';

/** Bump when what preparation writes changes. */
const PREPARE_VERSION = 7;

/** The ONNX files of an export that decoding reads (absolute paths; null where the export lacks one). */
export interface ExportFiles {
  encoder: string;
  decoder: string | null;
  decoderWithPast: string | null;
  merged: string;
}

export interface PrepareSettings {
  scoring: ScoringSpec;
  /** Replace whole-tensor activation quantisation by per-row quantisation (int8 graphs only; no effect on fp32). */
  perRowQuantization: boolean;
  /** Where prepared files go when the export's own folder is not writable. */
  fallbackDir: string;
  /**
   * The decoder's attention heads: given, the cached step reads one copy of
   * the cross-attention keys and values per sentence (graphs/shared-cross-attention.ts).
   */
  sharedCrossAttention?: AttentionShape;
}

export interface PreparedFiles {
  encoder: string;
  /** Encoder output → every layer's cross-attention keys and values. */
  crossCache: string;
  /** The decoder every step runs, its scoring appended. */
  cachedStep: string;
  /** Which export file (or merged branch) each graph came from, for reports. */
  origin: { crossCache: string; cachedStep: string };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const isUnwritable = (error: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * The prepared variant `variant` of `source`, built by `build` unless a
 * current one is cached. `build` returning null means the source serves as it is.
 */
export async function prepared(
  source: string,
  variant: string,
  settings: Pick<PrepareSettings, 'perRowQuantization' | 'fallbackDir' | 'sharedCrossAttention'> & { scoring?: ScoringSpec },
  build: (model: ParsedModel, opset: number) => EditedGraph | null,
): Promise<string> {
  const described = JSON.stringify({
    version: PREPARE_VERSION,
    variant,
    source: await sha256File(source),
    scoring: settings.scoring,
    perRow: settings.perRowQuantization,
    ...(settings.sharedCrossAttention && variant.includes('shared-cross')
      ? { attention: settings.sharedCrossAttention, sharedCrossVersion: SHARED_CROSS_VERSION }
      : {}),
  });
  const key = createHash('sha256').update(described).digest('hex').slice(0, 16);
  const prefix = `${basename(source, '.onnx')}.lv2en-${variant}-`;
  const name = `${prefix}${key}.onnx`;
  for (const dir of [dirname(source), settings.fallbackDir]) {
    if (await exists(join(dir, name))) return join(dir, name);
  }
  const model = parseModel(new Uint8Array(await readFile(source)));
  const graph = build(model, defaultOpset(model));
  if (!graph) return source;
  const message = encodeEditedModel(graph, model, 'lv2en-decode');
  for (const dir of [dirname(source), settings.fallbackDir]) {
    const target = join(dir, name);
    const temp = join(dir, `.${name}.${process.pid}-${randomUUID().slice(0, 8)}`);
    try {
      await mkdir(dir, { recursive: true });
      await writeProtoMessage(temp, message);
      // Renamed into place: a concurrent loader sees the whole file or none.
      await rename(temp, target);
      await removeStale(dir, prefix, name);
      return target;
    } catch (error) {
      await rm(temp, { force: true });
      if (!isUnwritable(error) || dir === settings.fallbackDir) throw error;
    }
  }
  throw new Error('unreachable');
}

/** Earlier preparations of the same variant (an older source or preparation version): ~80 MB each for a q8 decoder. */
async function removeStale(dir: string, prefix: string, current: string): Promise<void> {
  for (const file of await readdir(dir)) {
    if (file.startsWith(prefix) && file.endsWith('.onnx') && file !== current) await rm(join(dir, file), { force: true });
  }
}

function withPerRow(graph: EditedGraph, opset: number, settings: PrepareSettings): { graph: EditedGraph; changed: boolean } {
  if (!settings.perRowQuantization) return { graph, changed: false };
  const { graph: out, rewritten } = perRowQuantization(graph, opset);
  return { graph: out, changed: rewritten > 0 };
}

export async function prepareDecodingFiles(files: ExportFiles, settings: PrepareSettings): Promise<PreparedFiles> {
  const perRowTag = settings.perRowQuantization ? 'per-row' : 'as-exported';
  const encoder = await prepared(files.encoder, `encoder-${perRowTag}`, settings, (model, opset) => {
    const { graph, changed } = withPerRow(wholeGraph(model.graph), opset, settings);
    return changed ? graph : null;
  });
  const noPast = files.decoder ?? files.merged;
  const crossCache = await prepared(noPast, `cross-cache-${perRowTag}`, settings, (model, opset) => {
    const decoder = files.decoder ? wholeGraph(model.graph) : decoderBranch(model.graph, 'no_past');
    return withPerRow(crossCacheGraph(decoder), opset, settings).graph;
  });
  const withPast = files.decoderWithPast ?? files.merged;
  const shared = settings.sharedCrossAttention;
  const cachedStep = await prepared(withPast, `cached-step-${shared ? 'shared-cross-' : ''}${perRowTag}`, settings, (model, opset) => {
    const decoder = files.decoderWithPast ? wholeGraph(model.graph) : decoderBranch(model.graph, 'with_past');
    const perRow = withPerRow(decoder, opset, settings).graph;
    const crossShared = shared ? sharedCrossAttention(perRow, opset, shared).graph : perRow;
    return appendScoring(cacheAppendOutputs(crossShared), settings.scoring);
  });
  return {
    encoder,
    crossCache,
    cachedStep,
    origin: {
      crossCache: `${basename(noPast)}${files.decoder ? '' : ' (no-past branch)'}, cross-attention projections`,
      cachedStep: files.decoderWithPast ? basename(files.decoderWithPast) : `${basename(files.merged)} (with-past branch)`,
    },
  };
}
