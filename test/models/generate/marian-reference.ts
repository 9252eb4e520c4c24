/**
 * A plain-JavaScript MarianMT forward pass (one sentence, no cache), written
 * from the Hugging Face modeling_marian.py semantics. Tests compare the ONNX
 * graphs against it, so a wrong transpose or mask in the graph cannot hide
 * behind a self-consistent but wrong model.
 */
import type { AttentionWeights, LayerNormWeights, LinearWeights, MarianWeights } from '../../../src/models/generate/marian/weights.js';

type Matrix = Float32Array[];

function linear(x: Matrix, w: LinearWeights): Matrix {
  return x.map((row) => {
    const out = Float32Array.from(w.bias);
    for (let i = 0; i < w.inFeatures; i++) {
      const v = row[i]!;
      const offset = i * w.outFeatures;
      for (let o = 0; o < w.outFeatures; o++) out[o]! += v * w.weight[offset + o]!;
    }
    return out;
  });
}

function layerNorm(x: Matrix, w: LayerNormWeights): Matrix {
  return x.map((row) => {
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length;
    const inv = 1 / Math.sqrt(variance + 1e-5);
    return row.map((v, i) => (v - mean) * inv * w.scale[i]! + w.bias[i]!);
  });
}

function add(a: Matrix, b: Matrix): Matrix {
  return a.map((row, r) => row.map((v, i) => v + b[r]![i]!));
}

function attention(query: Matrix, source: Matrix, w: AttentionWeights, heads: number, visible: (q: number, k: number) => boolean): Matrix {
  const d = query[0]!.length;
  const headSize = d / heads;
  const q = linear(query, w.query).map((row) => row.map((v) => v / Math.sqrt(headSize)));
  const k = linear(source, w.key);
  const v = linear(source, w.value);
  const context = query.map(() => new Float32Array(d));
  for (let h = 0; h < heads; h++) {
    const from = h * headSize;
    q.forEach((qRow, i) => {
      const scores = k.map((kRow, j) => {
        if (!visible(i, j)) return -Infinity;
        let s = 0;
        for (let c = from; c < from + headSize; c++) s += qRow[c]! * kRow[c]!;
        return s;
      });
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, j) => {
        for (let c = from; c < from + headSize; c++) context[i]![c]! += (e / total) * v[j]![c]!;
      });
    });
  }
  return linear(context, w.output);
}

function feedForward(x: Matrix, fc1: LinearWeights, fc2: LinearWeights, norm: LayerNormWeights): Matrix {
  const inner = linear(x, fc1).map((row) => row.map((v) => v / (1 + Math.exp(-v))));
  return layerNorm(add(x, linear(inner, fc2)), norm);
}

function embed(weights: MarianWeights, ids: readonly number[]): Matrix {
  const d = weights.dims.dModel;
  return ids.map((id, position) => {
    const row = new Float32Array(d);
    for (let c = 0; c < d; c++) row[c] = weights.embedding[id * d + c]! * Math.sqrt(d) + weights.positions[position * d + c]!;
    return row;
  });
}

export function referenceEncoder(weights: MarianWeights, ids: readonly number[]): Matrix {
  let hidden = embed(weights, ids);
  for (const layer of weights.encoderLayers) {
    hidden = layerNorm(
      add(
        hidden,
        attention(hidden, hidden, layer.selfAttention, weights.dims.heads, () => true),
      ),
      layer.selfAttentionNorm,
    );
    hidden = feedForward(hidden, layer.fc1, layer.fc2, layer.finalNorm);
  }
  return hidden;
}

/** Logits for every decoder position, causal, as the uncached decoder computes them. */
export function referenceDecoderLogits(weights: MarianWeights, encoded: Matrix, decoderIds: readonly number[]): Matrix {
  let hidden = embed(weights, decoderIds);
  for (const layer of weights.decoderLayers) {
    hidden = layerNorm(
      add(
        hidden,
        attention(hidden, hidden, layer.selfAttention, weights.dims.heads, (q, k) => k <= q),
      ),
      layer.selfAttentionNorm,
    );
    hidden = layerNorm(
      add(
        hidden,
        attention(hidden, encoded, layer.crossAttention, weights.dims.heads, () => true),
      ),
      layer.crossAttentionNorm,
    );
    hidden = feedForward(hidden, layer.fc1, layer.fc2, layer.finalNorm);
  }
  const { vocabSize, dModel } = weights.dims;
  return hidden.map((row) => {
    const logits = Float32Array.from(weights.finalLogitsBias);
    for (let id = 0; id < vocabSize; id++) {
      let s = 0;
      for (let c = 0; c < dModel; c++) s += row[c]! * weights.embedding[id * dModel + c]!;
      logits[id]! += s;
    }
    return logits;
  });
}
