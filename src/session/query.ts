import type { GlossaryHit, Segment } from '../core/segment-record.js';
import { rebuildLayout } from '../formats/txt.js';
import { applyGlossary, type Glossary } from '../glossary/index.js';
import { isReviewedFromMemory } from '../memory/reviewed.js';
import { SPLIT_LONG_FLAG, type Translator } from '../translate/index.js';

/** A short text translated as a translation service does (LibreTranslate's /translate). */
export interface QueryTranslation {
  /** The text as translated: LF line endings, NFC. */
  source: string;
  /** The English in the text's layout. */
  translatedText: string;
  segments: Segment[];
  /** Other translations of the whole text, best first (as many as asked for, or fewer). */
  alternatives: AlternativeTranslation[];
}

export interface AlternativeTranslation {
  translatedText: string;
  /** Per segment, the alternative's English and the glossary's verdict on it. */
  segments: { id: string; target: string | null; glossary: GlossaryHit[]; flags: string[] }[];
}

/**
 * The next `count` translations of a text after its main one: per sentence,
 * the beam's next hypotheses (the model's n-best, `count` + 1 deep, so that
 * `count` remain once the main translation is left out), each verified and
 * repaired by the glossary as the main one is (a hypothesis that then reads
 * as the main translation, or as an earlier alternative, is dropped).
 * Alternative k of the text takes each sentence's k-th alternative, or its
 * main translation where the sentence has fewer; sentences the model cannot
 * take whole (split for length), boilerplate and a person's reviewed
 * translation keep their main one.
 */
export async function alternativeTranslations(
  text: string,
  segments: readonly Segment[],
  count: number,
  translator: Translator,
  glossary: Glossary | null,
): Promise<AlternativeTranslation[]> {
  if (count < 1 || !translator.translateAlternatives) return [];
  const eligible = segments.filter(
    (s) => s.kind === 'sentence' && s.target !== null && !s.flags.includes(SPLIT_LONG_FLAG) && !isReviewedFromMemory(s),
  );
  const sources = [...new Set(eligible.map((s) => s.source))].filter(
    (source) => translator.countTokens(source) <= translator.maxInputTokens,
  );
  if (sources.length === 0) return [];
  const lists = await translator.translateAlternatives(sources, count + 1);
  const bySource = new Map(sources.map((source, i) => [source, lists[i] ?? []]));
  const perSegment = new Map<string, { target: string; glossary: GlossaryHit[]; flags: string[] }[]>();
  for (const segment of eligible) {
    const seen = new Set([segment.target!]);
    const checked: { target: string; glossary: GlossaryHit[]; flags: string[] }[] = [];
    for (const hypothesis of bySource.get(segment.source) ?? []) {
      const verdict = glossary
        ? applyGlossary(segment.source, hypothesis, glossary)
        : { target: hypothesis, hits: [] as GlossaryHit[], flags: [] as string[] };
      if (seen.has(verdict.target) || verdict.target.trim() === '') continue;
      seen.add(verdict.target);
      checked.push({ target: verdict.target, glossary: verdict.hits, flags: verdict.flags });
      if (checked.length === count) break;
    }
    perSegment.set(segment.id, checked);
  }
  const depth = Math.max(0, ...[...perSegment.values()].map((list) => list.length));
  const out: AlternativeTranslation[] = [];
  for (let k = 0; k < depth; k++) {
    const chosen = segments.map((segment) => {
      const alternative = perSegment.get(segment.id)?.[k];
      return alternative
        ? { id: segment.id, ...alternative }
        : { id: segment.id, target: segment.target, glossary: segment.glossary, flags: segment.flags };
    });
    out.push({
      translatedText: rebuildLayout(
        text,
        segments.map((segment, i) => ({ ...segment, target: chosen[i]!.target })),
      ),
      segments: chosen,
    });
  }
  return out;
}
