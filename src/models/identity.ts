import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec } from './config.js';
import { exportFiles } from './files.js';
import { GENERATOR_VERSION } from './generate/index.js';

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
