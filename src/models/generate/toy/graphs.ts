/**
 * Lookup-table graphs of the toy model. The encoder stores each source token
 * id in channel 0 of its hidden state; the decoder's step t reads the source
 * token at position t (past length + index) of its own row, never padding,
 * and emits the dictionary translation of it. So output length = source
 * length, a row decodes the same in any batch, and a row kept generating past
 * its `</s>` emits visible garbage once, then `</s>`, as the notes require.
 */
import { GraphBuilder, attr } from '../../../onnx/graph-builder.js';
import { DataType, type GraphSpec } from '../../../onnx/onnx-proto.js';
import { int64Tensor } from '../../../onnx/tensors.js';
import {
  DECODER_LOGITS,
  ENCODER_OUTPUT,
  declareEncoderIO,
  decoderFile,
  type AttentionShape,
  type DecoderInputs,
  type DecoderVariant,
} from '../session-io.js';
import { MASKED } from '../marian/layers.js';
import type { ToyVocabulary } from './vocabulary.js';

/** Logits stay finite and graded, so beam search and constrained decoding have real alternatives to rank. */
const PRIMARY_LOGIT = 10;
const RUNNER_UP_LOGIT = 5;

export const TOY_D_MODEL = 4;

export function toyAttentionShape(vocabulary: ToyVocabulary): AttentionShape {
  return { layers: 1, heads: 1, headSize: TOY_D_MODEL, dModel: TOY_D_MODEL, vocabSize: vocabulary.pieces.length };
}

/** [B,S] ids → [B,S,d] floats with the id in channel 0. */
function idsToHidden(g: GraphBuilder, ids: string): string {
  const asFloat = g.op1('Cast', [ids], { to: attr.int(DataType.FLOAT) });
  const column = g.op1('Unsqueeze', [asFloat, g.int64([-1])]);
  const channelZero = g.float([1, ...new Array<number>(TOY_D_MODEL - 1).fill(0)]);
  return g.op1('Mul', [column, channelZero]);
}

/** Where the mask is 0 the token becomes `<pad>`, whatever the row holds. */
function maskToPad(g: GraphBuilder, ids: string, mask: string, padId: number): string {
  const keep = g.op1('Cast', [mask], { to: attr.int(DataType.BOOL) });
  return g.op1('Where', [keep, ids, g.int64Scalar(padId)]);
}

export function toyEncoderGraph(vocabulary: ToyVocabulary): GraphSpec {
  const g = new GraphBuilder('toy_encoder');
  const { inputIds, attentionMask } = declareEncoderIO(g, TOY_D_MODEL);
  const ids = maskToPad(g, inputIds, attentionMask, vocabulary.padId);
  g.op1('Identity', [idsToHidden(g, ids)], {}, ENCODER_OUTPUT);
  return g.build();
}

function dimension(g: GraphBuilder, value: string, axis: number): string {
  return g.op1('Shape', [value], { start: attr.int(axis), end: attr.int(axis + 1) });
}

/**
 * The source token at each read position, read as a real decoder reads its
 * source: a cross-attention Softmax over the source positions (one-hot on the
 * position: 0 against MASKED, so exactly 1 and 0) times the cross-attention
 * values. The toy's attention thus points at the very token it translates,
 * and lv2en's alignment pass finds it where it finds a real export's.
 */
function readThroughAttention(g: GraphBuilder, crossValues: string, readPositions: string, lastVocabId: number): string {
  const sourceLength = g.op1('Squeeze', [dimension(g, crossValues, 2), g.int64([0])]);
  const sourcePositions = g.op1('Range', [g.int64Scalar(0), sourceLength, g.int64Scalar(1)]);
  const isRead = g.op1('Equal', [g.op1('Unsqueeze', [readPositions, g.int64([-1])]), sourcePositions]);
  const scores = g.op1('Where', [isRead, g.floatScalar(0), g.floatScalar(MASKED)]);
  const probabilities = g.op1('Softmax', [g.op1('Unsqueeze', [scores, g.int64([1])])], { axis: attr.int(-1) });
  const attended = g.op1('MatMul', [probabilities, crossValues]);
  const channelZero = g.op1('Squeeze', [g.op1('Gather', [attended, g.int64Scalar(0)], { axis: attr.int(3) }), g.int64([1])]);
  return g.op1('Clip', [
    g.op1('Cast', [g.op1('Round', [channelZero])], { to: attr.int(DataType.INT64) }),
    g.int64Scalar(0),
    g.int64Scalar(lastVocabId),
  ]);
}

/**
 * The toy's decoder pass into `g`. The cross-attention "cache" is the encoder
 * output itself ([B, 1, S, d]): made on the first step, read back with past,
 * so the with-past decoder, like a real one, needs no encoder_hidden_states.
 */
