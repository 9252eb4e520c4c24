import { sourceDigest } from '../../core/source-digest.js';
import { checkSegments, QaLearner } from '../../qa/index.js';
import type { WindowStage } from '../types.js';

/** Flags what a reviewer should look at (numbers, untranslated words, length, loops); never changes the text. */
export const qa: WindowStage = {
  name: 'qa',
  role: 'window',
  required: false,
  description: 'flag numbers lost or changed, untranslated text, unusual length, decoder loops; the text is never changed',
  setup: () => ({
    key: sourceDigest(new URL('../../qa/', import.meta.url), new URL('./', import.meta.url)),
    start: () => {
      const learner = new QaLearner();
      return {
        learn: (window) => learner.learn(window),
        run: async (window) => checkSegments(window, learner.context()),
      };
    },
  }),
};
