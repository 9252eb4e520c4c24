import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationStore } from '../../src/memory/index.js';
import { applyReviewed, REVIEWED_KEY, reviewedIn } from '../../src/memory/reviewed.js';
import { lookupOne, openReviewed } from '../helpers/reviewed.js';
import { segment } from '../write/helpers.js';

const source = 'Oficiāli viņš ieguva 80,1% balsu.';
const reviewed = 'Officially, he won 80.1% of the vote.';

describe('reviewed translations in the translation store', () => {
  it('stores them as status reviewed under the model-independent key, and finds them again', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lv2en-tm-')), 'translations.sqlite');
    const memory = openReviewed(path);
    expect(memory.store([{ source, target: reviewed, origin: 'a.xlf#2' }])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(memory.store([{ source, target: reviewed, origin: 'a.xlf#2' }])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(memory.store([{ source, target: `${`${reviewed} `.trim()}!`, origin: 'b.xlf#2' }])).toEqual({
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
      const view = reviewedIn(store);
      expect(lookupOne(view, `  ${source}\u0001 `)).toBe(`${reviewed}!`);
      expect(lookupOne(view, 'Cits teikums.')).toBeNull();
    } finally {
      store.close();
    }
  });

  it('feeds the translate stage hook and its key', async () => {
    const store = TranslationStore.open(':memory:');
    try {
      const memory = reviewedIn(store);
      const segments = [
        segment(1, 0, source, 'Officially he received 80,1% of the votes.'),
        segment(2, 0, 'Cits teikums.', 'Another sentence.'),
      ];
      const before = memory.revision();
      memory.store([{ source, target: reviewed, origin: 'test' }]);
      expect(applyReviewed(segments, memory).map((s) => [s.target, s.flags])).toEqual([
        [reviewed, ['tm:reviewed']],
        ['Another sentence.', []],
      ]);
      expect(memory.revision()).not.toBe(before);
    } finally {
      store.close();
    }
  });
});
