import { open } from 'node:fs/promises';
import { encodeModel, type GraphSpec } from './onnx-proto.js';
import type { ProtoMessage } from './protobuf.js';

const COALESCE_BYTES = 1 << 16;

/**
 * Writes a graph as an .onnx file and returns its size. Small protobuf parts
 * are coalesced into 64 KiB writes; large weight buffers are written from their
 * own memory, so a 400 MiB model never needs a second in-memory copy.
 */
export async function writeOnnxModel(path: string, graph: GraphSpec): Promise<number> {
  return writeProtoMessage(path, encodeModel(graph));
}

/** Writes an encoded message (e.g. an edited model) to `path`, returning its size. */
export async function writeProtoMessage(path: string, model: ProtoMessage): Promise<number> {
  const file = await open(path, 'w');
  try {
    let staging = new Uint8Array(COALESCE_BYTES);
    let staged = 0;
    const flush = async (): Promise<void> => {
      if (staged > 0) await file.write(staging, 0, staged);
      staging = new Uint8Array(COALESCE_BYTES);
      staged = 0;
    };
    for (const part of model.parts) {
      if (part.byteLength >= COALESCE_BYTES) {
        await flush();
        await file.write(part);
      } else {
        if (staged + part.byteLength > COALESCE_BYTES) await flush();
        staging.set(part, staged);
        staged += part.byteLength;
      }
    }
    await flush();
  } finally {
    await file.close();
  }
  return model.byteLength;
}

/** A graph as the bytes of an in-memory .onnx model, for small graphs built at run time (onnxruntime takes a buffer). */
export function onnxModelBytes(graph: GraphSpec, producer?: string): Uint8Array {
  return messageBytes(encodeModel(graph, producer));
}

/** An encoded message (e.g. an edited model) as one buffer. */
export function messageBytes(message: ProtoMessage): Uint8Array {
  const bytes = new Uint8Array(message.byteLength);
  let offset = 0;
  for (const part of message.parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
