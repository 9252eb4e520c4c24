/**
 * A model's identity, in one place. Its key (the sha256 of the model's id, the
 * sha256 of every file that decides its output, lv2en's decoding code and the
 * decoding settings) keys the translation memory and names the queue that
 * scale-out workers serve, so a worker with another model, other files or
 * other settings never answers; the outputs' provenance records one hash over
 * the same file hashes. The fingerprint is the cheap stand-in (no file is
 * read) that keys the pipeline's stage results.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOf } from '../core/hash.js';
import { sourceDigest } from '../core/source-digest.js';
import { generatedModelDir, hubCacheDir } from './cache.js';
import type { DecodeSettings, ModelSpec } from './config.js';
import { exportFiles, filesFor } from './files.js';
import { GENERATOR_VERSION } from './generate/index.js';

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

/** Where file hashes are kept between runs (the translation store), so an unchanged file is not read again. */
export interface FileHashCache {
  cachedFileHash(path: string, size: number, mtimeMs: number): string | undefined;
  rememberFileHash(path: string, size: number, mtimeMs: number, sha256: string): void;
}

export interface ModelKey {
  key: string;
  /** The model's id as models.config.yaml and its source name it. */
  id: string;
  /** The JSON the key hashes, which the translation store keeps beside it. */
  described: string;
}

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

/** sha256 of a file, reused from the cache while its size and mtime are unchanged. */
export async function fileHash(path: string, cache?: FileHashCache): Promise<string> {
  const info = await stat(path);
  const known = cache?.cachedFileHash(path, info.size, info.mtimeMs);
  if (known) return known;
  const hash = await sha256File(path);
  cache?.rememberFileHash(path, info.size, info.mtimeMs, hash);
  return hash;
}

export async function modelIdentity(spec: ModelSpec, cache?: FileHashCache, folder = modelFolder(spec)): Promise<ModelIdentity> {
  const files: Record<string, string> = {};
  for (const file of modelFiles(spec.dtype)) {
    try {
      files[file] = await fileHash(join(folder, file), cache);
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

/** The model's key for its files as they are on disk now and these decoding settings. */
export async function modelKeyOf(spec: ModelSpec, cache?: FileHashCache, decode: CacheDecodeSettings = spec.decode): Promise<ModelKey> {
  const identity = await modelIdentity(spec, cache);
  return { ...cacheKey(identity, decode), id: identity.id };
}

/** One hash over the model's file hashes, as the outputs' provenance records it. */
export const modelFilesDigest = (identity: ModelIdentity): string => hashOf(...Object.entries(identity.files).flat());

/**
 * What decides a model's output without loading it: its settings and what
 * identifies its files (generator version, or config and weight file sizes and
 * times for a local folder). Hub files are immutable per id in the cache.
 */
export async function modelFingerprint(spec: ModelSpec): Promise<string> {
  const settings = JSON.stringify({ name: spec.name, source: spec.source, dtype: spec.dtype, decode: spec.decode });
  switch (spec.source.kind) {
    case 'generated':
      // Generation is deterministic, so the generator's version identifies the files.
      return `${settings}|generator:${GENERATOR_VERSION}`;
    case 'path':
      return `${settings}|${await folderStamp(spec.source.path)}`;
    case 'hub':
      return settings;
  }
}

async function folderStamp(dir: string): Promise<string> {
  const files = exportFiles();
  const stamps = await Promise.all(
    files.map(async (file) => {
      try {
        const info = await stat(join(dir, file));
        return `${file}:${info.size}:${info.mtimeMs}`;
      } catch {
        return `${file}:-`;
      }
    }),
  );
  return stamps.join(',');
}
