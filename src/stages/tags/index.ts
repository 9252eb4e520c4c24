import type { GlossaryHit, Segment } from '../../core/segment-record.js';
import { sourceDigest } from '../../core/source-digest.js';
import { type Anchor, keepCodeSpacing, nestingProblem, placeTags, TAG_PLACEMENT_FLAG } from '../../inline/index.js';
import type { WindowStage } from '../types.js';

/**
 * Where each glossary hit's term sits in the target: its k-th occurrence for
 * the k-th hit with that term (case as written first, then any case).
 */
function glossaryAnchors(hits: readonly GlossaryHit[], target: string): Anchor[] {
  const anchors: Anchor[] = [];
  const used = new Map<string, number>();
  for (const hit of hits) {
    if (hit.status === 'missing' || hit.target === '') continue;
    let from = used.get(hit.target) ?? 0;
    let at = target.indexOf(hit.target, from);
    if (at === -1) at = target.toLowerCase().indexOf(hit.target.toLowerCase(), from);
    if (at === -1) continue;
    from = at + hit.target.length;
    used.set(hit.target, from);
    anchors.push({ source: [hit.start, hit.end], target: [at, from] });
  }
  return anchors;
}

/** A target's tags that a person placed (a reviewed translation) and that fit it. */
const keepsOwnTags = (segment: Segment & { target: string }) =>
  segment.targetTags !== undefined &&
  segment.targetTags.length === segment.sourceTags!.length &&
  nestingProblem(segment.targetTags, segment.target.length) === null;

/**
 * Places a document sentence's inline tags (bold, links, note references, line
 * breaks) on its final translation, after the glossary: its hits are the
 * surest anchors. Text that stays as it was (page furniture) keeps its tags
 * where they were. A tag placed without confidence flags the sentence.
 */
export const tags: WindowStage = {
  name: 'tags',
  role: 'window',
  required: false,
  description: 'place the inline tags of a document (bold, links, note references) on the translation by word alignment',
  setup: () => ({
    key: sourceDigest(new URL('../../inline/', import.meta.url), new URL('./', import.meta.url)),
    // Plain text has no tags: its runs (and their stage keys) are as if the stage were not there.
    appliesTo: (document) => document.blocks?.some((block) => block.tags.length > 0) ?? false,
    start: () => ({
      run: async (window) =>
        window.map((segment): Segment => {
          if (!segment.sourceTags?.length || segment.target === null) return segment;
          const withTarget = { ...segment, target: segment.target };
          if (keepsOwnTags(withTarget)) return segment;
          if (segment.target === segment.source) return { ...segment, targetTags: segment.sourceTags };
          const placement = placeTags({
            source: segment.source,
            tags: segment.sourceTags,
            target: segment.target,
            alignment: segment.alignment,
            anchors: glossaryAnchors(segment.glossary, segment.target),
          });
          const flags = placement.confident ? segment.flags : [...segment.flags, TAG_PLACEMENT_FLAG];
          const spaced = keepCodeSpacing(segment.source, segment.sourceTags, segment.target, placement.tags);
          return { ...segment, target: spaced.target, targetTags: spaced.tags, flags };
        }),
    }),
  }),
};
