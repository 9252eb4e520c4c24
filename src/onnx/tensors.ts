import { DataType, type TensorSpec } from './onnx-proto.js';

/** Views a typed array's memory as bytes without copying (host order is little-endian on every platform Node supports). */
function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function checkSize(name: string, dims: readonly number[], length: number): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== length) throw new Error(`tensor ${name}: dims [${dims.join(',')}] need ${expected} elements, got ${length}`);
}

export function floatTensor(name: string, dims: readonly number[], data: Float32Array | readonly number[]): TensorSpec {
  const array = data instanceof Float32Array ? data : Float32Array.from(data);
  checkSize(name, dims, array.length);
  return { name, dataType: DataType.FLOAT, dims, raw: bytesOf(array) };
}

export function int64Tensor(name: string, dims: readonly number[], data: BigInt64Array | readonly number[]): TensorSpec {
  const array = data instanceof BigInt64Array ? data : BigInt64Array.from(data, (v) => BigInt(v));
  checkSize(name, dims, array.length);
  return { name, dataType: DataType.INT64, dims, raw: bytesOf(array) };
}

export function int8Tensor(name: string, dims: readonly number[], data: Int8Array): TensorSpec {
  checkSize(name, dims, data.length);
  return { name, dataType: DataType.INT8, dims, raw: bytesOf(data) };
}

export function uint8Tensor(name: string, dims: readonly number[], data: Uint8Array | readonly number[]): TensorSpec {
  const array = data instanceof Uint8Array ? data : Uint8Array.from(data);
  checkSize(name, dims, array.length);
  return { name, dataType: DataType.UINT8, dims, raw: bytesOf(array) };
}

export function boolTensor(name: string, dims: readonly number[], data: readonly boolean[]): TensorSpec {
  checkSize(name, dims, data.length);
  return { name, dataType: DataType.BOOL, dims, raw: Uint8Array.from(data, (b) => (b ? 1 : 0)) };
}
