/**
 * npm run bench:segment — boundary precision, recall, F1 and exact-paragraph rate of the lv2en
 * segmenter and of Intl.Segmenter('lv') on the dev set and the held-out set
 * and every other gold set (test/fixtures/segment/*.txt; blind sets are scored too). `--errors` also
 * lists every paragraph lv2en gets wrong; `npm run bench:segment -- blind` scores only the sets
 * whose file name starts with `blind`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { intlSegmenter, parseGold, score, scoreBoilerplate, type GoldParagraph, type Span } from '../test/support/segment-gold.js';
import { segment } from '../src/segment/index.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/segment/', import.meta.url));
const showErrors = process.argv.includes('--errors');

// Every *.txt gold set in the folder: dev and held-out first, then the blind sets by name.
const NAMES: Record<string, string> = { 'dev.txt': 'dev', 'heldout.txt': 'held-out' };
const RANK = (f: string): number => (f === 'dev.txt' ? 0 : f === 'heldout.txt' ? 1 : 2);
const only = process.argv.filter((a) => !a.startsWith('--')).slice(2);
const sets: [string, string][] = readdirSync(fixtures)
  .filter((f) => f.endsWith('.txt') && (only.length === 0 || only.some((o) => f.startsWith(o))))
  .sort((a, b) => RANK(a) - RANK(b) || a.localeCompare(b))
  .map((f) => [NAMES[f] ?? f.replace(/\.txt$/u, ''), f]);
const systems: [string, (text: string) => readonly Span[]][] = [
  ['lv2en', segment],
  ["Intl.Segmenter('lv')", intlSegmenter('lv')],
];

const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);

function context(g: GoldParagraph, at: number): string {
  return JSON.stringify(`${g.text.slice(Math.max(0, at - 30), at)}‖${g.text.slice(at, at + 20)}`);
}

for (const [name, file] of sets) {
  const gold = parseGold(readFileSync(fixtures + file, 'utf8'));
  const boundaries = gold.reduce((n, g) => n + g.boundaries.length, 0);
  const easy = gold.filter((g) => g.tags.includes('easy')).length;
  console.log(`\n${name} set (${file}): ${gold.length} paragraphs (${easy} easy), ${boundaries} boundaries`);
  console.log(`${'system'.padEnd(22)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'exact%'.padStart(7)}`);
  for (const [sys, fn] of systems) {
    const s = score(gold, fn);
    console.log(`${sys.padEnd(22)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.exactRate)} `);
    if (sys === 'lv2en') {
      const b = scoreBoilerplate(gold, fn);
      if (b.gold > 0)
        console.log(`${''.padEnd(22)} boilerplate segments flagged: ${b.correct}/${b.gold} (false flags: ${b.predicted - b.correct})`);
      if (showErrors) {
        for (const e of s.errors) {
          const g = gold.find((x) => x.id === e.id)!;
          console.log(
            `  ${e.id}: missed ${e.missed.map((b) => context(g, b)).join(' ') || '-'}; extra ${e.extra.map((b) => context(g, b)).join(' ') || '-'}`,
          );
        }
      }
    }
  }
}
