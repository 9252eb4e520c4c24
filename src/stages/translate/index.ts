import { sourceDigest } from '../../core/source-digest.js';
import type { Segment } from '../../core/segment-record.js';
import { applyReviewed, isReviewedFromMemory } from '../../memory/reviewed.js';
import { translateSegments } from '../../translate/index.js';
import type { WindowStage } from '../types.js';

const untranslatedKept = (s: Segment): Segment => (s.kind === 'sentence' ? s : { ...s, target: s.source });

/**
 * Translates every sentence with the model, a reviewed translation from the
 * memory winning over the model's for the same sentence. Boilerplate keeps
 * its source text. Sentences too long for the model are split and joined back.
 */
export const translate: WindowStage = {
  name: 'translate',
  role: 'window',
  required: true,
  description: 'translate each sentence with the model (reviewed translations from the memory win)',
  setup: ({ translator, modelFingerprint, batchTokens, reviewed }) => {
    const code = sourceDigest(new URL('../../translate/', import.meta.url), new URL('./', import.meta.url));
    return {
      // An import of reviewed translations changes the revision, so the stage runs again (from the memory: no model calls).
      get key() {
        return `${modelFingerprint}|batch:${batchTokens}|reviewed:${reviewed?.revision() ?? 'none'}|code:${code}`;
      },
      start: () => ({
        run: async (window, progress) => {
          const withReviewed = reviewed ? applyReviewed(window, reviewed) : [...window];
          const rest = withReviewed.filter((s) => s.kind === 'sentence' && !isReviewedFromMemory(s));
          if (rest.length === 0) return withReviewed.map(untranslatedKept);
          const translated = await translateSegments(rest, await translator(), {
            batchTokens,
            // Only a document's sentences with inline codes pay for the attention pass: their tags are placed by it.
            align: (segment) => (segment.sourceTags?.length ?? 0) > 0,
            onProgress: (done, total) => progress(Math.round((done / Math.max(1, total)) * window.length)),
          });
          const byId = new Map(translated.map((s) => [s.id, s]));
          return withReviewed.map((s) => byId.get(s.id) ?? untranslatedKept(s));
        },
      }),
    };
  },
};
