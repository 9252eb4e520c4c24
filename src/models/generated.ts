import { FULL_DIMS, generateRandomMarian, generateToyModel, isGeneratedModelCurrent } from './generate/index.js';
import type { GeneratedModelKind } from './config.js';

/** Seed of the benchmark model: fixed, so every machine benchmarks the same weights. */
const FULL_MODEL_SEED = 20200909;

/**
 * Builds a generated model into `dir` unless a current one is already there.
 * Generation writes to a temporary folder and renames it, so concurrent callers
 * (test workers) at worst build it twice, never see it half-written.
 */
export async function ensureGeneratedModel(kind: GeneratedModelKind, dir: string): Promise<void> {
  if (await isGeneratedModelCurrent(dir, kind)) return;
  if (kind === 'toy') await generateToyModel(dir);
  else await generateRandomMarian(dir, { dims: FULL_DIMS, seed: FULL_MODEL_SEED });
}
