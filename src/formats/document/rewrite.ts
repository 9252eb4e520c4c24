import type { InlineTag } from '../../core/segment-record.js';
import type { TranslatedBlock } from './types.js';

/**
 * Rewriting a markup source in place: each block's stretch of source is
 * replaced by its rendered translation and everything else is copied as it
 * was, byte for byte. A tag's markup is the source it came from, itself
 * rewritten: a text box inside a Word paragraph, a link's title attribute or
 * a footnote inside an ODF paragraph are blocks of their own that lie inside
 * a tag of the outer block. So readers list blocks in the order they end
 * (inner ones first), and the writer renders from the outside in.
 */

/** Where a block sits in the source, as its reader found it. */
export interface BlockRegion {
  /** [start, end) of the source that the block's rendered translation replaces. */
  start: number;
  end: number;
  /** Where each of the block's tags came from (by `tagKey`): [start, end) of the source. */
  tagSources: ReadonlyMap<string, readonly [number, number]>;
  /** What kind of region it is, for the format's renderer (element content, an attribute value…). */
  kind?: string;
}

/** A tag's key in `BlockRegion.tagSources`: an open and its close came from different places. */
export const tagKey = (tag: Pick<InlineTag, 'kind' | 'id'>) => `${tag.kind}:${tag.id}`;

/**
 * Renders one block's translation into the format's markup; `markup(tag)`
 * is the tag's original markup with any blocks inside it translated (or its
 * `data` for a tag the reader did not record, such as a split half).
 */
export type RenderBlock = (translation: TranslatedBlock, markup: (tag: InlineTag) => string, region: BlockRegion) => string;

/** `source` with every region replaced by its block's rendered translation. */
export function rewriteSource(
  source: string,
  regions: readonly BlockRegion[],
  translations: readonly TranslatedBlock[],
  render: RenderBlock,
): string {
  if (regions.length !== translations.length) throw new Error(`${regions.length} regions, ${translations.length} translations`);
  const order = regions.map((_, i) => i).sort((a, b) => regions[a]!.start - regions[b]!.start || regions[b]!.end - regions[a]!.end);
  const starts = order.map((i) => regions[i]!.start);

  const rewriteRange = (start: number, end: number): string => {
    let out = '';
    let cursor = start;
    // The first region at or after `start` (binary search over the sorted starts).
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < start) low = middle + 1;
      else high = middle;
    }
    for (let k = low; k < order.length && starts[k]! < end; k++) {
      const region = regions[order[k]!]!;
      if (region.start < cursor || region.end > end) continue;
      out += source.slice(cursor, region.start) + renderRegion(order[k]!);
      cursor = region.end;
    }
    return out + source.slice(cursor, end);
  };

  const renderRegion = (index: number): string => {
    const region = regions[index]!;
    const markup = (tag: InlineTag) => {
      const from = region.tagSources.get(tagKey(tag));
      return from ? rewriteRange(from[0], from[1]) : tag.data;
    };
    return render(translations[index]!, markup, region);
  };

  return rewriteRange(0, source.length);
}
