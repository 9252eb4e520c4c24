/**
 * `npm run bench:decode-ab`: one decoding change measured against its
 * absence, interleaved in one process on the bench's model, sentences and
 * forced lengths (scripts/bench.ts): A and B are two sets of DecodingModel
 * options, each loaded once; every repeat runs greedy and beam 4 over the
 * sentences with A and with B, the order alternating, and each keeps its
 * fastest run (the least disturbed on a shared machine). Prints the B/A
 * speed ratio per method, each side's decode-time breakdown, and whether A
 * and B gave the same outputs (tokens and scores).
 *
 *   --a JSON / --b JSON   DecodingModel options (default A {"sharedCrossAttention":false}, B {})
 *   --sentences N (default 120) --repeats K (default 3) --methods greedy,beam4
 */
import { loadavg } from 'node:os';
import { AutoTokenizer, env } from '@huggingface/transformers';
import type { DecodeTime, DecodingModelOptions } from '../src/decode/index.js';
import { generatedModelDir } from '../src/models/cache.js';
import { findModel, loadModelsConfig } from '../src/models/config.js';
import { ensureGeneratedModel } from '../src/models/generated.js';
import { type LoadedModel, loadModel } from '../src/models/load.js';
import { MarianTranslator, translateSegments } from '../src/translate/index.js';
import { benchInputs, segmentsOf } from './bench-corpus.js';
import { DecodedOutputs } from './bench-outputs.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const sentences = Number(option('sentences') ?? 120);
const repeats = Number(option('repeats') ?? 3);
const methods = (option('methods') ?? 'greedy,beam4').split(',') as ('greedy' | 'beam4')[];
const sides = {
  A: JSON.parse(option('a') ?? '{"sharedCrossAttention":false}') as DecodingModelOptions,
  B: JSON.parse(option('b') ?? '{}') as DecodingModelOptions,
};

const dir = generatedModelDir('full');
await ensureGeneratedModel('full', dir);
env.allowRemoteModels = false;
env.useFSCache = false;
const tokenizer = await AutoTokenizer.from_pretrained(dir);
const texts = benchInputs(sentences, (text) => tokenizer.encode(text).length);
const sourceIds = texts.map((text) => tokenizer.encode(text));
const targetTokens = sourceIds.reduce((sum, ids) => sum + ids.length, 0);
const spec = findModel(await loadModelsConfig(), 'full-random');
const loaded: Record<'A' | 'B', LoadedModel> = {
  A: await loadModel(spec, { decoding: sides.A }),
  B: await loadModel(spec, { decoding: sides.B }),
};
console.log(
  `A ${JSON.stringify(sides.A)} against B ${JSON.stringify(sides.B)}: ${texts.length} sentences, ${targetTokens} target tokens, load ${loadavg()[0]!.toFixed(1)}`,
);

interface Best {
  seconds: number;
  time: DecodeTime;
  steps: number;
}
const summary: Record<string, unknown> = {};
for (const method of methods) {
  const best: Partial<Record<'A' | 'B', Best>> = {};
  const outputs = { A: new DecodedOutputs(), B: new DecodedOutputs() };
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const side of repeat % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      let measuring = false;
      const translator = new MarianTranslator(loaded[side], {
        decode: { numBeams: method === 'greedy' ? 1 : 4 },
        forceOutputLength: (sourceTokens) => sourceTokens,
        onDecoded: (s, d) => measuring && outputs[side].add(s, d),
      });
      const decoding = await translator.decodingModel();
      if (repeat === 0) await translator.translateBatch(texts.slice(0, 8)); // warm-up (its batch pads differently: not compared)
      measuring = true;
      const before = { ...decoding.time };
      const calls = decoding.calls.decoder;
      const started = performance.now();
      await translateSegments(segmentsOf(texts), translator, { batchTokens: spec.decode.batchTokens });
      const seconds = (performance.now() - started) / 1000;
      const time = { encoder: 0, decoder: 0, gather: 0 };
      for (const key of Object.keys(time) as (keyof DecodeTime)[]) time[key] = decoding.time[key] - before[key];
      if (!best[side] || seconds < best[side]!.seconds) best[side] = { seconds, time, steps: decoding.calls.decoder - calls };
    }
  }
  const describe = (b: Best) => {
    const ms = b.seconds * 1000;
    const pct = (x: number) => `${((x / ms) * 100).toFixed(1)}%`;
    return `${b.seconds.toFixed(2)} s (${(targetTokens / b.seconds).toFixed(0)} tok/s; decoder ${pct(b.time.decoder)}, ${(b.time.decoder / b.steps).toFixed(1)} ms × ${b.steps} steps; encoder ${pct(b.time.encoder)}; row copies ${pct(b.time.gather)}; rest ${pct(ms - b.time.decoder - b.time.encoder - b.time.gather)})`;
  };
  const same = outputs.A.digest(sourceIds) === outputs.B.digest(sourceIds) && outputs.A.unstable === 0 && outputs.B.unstable === 0;
  if (!same)
    console.log(
      `${method}: A ${outputs.A.digest(sourceIds)} (${outputs.A.unstable} unstable), B ${outputs.B.digest(sourceIds)} (${outputs.B.unstable} unstable)`,
    );
  const ratio = best.A!.seconds / best.B!.seconds;
  console.log(
    `${method}: A ${describe(best.A!)}\n${method}: B ${describe(best.B!)}\n${method}: B/A speed ${ratio.toFixed(3)}, same outputs: ${same}`,
  );
  summary[`${method}_speed_ratio`] = Number(ratio.toFixed(3));
  summary[`${method}_same_outputs`] = same;
}
await Promise.all([loaded.A.model.dispose(), loaded.B.model.dispose()]);
console.log(`load ${loadavg()[0]!.toFixed(1)}`);
console.log(JSON.stringify(summary));
