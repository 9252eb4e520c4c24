/**
 * The decoder's cross-attention over tokens already chosen: one forced
 * (teacher-forced) run of the no-past decoder over a batch's final token
 * sequences, through a graph cut down to one layer's head-averaged attention
 * (graphs/cross-attention.ts). A separate pass after decoding, so the search
 * loop and its graphs stay as they are and text that needs no alignment pays
 * nothing: the session opens on first use, and only callers who ask run it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { decoderBranch, wholeGraph } from './graphs/branch.js';
import { CROSS_ATTENTION_OUTPUT, crossAttentionGraph } from './graphs/cross-attention.js';
import { perRowQuantization } from './graphs/per-row-quantization.js';
import type { DecodingModel, DecodingModelOptions, SpecialTokens } from './model.js';
import { type ExportFiles, prepared } from './prepare.js';
import { createSession } from './sessions.js';

/** One sentence of a forced pass: its source tokens (ending in `</s>`) and the target tokens chosen for it (without start and `</s>`). */
export interface ForcedPair {
  source: readonly number[];
  target: readonly number[];
}

/** attention[t][s]: how much target token t read source token s (each row sums to 1 over the source, `</s>` included). */
export type TokenAttentionRows = Float32Array[];

/**
 * The batch of a forced pass: the sources right-padded with their mask, and
 * the decoder's inputs, where position t holds the start token then targets
 * 0…t-1, so it is the position at which target t was chosen (n targets, n
 * positions; the rows are right-padded, which a causal decoder never reads
 * back).
 */
export function forcedInputs(
  pairs: readonly ForcedPair[],
  tokens: Pick<SpecialTokens, 'pad' | 'decoderStart'>,
): { inputIds: ort.Tensor; attentionMask: ort.Tensor; decoderInputIds: ort.Tensor } {
  const rows = pairs.length;
  const sourceLength = Math.max(1, ...pairs.map((p) => p.source.length));
  const targetLength = Math.max(1, ...pairs.map((p) => p.target.length));
  const sourceIds = new BigInt64Array(rows * sourceLength).fill(BigInt(tokens.pad));
  const mask = new BigInt64Array(rows * sourceLength);
  const decoderIds = new BigInt64Array(rows * targetLength).fill(BigInt(tokens.pad));
  pairs.forEach((pair, r) => {
    pair.source.forEach((id, s) => {
      sourceIds[r * sourceLength + s] = BigInt(id);
      mask[r * sourceLength + s] = 1n;
    });
    decoderIds[r * targetLength] = BigInt(tokens.decoderStart);
    for (let t = 1; t < pair.target.length; t++) decoderIds[r * targetLength + t] = BigInt(pair.target[t - 1]!);
  });
  return {
    inputIds: new ort.Tensor('int64', sourceIds, [rows, sourceLength]),
    attentionMask: new ort.Tensor('int64', mask, [rows, sourceLength]),
    decoderInputIds: new ort.Tensor('int64', decoderIds, [rows, targetLength]),
  };
}

export class CrossAttentionModel {
  /** Forced passes so far and their wall time in milliseconds (encoder included). */
  readonly calls = { passes: 0, milliseconds: 0 };

  private constructor(
    private readonly decoding: DecodingModel,
    private readonly session: ort.InferenceSession,
  ) {}

  /**
   * Prepares (or finds cached, like every derived graph) the attention graph
   * of `files`' no-past decoder and opens a session on it; the encoder is
   * `decoding`'s own session.
   */
  static async load(files: ExportFiles, decoding: DecodingModel, options: DecodingModelOptions = {}): Promise<CrossAttentionModel> {
    const perRow = options.perRowQuantization ?? true;
    const fallbackDir = options.preparedFallbackDir ?? join(tmpdir(), 'lv2en-prepared');
    const noPast = files.decoder ?? files.merged;
    const path = await prepared(
      noPast,
      `cross-attention-${perRow ? 'per-row' : 'as-exported'}`,
      { perRowQuantization: perRow, fallbackDir },
      (model, opset) => {
        const decoder = files.decoder ? wholeGraph(model.graph) : decoderBranch(model.graph, 'no_past');
        const graph = crossAttentionGraph(decoder, opset);
        return perRow ? perRowQuantization(graph, opset).graph : graph;
      },
    );
    return new CrossAttentionModel(decoding, await createSession(path, options.session));
  }

  /**
   * Each pair's attention rows, one per target token, from one batched run of
   * the encoder and of the attention graph. Rows are right-padded (the
   * decoder is causal, so padding after a row's last token changes none of
   * its positions; the source padding is masked) and per-row quantised, so a
   * sentence gets the same attention alone as in any batch.
   */
  async attention(pairs: readonly ForcedPair[]): Promise<TokenAttentionRows[]> {
    if (pairs.length === 0) return [];
    const started = performance.now();
    const forced = forcedInputs(pairs, this.decoding.tokens);
    const [, sourceLength] = forced.attentionMask.dims as [number, number];
    const [, targetLength] = forced.decoderInputIds.dims as [number, number];
    const hidden = await this.decoding.encode(forced.inputIds, forced.attentionMask);
    const feeds: Record<string, ort.Tensor> = {};
    const available: Record<string, ort.Tensor> = {
      input_ids: forced.decoderInputIds,
      encoder_hidden_states: hidden,
      encoder_attention_mask: forced.attentionMask,
    };
    for (const name of this.session.inputNames) {
      const tensor = available[name];
      if (!tensor) throw new Error(`the cross-attention graph takes ${name}, which a forced pass does not have`);
      feeds[name] = tensor;
    }
    const out = await this.session.run(feeds);
    const weights = out[CROSS_ATTENTION_OUTPUT]?.data as Float32Array | undefined;
    if (!weights) throw new Error(`the cross-attention graph returned no ${CROSS_ATTENTION_OUTPUT}`);
    const result = pairs.map((pair, r) =>
      Array.from({ length: pair.target.length }, (_, t) => {
        const at = (r * targetLength + t) * sourceLength;
        return weights.slice(at, at + pair.source.length);
      }),
    );
    this.calls.passes += 1;
    this.calls.milliseconds += performance.now() - started;
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
