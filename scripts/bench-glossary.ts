/**
 * First the declension engine on real Latvian: recall and false hits per declension class on the
 * Hunspell-derived set (test/fixtures/glossary/hunspell-nouns.jsonl, scored by
 * test/glossary/reference.ts: one-entry glossary per lemma, no hints). `--declension` stops there,
 * `--errors` lists every miss and false hit.
 *
 * Then term success on a document: the share of source term occurrences whose
 * English carries the glossary target, at each step of the glossary stage.
 *
 *   tsx scripts/bench-glossary.ts [--declension] [--errors] [--model toy] [--glossary DIR] [file]
 *
 * Defaults: the example article (examples/belarus-2020-09.lv.txt), the toy
 * model, the shipped glossary. It runs the pipeline's own glossary stage
 * (src/pipeline/stages.ts) on the plain translations and reads its statuses:
 *
 *   (a) baseline      the model alone: the plain translation, verified;
 *   (b) constrained   + constrained re-decoding of the sentences lacking a
 *                     term (hits found or enforced), kept only where it raises
 *                     no new QA warning;
 *   (c) repaired      + string repair of what is still lacking.
 *
 * Also shown, for contrast, is what string repair alone (the stage before
 * constrained decoding) makes of the baseline.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GlossaryHit, Segment } from '../src/core/segment-record.js';
import { loadGlossary } from '../src/glossary/index.js';
import { planSentence } from '../src/glossary/enforce/constrained.js';
import { FLAG_CONSTRAINT_REFUSED } from '../src/glossary/flags.js';
import { flagName } from '../src/flags/index.js';
import { findModel, loadModelsConfig } from '../src/models/config.js';
import { loadModel } from '../src/models/load.js';
import { glossary as glossaryStage } from '../src/stages/glossary/index.js';
import { segment as segmentStage } from '../src/stages/segment/index.js';
import { MarianTranslator, translateSegments } from '../src/translate/index.js';
import { formatReference, scoreReference } from '../test/glossary/reference.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i !== -1) args.splice(i, 1);
  return i !== -1;
};
const declensionOnly = flag('declension');
console.log('declension on real Latvian (Hunspell-derived set, one-entry glossary per lemma, no hints)');
console.log(`${formatReference(scoreReference(), flag('errors'))}\n`);
if (declensionOnly) process.exit(0);

const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const modelName = option('model') ?? 'toy';
const glossaryDir = option('glossary');
const file = args[0] ?? fileURLToPath(new URL('../examples/belarus-2020-09.lv.txt', import.meta.url));

const glossary = await loadGlossary(glossaryDir ? [resolve(glossaryDir)] : undefined);
const spec = findModel(await loadModelsConfig(), modelName);
const loaded = await loadModel(spec, { threads: 2 });
const translator = new MarianTranslator(loaded);
const services = {
  translator: async () => translator,
  modelFingerprint: '',
  batchTokens: spec.decode.batchTokens,
  glossary,
  reviewed: null,
  formats: [],
  provenance: () => Promise.reject(new Error('the benchmark writes no outputs')),
};

const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').normalize('NFC');
const segments = segmentStage.setup(services)!.run({ name: 'bench', path: file, text });
const translated = (await translateSegments(segments, translator, { batchTokens: spec.decode.batchTokens })).filter(
  (s): s is Segment & { target: string } => s.kind === 'sentence' && s.target !== null,
);

// (a) The plain translations, verified: the baseline, and what string repair alone makes of it.
const plans = translated.map((s) => planSentence(s.source, s.target, glossary));
const repairOnly = plans.map((p) => p.plain.hits);
const redecoded = plans.filter((p) => p.constraints !== null).length;
// (b, c) The glossary stage itself: constrained re-decoding, the QA guard, then repair.
const started = performance.now();
const staged = await glossaryStage
  .setup(services)!
  .start()
  .run(translated, () => {});
const stageMs = performance.now() - started;
const final = staged.map((s) => s.glossary);
const kept = staged.filter((s, i) => plans[i]!.constraints !== null && s.glossary.some((h) => h.status === 'enforced')).length;
const refused = staged.filter((s) => s.flags.some((f) => flagName(f) === FLAG_CONSTRAINT_REFUSED)).length;

const all = final.flat();
const total = all.length;
const count = (hits: readonly GlossaryHit[], ...statuses: GlossaryHit['status'][]) =>
  hits.filter((h) => statuses.includes(h.status)).length;
const share = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`.padStart(6);

console.log(`${file}: ${translated.length} sentences, ${total} term occurrences, model ${modelName}`);
console.log(
  `re-decoded under constraints: ${redecoded} sentence(s), glossary stage ${stageMs.toFixed(0)} ms (${Math.max(4, spec.decode.numBeams)} beams); constrained output kept in ${kept}, refused as harmful in ${refused} (${FLAG_CONSTRAINT_REFUSED}), the rest placed no more terms; repair did the rest\n`,
);
const baseline = count(repairOnly.flat(), 'found');
const steps: [string, number, string][] = [
  ['(a) model alone (baseline)', baseline, `found ${baseline}`],
  ['(b) + constrained decoding', count(all, 'found', 'enforced'), `found ${count(all, 'found')}, enforced ${count(all, 'enforced')}`],
  [
    '(c) + repair',
    count(all, 'found', 'enforced', 'repaired'),
    `found ${count(all, 'found')}, enforced ${count(all, 'enforced')}, repaired ${count(all, 'repaired')}, missing ${count(all, 'missing')}`,
  ],
];
console.log('term success');
for (const [name, n, detail] of steps) console.log(`  ${name.padEnd(30)} ${share(n)}  ${String(n).padStart(3)}/${total}  ${detail}`);
const repairedOnly = count(repairOnly.flat(), 'found', 'repaired');
console.log(
  `  ${'(repair alone, for contrast)'.padEnd(30)} ${share(repairedOnly)}  ${String(repairedOnly).padStart(3)}/${total}  found ${baseline}, repaired ${count(repairOnly.flat(), 'repaired')}, missing ${count(repairOnly.flat(), 'missing')}`,
);

// Per term: baseline found, then the final statuses.
const terms = new Map<
  string,
  { lemma: string; target: string; total: number; baseline: number; found: number; enforced: number; repaired: number; missing: number }
>();
translated.forEach((_, i) => {
  final[i]!.forEach((hit, k) => {
    const key = `${hit.lemma}\u0000${hit.target}`;
    const row = terms.get(key) ?? {
      lemma: hit.lemma,
      target: hit.target,
      total: 0,
      baseline: 0,
      found: 0,
      enforced: 0,
      repaired: 0,
      missing: 0,
    };
    row.total += 1;
    if (repairOnly[i]![k]?.status === 'found') row.baseline += 1;
    row[hit.status] += 1;
    terms.set(key, row);
  });
});
const rows = [...terms.values()].sort((a, b) => b.total - a.total || a.lemma.localeCompare(b.lemma));
const width = Math.max(...rows.map((r) => `${r.lemma} → ${r.target}`.length), 4);
console.log(`\n${'term'.padEnd(width)}  total  baseline  found  enforced  repaired  missing`);
for (const r of rows) {
  console.log(
    `${`${r.lemma} → ${r.target}`.padEnd(width)}  ${String(r.total).padStart(5)}  ${String(r.baseline).padStart(8)}  ${String(r.found).padStart(5)}  ${String(r.enforced).padStart(8)}  ${String(r.repaired).padStart(8)}  ${String(r.missing).padStart(7)}`,
  );
}
await loaded.model.dispose();
