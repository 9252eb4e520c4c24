/**
 * Symmetric per-tensor int8 weight quantization, the default of onnxruntime's
 * quantize_dynamic (weight_type QInt8): zero point 0, scale = max|w| / 127.
 */
export interface QuantizedTensor {
  data: Int8Array;
  scale: number;
}

const cache = new WeakMap<Float32Array, QuantizedTensor>();

export function quantizeSymmetricInt8(values: Float32Array): QuantizedTensor {
  const cached = cache.get(values);
  if (cached) return cached;
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const data = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.max(-127, Math.min(127, Math.round(values[i]! / scale)));
  const quantized = { data, scale };
  cache.set(values, quantized);
  return quantized;
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transposeInt8(data: Int8Array, rows: number, cols: number): Int8Array {
  const out = new Int8Array(data.length);
  for (let r = 0; r < rows; r++) {
    const rowOffset = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[rowOffset + c]!;
  }
  return out;
}
