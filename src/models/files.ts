/**
 * The files of a Marian export as Hugging Face optimum writes them (and as
 * Xenova/opus-mt-* ship them), in one place: the generator writes them, the
 * loader looks for them, and a model's identity is the bytes of those the
 * chosen dtype reads.
 */
import type { ModelDtype } from './config.js';

export const JSON_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** The ONNX sessions of an export, by file stem under `onnx/`. */
export const ONNX_STEMS = ['encoder_model', 'decoder_model', 'decoder_with_past_model', 'decoder_model_merged'] as const;
export type OnnxStem = (typeof ONNX_STEMS)[number];

export const DTYPE_SUFFIX: Readonly<Record<ModelDtype, string>> = { fp32: '', q8: '_quantized' };

export const onnxFile = (stem: OnnxStem, dtype: ModelDtype) => `onnx/${stem}${DTYPE_SUFFIX[dtype]}.onnx`;

/** Every file of an export in both dtypes, relative to the model folder. */
export function exportFiles(): string[] {
  return [...JSON_FILES, ...(['fp32', 'q8'] as const).flatMap((dtype) => ONNX_STEMS.map((stem) => onnxFile(stem, dtype)))];
}

/**
 * The files lv2en reads for `dtype`: the JSON files, the encoder, and the
 * decoders (decoder_model and decoder_with_past_model where the export has
 * them; otherwise lv2en takes both out of decoder_model_merged).
 */
export function filesFor(dtype: ModelDtype): string[] {
  return [...JSON_FILES, ...ONNX_STEMS.map((stem) => onnxFile(stem, dtype))];
}
