import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationStore } from '../../src/memory/index.js';
import { applyReviewed, openReviewMemory, REVIEWED_KEY, reviewedFingerprint, reviewMemoryOf } from '../../src/review/index.js';
import { segment } from '../write/helpers.js';

const source = 'Oficiāli viņš ieguva 80,1% balsu.';
const reviewed = 'Officially, he won 80.1% of the vote.';

describe('reviewed translations in the translation store', () => {
  it('stores them as status reviewed under the model-independent key, and finds them again', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lv2en-tm-')), 'translations.sqlite');
    const memory = await openReviewMemory({ path });
    expect(memory.location).toBe(path);
    expect(memory.storeReviewed([{ source, target: reviewed, origin: 'a.xlf#2' }])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(memory.storeReviewed([{ source, target: reviewed, origin: 'a.xlf#2' }])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(memory.storeReviewed([{ source, target: `${`${reviewed} `.trim()}!`, origin: 'b.xlf#2' }])).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
    });
    memory.close();

    const store = TranslationStore.open(path);
    try {
      expect(store.lookup(REVIEWED_KEY, [source]).get(source)).toEqual({ target: `${reviewed}!`, status: 'reviewed' });
      // A machine translation stored under the same key later never replaces it.
      store.store(REVIEWED_KEY, [{ source, target: 'machine' }], 'machine');
      const view = reviewMemoryOf(store);
      expect(view.lookupReviewed(`  ${source}\u0001 `)).toBe(`${reviewed}!`);
      expect(view.lookupReviewed('Cits teikums.')).toBeNull();
    } finally {
      store.close();
    }
  });

  it('feeds the translate stage hook and its key', async () => {
    const store = TranslationStore.open(':memory:');
    try {
      const memory = reviewMemoryOf(store);
      const segments = [
        segment(1, 0, source, 'Officially he received 80,1% of the votes.'),
        segment(2, 0, 'Cits teikums.', 'Another sentence.'),
      ];
      const before = reviewedFingerprint(
        memory,
        segments.map((s) => s.source),
      );
      expect(before).toBe('none');
      memory.storeReviewed([{ source, target: reviewed, origin: 'test' }]);
      expect(applyReviewed(segments, memory).map((s) => [s.target, s.flags])).toEqual([
        [reviewed, ['tm:reviewed']],
        ['Another sentence.', []],
      ]);
      const after = reviewedFingerprint(
        memory,
        segments.map((s) => s.source),
      );
      expect(after).not.toBe(before);
      expect(reviewedFingerprint(memory, ['Cits teikums.'])).toBe('none'); // another document's key is untouched
    } finally {
      store.close();
    }
  });
});
