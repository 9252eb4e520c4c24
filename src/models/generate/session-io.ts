/**
 * Input and output names/shapes of the two sessions transformers.js runs for
 * Marian (encoder_model, decoder_model_merged), as Optimum exports them. The
 * library builds the first step's empty past tensors from these input shapes:
 * it fills `batch_size`, zeroes every other named dimension and keeps numbers,
 * so heads and head size must be fixed numbers here.
 */
import type { GraphBuilder } from '../../onnx/graph-builder.js';
import { DataType } from '../../onnx/onnx-proto.js';

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

export interface DecoderInputs {
  encoderAttentionMask: string;
  inputIds: string;
  encoderHiddenStates: string;
  useCacheBranch: string;
  layers: LayerCacheNames[];
}

export const DECODER_LOGITS = 'logits';

export function declareDecoderIO(g: GraphBuilder, shape: AttentionShape): DecoderInputs {
  const { heads, headSize } = shape;
  const encoderAttentionMask = g.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encoderHiddenStates = g.input('encoder_hidden_states', DataType.FLOAT, ['batch_size', 'encoder_sequence_length', shape.dModel]);
  const layers: LayerCacheNames[] = [];
  for (let i = 0; i < shape.layers; i++) {
    const past = (kind: string, part: string, length: string) =>
      g.input(`past_key_values.${i}.${kind}.${part}`, DataType.FLOAT, ['batch_size', heads, length, headSize]);
    layers.push({
      pastSelfKey: past('decoder', 'key', 'past_decoder_sequence_length'),
      pastSelfValue: past('decoder', 'value', 'past_decoder_sequence_length'),
      pastCrossKey: past('encoder', 'key', 'encoder_sequence_length_out'),
      pastCrossValue: past('encoder', 'value', 'encoder_sequence_length_out'),
      presentSelfKey: `present.${i}.decoder.key`,
      presentSelfValue: `present.${i}.decoder.value`,
      presentCrossKey: `present.${i}.encoder.key`,
      presentCrossValue: `present.${i}.encoder.value`,
    });
  }
  const useCacheBranch = g.input('use_cache_branch', DataType.BOOL, [1]);

  g.output(DECODER_LOGITS, DataType.FLOAT, ['batch_size', 'decoder_sequence_length', shape.vocabSize]);
  for (const layer of layers) {
    const present = (name: string, length: string) => g.output(name, DataType.FLOAT, ['batch_size', heads, length, headSize]);
    present(layer.presentSelfKey, 'present_decoder_sequence_length');
    present(layer.presentSelfValue, 'present_decoder_sequence_length');
    present(layer.presentCrossKey, 'encoder_sequence_length_out');
    present(layer.presentCrossValue, 'encoder_sequence_length_out');
  }
  return { encoderAttentionMask, inputIds, encoderHiddenStates, useCacheBranch, layers };
}
