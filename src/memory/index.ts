/**
 * The translation store: a SQLite cache of machine translations keyed by model
 * identity + decoding settings + normalised source (later also reviewed
 * translations), and a Translator that uses it.
 */
import { join } from 'node:path';
import type { ModelSpec } from '../models/config.js';
import { cacheRoot } from '../models/cache.js';
import type { Translator } from '../translate/translator.js';
import { CachedTranslator } from './cached-translator.js';
import { type CacheDecodeSettings, modelKeyOf } from '../models/identity.js';
import type { TranslationStore } from './store.js';

export { CachedTranslator, type CacheStats } from './cached-translator.js';
export { TranslationStore, type StoredTranslation, type TranslationStatus } from './store.js';
export { normalizeSource } from './normalize.js';

/** Where the store lives by default: LV2EN_MEMORY, else next to the model files in the lv2en cache. */
export const translationStorePath = (root = cacheRoot(), env: NodeJS.ProcessEnv = process.env) =>
  env.LV2EN_MEMORY || join(root, 'translations.sqlite');

/**
 * Wraps a loaded model's translator with the store. Call it once the model is
 * loaded (a hub model's files are only then on disk to hash).
 */
export async function withTranslationCache(
  translator: Translator,
  spec: ModelSpec,
  store: TranslationStore,
  decode: CacheDecodeSettings = spec.decode,
): Promise<CachedTranslator> {
  const { key, described } = await modelKeyOf(spec, store, decode);
  store.registerKey(key, described);
  return new CachedTranslator(translator, store, key);
}
