/**
 * Minimal protobuf wire-format encoder. A message is kept as a list of byte
 * parts plus their total length, so nested messages are length-prefixed
 * without copying, and multi-hundred-megabyte weight buffers are written to
 * disk straight from their Float32Array/Int8Array views.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LENGTH_DELIMITED = 2;

const textEncoder = new TextEncoder();

export class ProtoMessage {
  readonly parts: Uint8Array[] = [];
  byteLength = 0;

  private push(part: Uint8Array): void {
    if (part.byteLength === 0) return;
    this.parts.push(part);
    this.byteLength += part.byteLength;
  }

  private pushVarint(value: number | bigint): void {
    this.push(encodeVarint(value));
  }

  private pushTag(field: number, wireType: number): void {
    this.pushVarint((field << 3) | wireType);
  }

  /** Appends bytes that are already encoded fields (e.g. copied from a parsed file). */
  raw(encoded: Uint8Array): this {
    this.push(encoded);
    return this;
  }

  int(field: number, value: number | bigint): this {
    this.pushTag(field, WIRE_VARINT);
    this.pushVarint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.pushTag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.pushTag(field, WIRE_LENGTH_DELIMITED);
    this.pushVarint(value.byteLength);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  message(field: number, value: ProtoMessage): this {
    this.pushTag(field, WIRE_LENGTH_DELIMITED);
    this.pushVarint(value.byteLength);
    for (const part of value.parts) this.push(part);
    return this;
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const encoded = values.map(encodeVarint);
    const length = encoded.reduce((sum, b) => sum + b.byteLength, 0);
    this.pushTag(field, WIRE_LENGTH_DELIMITED);
    this.pushVarint(length);
    for (const part of encoded) this.push(part);
    return this;
  }

  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, bytes);
  }
}

/**
 * Varint of a signed 64-bit integer. Negative values take the two's-complement
 * 64-bit form, i.e. always 10 bytes, which is what protobuf requires for int64
 * (a 5-byte int32-style encoding would be read back as a large positive number).
 */
export function encodeVarint(value: number | bigint): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return Uint8Array.from(out);
}
