/**
 * Input and output names/shapes of a Marian export's sessions (encoder_model,
 * decoder_model, decoder_with_past_model, decoder_model_merged), as optimum
 * exports them. transformers.js runs the encoder and the merged decoder; the
 * library builds the first step's empty past tensors from these input shapes:
 * it fills `batch_size`, zeroes every other named dimension and keeps numbers,
 * so heads and head size must be fixed numbers here.
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType, type GraphSpec } from '../../onnx/onnx-proto.js';

export interface AttentionShape {
  layers: number;
  heads: number;
  headSize: number;
  dModel: number;
  vocabSize: number;
}

export interface EncoderInputs {
  inputIds: string;
  attentionMask: string;
}

export const ENCODER_OUTPUT = 'last_hidden_state';

export function declareEncoderIO(g: GraphBuilder, dModel: number): EncoderInputs {
  const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const attentionMask = g.input('attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  g.output(ENCODER_OUTPUT, DataType.FLOAT, ['batch_size', 'encoder_sequence_length', dModel]);
  return { inputIds, attentionMask };
}

export interface LayerCacheNames {
  pastSelfKey: string;
  pastSelfValue: string;
  pastCrossKey: string;
  pastCrossValue: string;
  presentSelfKey: string;
  presentSelfValue: string;
  presentCrossKey: string;
  presentCrossValue: string;
}

/**
 * The three decoder files of an optimum export: `decoder_model` (first step:
 * no past, computes the cross-attention cache), `decoder_with_past_model`
 * (later steps: takes the whole cache, returns only the grown self-attention
 * part) and `decoder_model_merged` (both behind one If on use_cache_branch).
 */
export type DecoderVariant = 'no_past' | 'with_past' | 'merged';

export interface DecoderInputs {
  encoderAttentionMask: string;
  inputIds: string;
  /** Absent from the with-past decoder: its cross-attention reads the cached keys and values. */
  encoderHiddenStates: string | null;
  useCacheBranch: string | null;
  layers: LayerCacheNames[];
}

export const DECODER_LOGITS = 'logits';
export const USE_CACHE_BRANCH = 'use_cache_branch';

const PAST_SELF_LENGTH = 'past_decoder_sequence_length';
const CROSS_LENGTH = 'encoder_sequence_length_out';

export function cacheNames(layers: number): LayerCacheNames[] {
  return Array.from({ length: layers }, (_, i) => ({
    pastSelfKey: `past_key_values.${i}.decoder.key`,
    pastSelfValue: `past_key_values.${i}.decoder.value`,
    pastCrossKey: `past_key_values.${i}.encoder.key`,
    pastCrossValue: `past_key_values.${i}.encoder.value`,
    presentSelfKey: `present.${i}.decoder.key`,
    presentSelfValue: `present.${i}.decoder.value`,
    presentCrossKey: `present.${i}.encoder.key`,
    presentCrossValue: `present.${i}.encoder.value`,
  }));
}

/** Declares the inputs of one decoder file, in optimum's order (the merged one: the union, then use_cache_branch). */
export function declareDecoderInputs(g: GraphBuilder, shape: AttentionShape, variant: DecoderVariant): DecoderInputs {
  const { heads, headSize } = shape;
  const encoderAttentionMask = g.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encoderHiddenStates =
    variant === 'with_past'
      ? null
      : g.input('encoder_hidden_states', DataType.FLOAT, ['batch_size', 'encoder_sequence_length', shape.dModel]);
  const layers = cacheNames(shape.layers);
  if (variant !== 'no_past') {
    const past = (name: string, length: string) => g.input(name, DataType.FLOAT, ['batch_size', heads, length, headSize]);
    for (const layer of layers) {
      past(layer.pastSelfKey, PAST_SELF_LENGTH);
      past(layer.pastSelfValue, PAST_SELF_LENGTH);
      past(layer.pastCrossKey, CROSS_LENGTH);
      past(layer.pastCrossValue, CROSS_LENGTH);
    }
  }
  const useCacheBranch = variant === 'merged' ? g.input(USE_CACHE_BRANCH, DataType.BOOL, [1]) : null;
  return { encoderAttentionMask, inputIds, encoderHiddenStates, useCacheBranch, layers };
}

