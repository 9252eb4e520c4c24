import { type ReviewedTranslations, reviewedIn } from '../../src/memory/reviewed.js';
import { TranslationStore } from '../../src/memory/store.js';

/** The reviewed translations of a translation store file, closed with `close()`. */
export function openReviewed(path: string): ReviewedTranslations & { close(): void } {
  const store = TranslationStore.open(path);
  return { ...reviewedIn(store), close: () => store.close() };
}

export const lookupOne = (reviewed: Pick<ReviewedTranslations, 'lookup'>, source: string): string | null =>
  reviewed.lookup([source]).get(source) ?? null;
