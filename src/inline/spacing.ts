import type { InlineTag } from '../core/segment-record.js';

/** Codes that stand for whitespace themselves (their writers drop the space beside them). */
const SPACE_CODES = new Set(['break', 'tab', 'cue']);
const SPACE = /[ \t\n\r\f]/;
/** Punctuation that follows a word without a space: a code before it keeps none either. */
const CLOSING = /[.,;:!?)\]»”’%…]/u;

/**
 * A code that stands alone between words in the source (inline code, an
 * image, a footnote reference) keeps the same spacing on the translation:
 * where the source had a space before or after it and the translation has
 * none, one is put there. The placement only chose a word boundary; this
 * keeps "met with `npm ci` code" from becoming "with`npm ci`code".
 */
export function keepCodeSpacing(
  source: string,
  sourceTags: readonly InlineTag[],
  target: string,
  targetTags: readonly InlineTag[],
): { target: string; tags: InlineTag[] } {
  const at = new Map(sourceTags.map((tag) => [`${tag.kind}:${tag.id}`, tag.at]));
  let text = target;
  let tags = targetTags.map((tag) => ({ ...tag }));
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag.kind !== 'isolated' || SPACE_CODES.has(tag.type)) continue;
    const from = at.get(`isolated:${tag.id}`);
    if (from === undefined) continue;
    const spaceBefore = from > 0 && SPACE.test(source[from - 1]!);
    const spaceAfter = from < source.length && SPACE.test(source[from]!);
    if (spaceBefore && tag.at > 0 && !SPACE.test(text[tag.at - 1]!)) {
      text = `${text.slice(0, tag.at)} ${text.slice(tag.at)}`;
      tags = tags.map((t, k) => (k >= i ? { ...t, at: t.at + 1 } : t));
    }
    const here = tags[i]!.at;
    if (spaceAfter && here < text.length && !SPACE.test(text[here]!) && !CLOSING.test(text[here]!)) {
      text = `${text.slice(0, here)} ${text.slice(here)}`;
      tags = tags.map((t, k) => (k > i ? { ...t, at: t.at + 1 } : t));
    }
  }
  return { target: text, tags };
}
