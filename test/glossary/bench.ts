/**
 * Scores findTerms against every glossary gold set (test/fixtures/glossary/*.marked.txt) with the
 * shipped glossary: gold terms found (detection), false hits, sentences exactly right.
 *
 *   npx tsx test/glossary/bench.ts            # all sets
 *   npx tsx test/glossary/bench.ts blind2     # sets whose name starts with blind2
 *   npx tsx test/glossary/bench.ts --errors   # also list every miss and false hit
 */
import { findTerms, loadGlossary } from '../../src/glossary/index.js';
import type { Glossary } from '../../src/glossary/index.js';
import { listSets, readMarked, type GoldSentence } from './gold.js';

export interface SetScore {
  sentences: number;
  gold: number;
  found: number;
  falseHits: number;
  exact: number;
  errors: string[];
}

const key = (t: { start: number; end: number; lemma: string }): string => `${t.start}-${t.end} ${t.lemma}`;

export function scoreSet(sentences: readonly GoldSentence[], glossary: Glossary): SetScore {
  const s: SetScore = { sentences: sentences.length, gold: 0, found: 0, falseHits: 0, exact: 0, errors: [] };
  for (const sentence of sentences) {
    const expected = new Set(sentence.terms.map(key));
    const got = new Set(findTerms(sentence.text, glossary).map(key));
    s.gold += expected.size;
    let ok = true;
    for (const k of expected) {
      if (got.has(k)) s.found++;
      else {
        ok = false;
        s.errors.push(`  #${sentence.id} missed ${k}: ${sentence.text}`);
      }
    }
    for (const k of got) {
      if (expected.has(k)) continue;
      ok = false;
      s.falseHits++;
      s.errors.push(`  #${sentence.id} false  ${k}: ${sentence.text}`);
    }
    if (ok) s.exact++;
  }
  return s;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const showErrors = process.argv.includes('--errors');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const glossary = await loadGlossary();
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(7);
  console.log(
    `${'set'.padEnd(12)} ${'sent.'.padStart(6)} ${'terms'.padStart(6)} ${'found'.padStart(6)} ${'detect%'.padStart(7)} ${'false'.padStart(6)} ${'exact%'.padStart(7)}`,
  );
  for (const set of listSets().filter((n) => only.length === 0 || only.some((o) => n.startsWith(o)))) {
    const s = scoreSet(readMarked(set), glossary);
    console.log(
      `${set.padEnd(12)} ${String(s.sentences).padStart(6)} ${String(s.gold).padStart(6)} ${String(s.found).padStart(6)} ${pct(s.found / s.gold)} ${String(s.falseHits).padStart(6)} ${pct(s.exact / s.sentences)}`,
    );
    if (showErrors) for (const e of s.errors) console.log(e);
  }
}