function toyDecoderBody(g: GraphBuilder, io: DecoderInputs, vocabulary: ToyVocabulary, withPast: boolean): void {
  const [layer] = io.layers;
  if (!layer) throw new Error('toy decoder needs one layer');
  const lastVocabId = vocabulary.pieces.length - 1;
  let source: string;
  if (withPast) {
    source = g.op1('Squeeze', [layer.pastCrossKey, g.int64([1])]);
  } else {
    if (!io.encoderHiddenStates) throw new Error('the toy decoder without past needs encoder_hidden_states');
    source = io.encoderHiddenStates;
    const crossState = g.op1('Unsqueeze', [source, g.int64([1])], {}, layer.presentCrossKey);
    g.op1('Identity', [crossState], {}, layer.presentCrossValue);
  }

  // Source positions this step reads: past length + index in L, clamped to the row's own source (its
  // attention mask), as a real decoder's cross-attention never sees padding: a row decodes the same in
  // any batch, however far past its own end a hypothesis runs (constrained decoding does).
  const pastLength = withPast ? dimension(g, layer.pastSelfKey, 2) : g.int64([0]);
  const stepLength = dimension(g, io.inputIds, 1);
  const scalar = (v: string) => g.op1('Squeeze', [v, g.int64([0])]);
  const positions = g.op1('Unsqueeze', [
    g.op1('Range', [scalar(pastLength), scalar(g.op1('Add', [pastLength, stepLength])), g.int64Scalar(1)]),
    g.int64([0]),
  ]);
  const ownLength = g.op1('ReduceSum', [io.encoderAttentionMask, g.int64([1])], { keepdims: attr.int(1) });
  const ownLast = g.op1('Sub', [ownLength, g.int64Scalar(1)]);
  const readPositions = g.op1('Min', [positions, ownLast]);

  const crossValues = withPast ? layer.pastCrossValue : layer.presentCrossValue;
  const channelZero = g.op1('Gather', [source, g.int64Scalar(0)], { axis: attr.int(2) });
  const sourceIds = g.op1('Clip', [
    g.op1('Cast', [channelZero], { to: attr.int(DataType.INT64) }),
    g.int64Scalar(0),
    g.int64Scalar(lastVocabId),
  ]);
  // Past its own `</s>` a row says `</s>`, except on the first step after it, where it says garbage:
  // a row kept generating after it ended (transformers.js 4.3's batch defect) shows, and batches still end.
  const pastOwnEnd = g.op1('Greater', [positions, ownLast]);
  const justPastEnd = g.op1('Equal', [positions, ownLength]);
  const gathered = readThroughAttention(g, crossValues, readPositions, lastVocabId);
  const afterEnd = g.op1('Where', [justPastEnd, g.int64Scalar(vocabulary.padId), g.int64Scalar(vocabulary.eosId)]);
  const sourceTokens = g.op1('Where', [pastOwnEnd, afterEnd, gathered]);

  // A whole-word piece followed by a word continuation is only the start of an unknown word
  // ("no" + "tikušajām"): copy it rather than translate it, so unknown words come out unchanged.
  const nextPositions = g.op1('Min', [g.op1('Add', [positions, g.int64Scalar(1)]), ownLast]);
  const nextTokens = g.op1('GatherElements', [sourceIds, nextPositions], { axis: attr.int(1) });
  const table = (name: string, values: Int32Array) => g.initializer(int64Tensor(name, [values.length], Array.from(values)));
  const lookup = (tableName: string, ids: string) => g.op1('Gather', [tableName, ids], { axis: attr.int(0) });
  const continues = g.op1('Cast', [lookup(table('toy_continues_word', vocabulary.continuesWord), nextTokens)], {
    to: attr.int(DataType.BOOL),
  });
  const translated = lookup(table('toy_translation', vocabulary.translation), sourceTokens);
  const alternative = lookup(table('toy_runner_up', vocabulary.runnerUp), sourceTokens);
  const primary = g.op1('Where', [continues, sourceTokens, translated]);
  const runnerUp = g.op1('Where', [continues, translated, alternative]);

  const depth = g.int64Scalar(vocabulary.pieces.length);
  const oneHot = (ids: string, logit: number) => g.op1('OneHot', [ids, depth, g.float([0, logit])], { axis: attr.int(-1) });
  g.op1('Add', [oneHot(primary, PRIMARY_LOGIT), oneHot(runnerUp, RUNNER_UP_LOGIT)], {}, DECODER_LOGITS);

  // The cache must behave like a real one: the self-attention past grows by L each step.
  const stepState = g.op1('Unsqueeze', [idsToHidden(g, io.inputIds), g.int64([1])]);
  const grow = (past: string, present: string) =>
    withPast ? g.op1('Concat', [past, stepState], { axis: attr.int(2) }, present) : g.op1('Identity', [stepState], {}, present);
  grow(layer.pastSelfKey, layer.presentSelfKey);
  grow(layer.pastSelfValue, layer.presentSelfValue);
}

/** One of the toy's three decoder files, structured as optimum structures a real export's (session-io.ts's decoderFile). */
export function toyDecoderGraph(vocabulary: ToyVocabulary, variant: DecoderVariant): GraphSpec {
  return decoderFile('toy_decoder', toyAttentionShape(vocabulary), variant, (g, io, withPast) =>
    toyDecoderBody(g, io, vocabulary, withPast),
  );
}
