import { statfs } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { sweepDeadTemporaries } from '../core/atomic.js';
import { Lv2enError } from '../core/errors.js';
import { FULL_DIMS, generateRandomMarian, generateToyModel, isGeneratedModelCurrent } from './generate/index.js';
import type { GeneratedModelKind } from './config.js';

/** Seed of the benchmark model: fixed, so every machine benchmarks the same weights. */
const FULL_MODEL_SEED = 20200909;

/** Room a generation needs: the full model's folder takes 529 MiB (du), with some margin, the toy's under 1 MB. */
const FULL_MODEL_BYTES = 560 * 2 ** 20;
const TOY_MODEL_BYTES = 2 ** 20;

/**
 * Builds a generated model into `dir` unless a current one is already there.
 * Generation writes to a temporary folder and renames it, so concurrent callers
 * (test workers) at worst build it twice, never see it half-written. The
 * temporary folders of generators that were killed are removed first.
 */
export async function ensureGeneratedModel(kind: GeneratedModelKind, dir: string): Promise<void> {
  if (await isGeneratedModelCurrent(dir, kind)) return;
  await sweepDeadGenerations(dir);
  await checkRoom(dir, kind === 'toy' ? TOY_MODEL_BYTES : FULL_MODEL_BYTES);
  if (kind === 'toy') await generateToyModel(dir);
  else await generateRandomMarian(dir, { dims: FULL_DIMS, seed: FULL_MODEL_SEED });
}

/** `.<name>.tmp-<pid>-<id>` and `.<name>.old-<pid>-<id>`, the sibling folders model-folder.ts writes. */
function sweepDeadGenerations(dir: string): Promise<number> {
  const pattern = new RegExp(`^\\.${basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)-[0-9a-f]+$`);
  return sweepDeadTemporaries(dirname(dir), (name) => {
    const pid = pattern.exec(name)?.[1];
    return pid === undefined ? null : Number(pid);
  }).catch(() => 0);
}

async function checkRoom(dir: string, bytes: number): Promise<void> {
  const { bavail, bsize } = await statfs(dirname(dir)).catch(() => ({ bavail: Number.POSITIVE_INFINITY, bsize: 1 }));
  if (bavail * bsize < bytes)
    throw new Lv2enError(
      'DISK_FULL',
      `not enough room to generate the model (${Math.ceil(bytes / 2 ** 20)} MB needed, ${Math.floor((bavail * bsize) / 2 ** 20)} MB free)`,
      'Free some space, or point LV2EN_CACHE at a bigger disk',
      { file: dirname(dir) },
    );
}
