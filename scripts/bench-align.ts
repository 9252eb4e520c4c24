/**
 * `npm run bench:align`: what the word-alignment pass costs. Every sentence
 * of the example article is taken as a document sentence with inline tags and
 * translated in the translate stage's batches, plain (translateBatch) and
 * aligned (translateAligned: the same decoding plus the forced pass over the
 * chosen tokens and the word alignment). Prints, per round and in all, the
 * aligned path's extra time as a share of the plain path's, and the forced
 * pass's own time as a share of it.
 *
 * Each of the three (plain, aligned, and the forced pass alone over the
 * batch's decoded tokens) runs `--repeats` times per batch and keeps its
 * fastest run (the machine is shared), in an order rotating per batch.
 *
 * Options: --model full-random|toy (default full-random: opus-mt dimensions,
 * random weights, output length forced to the source length in tokens as in
 * `npm run bench`), --beams N (default 4, opus-mt-bat-en's setting),
 * --rounds R (default 3), --repeats K (default 3).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { findModel, loadModelsConfig } from '../src/models/config.js';
import { loadModel } from '../src/models/load.js';
import { segment } from '../src/segment/index.js';
import { MarianTranslator, planBatches } from '../src/translate/index.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
};
const modelName = option('model') ?? 'full-random';
const beams = Number(option('beams') ?? 4);
const rounds = Number(option('rounds') ?? 3);

const text = readFileSync(new URL('../examples/belarus-2020-09.lv.txt', import.meta.url), 'utf8');
const sentences = [
  ...new Set(
    segment(text)
      .filter((s) => !s.boilerplate)
      .map((s) => s.text),
  ),
];
const spec = findModel(await loadModelsConfig(), modelName);
const loaded = await loadModel(spec);
const random = spec.source.kind === 'generated' && spec.source.generator !== 'toy';
const translator = new MarianTranslator(loaded, {
  decode: { numBeams: beams },
  ...(random ? { forceOutputLength: (sourceTokens: number) => sourceTokens } : {}),
});
const tokens = sentences.map((s) => translator.countTokens(s));
const batches = planBatches(tokens, Math.max(1, Math.floor(spec.decode.batchTokens / beams)), Math.max(1, Math.floor(64 / beams))).map(
  (b) => b.map((i) => sentences[i]!),
);
console.log(
  `bench:align: ${modelName} (${spec.dtype}), ${beams} beams, ${sentences.length} sentences in ${batches.length} batches, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`,
);

// Warm up both paths (session creation, the attention graph's preparation) outside the measurement.
await translator.translateAligned(batches[0]!.slice(0, 2));
const attention = await loaded.attention();

const repeats = Number(option('repeats') ?? 3);
const fastest = async (run: () => Promise<unknown>): Promise<number> => {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < repeats; k++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
};
const { tokenizer } = loaded;
let plainTotal = 0;
let alignedTotal = 0;
let passTotal = 0;
for (let round = 0; round < rounds; round++) {
  let plain = 0;
  let aligned = 0;
  let pass = 0;
  for (const [b, batch] of batches.entries()) {
    const ids = batch.map((s) => tokenizer.encode(s));
    const decoded = await translator.decodeIds(ids);
    const pairs = ids.map((source, i) => ({ source, target: decoded[i]!.tokens }));
    const [plainOut, alignedOut] = [await translator.translateBatch(batch), await translator.translateAligned(batch)];
    if (plainOut.join('\n') !== alignedOut.map((o) => o.target).join('\n')) throw new Error('the aligned path translated differently');
    const measures = [
      async () => (plain += await fastest(() => translator.translateBatch(batch))),
      async () => (aligned += await fastest(() => translator.translateAligned(batch))),
      async () => (pass += await fastest(() => attention.attention(pairs))),
    ];
    // The three in rotating order, so none always runs first after the others.
    for (let k = 0; k < measures.length; k++) await measures[(round + b + k) % measures.length]!();
  }
  plainTotal += plain;
  alignedTotal += aligned;
  passTotal += pass;
  console.log(
    `round ${round + 1}: plain ${(plain / 1000).toFixed(2)} s, aligned ${(aligned / 1000).toFixed(2)} s (+${((100 * (aligned - plain)) / plain).toFixed(1)}%), forced pass alone ${(pass / 1000).toFixed(2)} s (${((100 * pass) / plain).toFixed(1)}% of plain)`,
  );
}
const summary = {
  model: modelName,
  beams,
  sentences: sentences.length,
  plainSeconds: plainTotal / 1000,
  alignedSeconds: alignedTotal / 1000,
  passSeconds: passTotal / 1000,
  extraRatio: (alignedTotal - plainTotal) / plainTotal,
  passRatio: passTotal / plainTotal,
};
console.log(
  `all rounds (fastest of ${repeats} per batch): aligned/plain ${(alignedTotal / plainTotal).toFixed(3)} (+${(100 * summary.extraRatio).toFixed(1)}%), forced pass alone ${(100 * summary.passRatio).toFixed(1)}% of plain decoding`,
);
console.log(JSON.stringify(summary));
await loaded.model.dispose();
