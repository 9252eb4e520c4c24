import { ensureGeneratedModel } from '../src/models/generated.js';
import { generatedModelDir } from '../src/models/cache.js';

/** Build the toy model once before the workers start, so they do not race to generate it. */
export default async function setup(): Promise<void> {
  await ensureGeneratedModel('toy', generatedModelDir('toy'));
}