/**
 * The outputs of one decoder file: logits, then per layer the self-attention
 * cache and (except with past, whose cross-attention cache is an input only)
 * the cross-attention cache. Shapes are omitted inside If branches.
 */
export function declareDecoderOutputs(g: GraphBuilder, shape: AttentionShape, variant: DecoderVariant, withShapes = true): void {
  const { heads, headSize } = shape;
  const out = (name: string, dims: (string | number)[]) =>
    withShapes ? g.output(name, DataType.FLOAT, dims) : g.output(name, DataType.FLOAT);
  out(DECODER_LOGITS, ['batch_size', 'decoder_sequence_length', shape.vocabSize]);
  const selfLength = variant === 'no_past' ? 'decoder_sequence_length' : 'present_decoder_sequence_length';
  for (const layer of cacheNames(shape.layers)) {
    out(layer.presentSelfKey, ['batch_size', heads, selfLength, headSize]);
    out(layer.presentSelfValue, ['batch_size', heads, selfLength, headSize]);
    if (variant === 'with_past') continue;
    out(layer.presentCrossKey, ['batch_size', heads, 'encoder_sequence_length', headSize]);
    out(layer.presentCrossValue, ['batch_size', heads, 'encoder_sequence_length', headSize]);
  }
}

/**
 * What optimum's merge (strict=False) puts in the with-past branch for the
 * cross-attention outputs it lacks: empty constants of shape [0, H, 1, Dh]
 * (batch 0, every other named axis 1). Callers reuse step 1's cache instead.
 * The branch then declares its outputs in the no-past order (If matches
 * branch outputs by position).
 */
function emptyCrossCacheOutputs(g: GraphBuilder, shape: AttentionShape): void {
  for (const layer of cacheNames(shape.layers)) {
    for (const name of [layer.presentCrossKey, layer.presentCrossValue]) {
      const empty = { name: `${name}_empty`, dataType: DataType.FLOAT, dims: [0, shape.heads, 1, shape.headSize], raw: new Uint8Array(0) };
      g.op('Constant', [], { value: attr.tensor(empty) }, { outputs: [name] });
    }
  }
}

/** Output names of the merged decoder's If: the decoder without past's outputs, in order. */
function mergedOutputs(shape: AttentionShape): string[] {
  return [
    DECODER_LOGITS,
    ...cacheNames(shape.layers).flatMap((l) => [l.presentSelfKey, l.presentSelfValue, l.presentCrossKey, l.presentCrossValue]),
  ];
}

/** Writes the decoder's forward pass into `g` (reading `io`), with or without past. */
export type DecoderBody = (g: GraphBuilder, io: DecoderInputs, withPast: boolean) => void;

/**
 * One of the three decoder files of an export. The merged one is built as
 * optimum's merge_decoders builds it: a single If on use_cache_branch whose
 * else branch is the whole decoder without past and whose then branch is the
 * whole decoder with past (plus empty cross-attention outputs), every weight
 * stored once at the top level and read by both branches.
 */
export function decoderFile(name: string, shape: AttentionShape, variant: DecoderVariant, body: DecoderBody): GraphSpec {
  const g = new GraphBuilder(variant === 'merged' ? 'merged' : `${name}_${variant}`);
  const io = declareDecoderInputs(g, shape, variant);
  if (variant !== 'merged') {
    body(g, io, variant === 'with_past');
    declareDecoderOutputs(g, shape, variant);
    return g.build();
  }
  const noPast = g.subgraph('no_past');
  body(noPast, io, false);
  declareDecoderOutputs(noPast, shape, 'no_past', false);
  const withPast = g.subgraph('with_past');
  body(withPast, io, true);
  emptyCrossCacheOutputs(withPast, shape);
  declareDecoderOutputs(withPast, shape, 'no_past', false);
  declareDecoderOutputs(g, shape, 'no_past');
  g.op(
    'If',
    [io.useCacheBranch!],
    { then_branch: attr.graph(withPast.build()), else_branch: attr.graph(noPast.build()) },
    { outputs: mergedOutputs(shape) },
  );
  return g.build();
}
