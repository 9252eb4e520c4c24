import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFiles, onnxFile } from '../../../src/models/files.js';
import { SMALL_DIMS, generateRandomMarian } from '../../../src/models/generate/index.js';
import { parseModel, type ParsedGraph } from '../../../src/onnx/read-model.js';

let root: string;
let dir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-export-structure-'));
  dir = join(root, 'small');
  await generateRandomMarian(dir, { dims: SMALL_DIMS, seed: 11 });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const graphOf = async (file: string) => parseModel(new Uint8Array(await readFile(join(dir, file)))).graph;
const opCounts = (graph: ParsedGraph) => {
  const counts = new Map<string, number>();
  for (const node of graph.nodes) counts.set(node.opType, (counts.get(node.opType) ?? 0) + 1);
  return counts;
};

describe.each(['fp32', 'q8'] as const)('a generated Marian export (%s)', (dtype) => {
  it('has every file of an optimum export', async () => {
    for (const file of exportFiles()) expect((await stat(join(dir, file))).size, file).toBeGreaterThan(0);
  });

  it('merges the two decoders as optimum does: one If, whole decoders as branches, weights at the top', async () => {
    const merged = await graphOf(onnxFile('decoder_model_merged', dtype));
    expect(merged.nodes.map((n) => n.opType)).toEqual(['If']);
    const [ifNode] = merged.nodes;
    expect(ifNode!.inputs).toEqual(['use_cache_branch']);
    const noPast = ifNode!.graphs.get('else_branch')!;
    const withPast = ifNode!.graphs.get('then_branch')!;
    expect(noPast.initializers).toHaveLength(0);
    expect(withPast.initializers).toHaveLength(0);
    expect(merged.initializers.length).toBeGreaterThan(10);
    // Weight names are unique at the top level: both branches read the same copy.
    expect(new Set(merged.initializers.map((t) => t.name)).size).toBe(merged.initializers.length);

    expect(opCounts(noPast)).toEqual(opCounts(await graphOf(onnxFile('decoder_model', dtype))));
    const withPastOps = opCounts(withPast);
    // The with-past branch adds one empty constant per cross-attention output it lacks.
    expect(withPastOps.get('Constant')).toBe(2 * SMALL_DIMS.decoderLayers);
    withPastOps.delete('Constant');
    expect(withPastOps).toEqual(opCounts(await graphOf(onnxFile('decoder_with_past_model', dtype))));
  });

  it('names the with-past decoder’s inputs and outputs as optimum does', async () => {
    const session = await ort.InferenceSession.create(join(dir, onnxFile('decoder_with_past_model', dtype)));
    const layers = Array.from({ length: SMALL_DIMS.decoderLayers }, (_, i) => i);
    expect(session.inputNames).toEqual([
      'encoder_attention_mask',
      'input_ids',
      ...layers.flatMap((i) => ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'].map((p) => `past_key_values.${i}.${p}`)),
    ]);
    expect(session.outputNames).toEqual(['logits', ...layers.flatMap((i) => [`present.${i}.decoder.key`, `present.${i}.decoder.value`])]);
    await session.release();
  });
});
