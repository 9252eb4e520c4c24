import { describe, expect, it } from 'vitest';
import { rebuildLayout } from '../../src/formats/txt.js';
import { spansToSegments } from '../../src/stages/segment/index.js';
import { segment } from '../../src/segment/index.js';

const text = 'Virsraksts bez punkta\n\nPirmais teikums. Otrais teikums!\nRindiņa sarakstā\n\n\nPēdējā rindkopa.  \n';

describe('rebuildLayout', () => {
  const segments = spansToSegments(text, segment(text));

  it('rebuilds the input exactly from the sources', () => {
    expect(rebuildLayout(text, segments, (s) => s.source)).toBe(text);
  });

  it('keeps paragraph and line breaks around the targets', () => {
    const english = rebuildLayout(
      text,
      segments.map((s) => ({ ...s, target: `<${s.id}>` })),
    );
    expect(english.split('\n\n').length).toBe(text.split('\n\n').length);
    expect(english).toMatch(/^<1>\n\n<2> <3>\n<4>\n\n\n<5> {2}\n$/);
  });

  it('numbers paragraphs by line breaks', () => {
    expect(segments.map((s) => s.paragraph)).toEqual([0, 1, 1, 2, 3]);
  });
});
