import fc from 'fast-check';
import type { InlineTag } from '../../src/core/segment-record.js';
import { words } from '../../src/inline/index.js';

/**
 * Random Latvian-looking sentences with random well-nested tag layouts: at
 * each word boundary some open spans close, codes stand, new spans open (so
 * spans nest, sit side by side, are empty or cover everything).
 */
export function arbitraryTagged(): fc.Arbitrary<{ text: string; tags: InlineTag[] }> {
  const word = fc.constantFrom(
    'Svetlana',
    'Tihanovska',
    'pirmdien',
    'tikās',
    'ar',
    'Eiropas',
    'Savienības',
    'ministriem',
    '2020.',
    'gadā',
    ',',
    '„Rīga”',
    'ā',
  );
  const action = fc.constantFrom('open', 'close', 'code', 'none', 'none');
  return fc
    .record({
      sentence: fc.array(word, { minLength: 1, maxLength: 10 }),
      actions: fc.array(fc.array(action, { maxLength: 3 }), { maxLength: 24 }),
    })
    .map(({ sentence, actions }) => {
      const text = sentence.join(' ');
      const points = [0, ...words(text).flat(), text.length];
      const tags: InlineTag[] = [];
      const open: string[] = [];
      let id = 1;
      points.forEach((at, i) => {
        for (const act of actions[i] ?? []) {
          if (act === 'close' && open.length > 0) {
            const n = open.pop()!;
            tags.push({ kind: 'close', id: n, at, type: 'bold', data: `</b${n}>` });
          } else if (act === 'open') {
            const n = String(id++);
            open.push(n);
            tags.push({ kind: 'open', id: n, at, type: 'bold', data: `<b${n}>` });
          } else if (act === 'code') {
            const n = String(id++);
            tags.push({ kind: 'isolated', id: n, at, type: 'note', data: `<n${n}/>` });
          }
        }
      });
      while (open.length > 0) {
        const n = open.pop()!;
        tags.push({ kind: 'close', id: n, at: text.length, type: 'bold', data: `</b${n}>` });
      }
      return { text, tags };
    });
}
