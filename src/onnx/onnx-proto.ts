/**
 * The subset of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, AttributeProto) our generated models use, encoded by hand so
 * the project needs no second protobuf runtime. Field numbers follow
 * https://github.com/onnx/onnx/blob/main/onnx/onnx.proto.
 */
import { ProtoMessage } from './protobuf.js';

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

/** TensorProto.DataType values. */
export enum DataType {
  FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  INT32 = 6,
  INT64 = 7,
  BOOL = 9,
}

export interface TensorSpec {
  name: string;
  dataType: DataType;
  dims: readonly number[];
  /** Little-endian element bytes (ONNX raw_data). */
  raw: Uint8Array;
}

/** A dimension is a fixed size or a symbolic name such as "batch_size". */
export type Dim = number | string;

export interface ValueInfoSpec {
  name: string;
  dataType: DataType;
  /** Omitted when the shape is left to ONNX Runtime's inference (subgraph outputs). */
  shape?: readonly Dim[];
}

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorSpec }
  | { kind: 'graph'; value: GraphSpec };

export interface NodeSpec {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Readonly<Record<string, AttributeValue>>;
  domain?: string;
}

export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly TensorSpec[];
  inputs: readonly ValueInfoSpec[];
  outputs: readonly ValueInfoSpec[];
}

/** AttributeProto.AttributeType values. */
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, graph: 5, ints: 7 } as const;

export function encodeTensor(tensor: TensorSpec): ProtoMessage {
  return new ProtoMessage().packedInts(1, tensor.dims).int(2, tensor.dataType).string(8, tensor.name).bytes(9, tensor.raw);
}

export function encodeValueInfo(info: ValueInfoSpec): ProtoMessage {
  const tensorType = new ProtoMessage().int(1, info.dataType);
  if (info.shape) {
    const shape = new ProtoMessage();
    for (const dim of info.shape) {
      const dimension = typeof dim === 'number' ? new ProtoMessage().int(1, dim) : new ProtoMessage().string(2, dim);
      shape.message(1, dimension);
    }
    tensorType.message(2, shape);
  }
  const type = new ProtoMessage().message(1, tensorType);
  return new ProtoMessage().string(1, info.name).message(2, type);
}

function encodeAttribute(name: string, attribute: AttributeValue): ProtoMessage {
  const proto = new ProtoMessage().string(1, name);
  switch (attribute.kind) {
    case 'float':
      proto.float(2, attribute.value);
      break;
    case 'int':
      proto.int(3, attribute.value);
      break;
    case 'string':
      proto.string(4, attribute.value);
      break;
    case 'tensor':
      proto.message(5, encodeTensor(attribute.value));
      break;
    case 'graph':
      proto.message(6, encodeGraph(attribute.value));
      break;
    case 'ints':
      proto.packedInts(8, attribute.value);
      break;
  }
  return proto.int(20, ATTRIBUTE_TYPE[attribute.kind]);
}

export function encodeNode(node: NodeSpec): ProtoMessage {
  const proto = new ProtoMessage();
  for (const input of node.inputs) proto.string(1, input);
  for (const output of node.outputs) proto.string(2, output);
  proto.string(3, node.name).string(4, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes)) proto.message(5, encodeAttribute(name, attribute));
  if (node.domain) proto.string(7, node.domain);
  return proto;
}

export function encodeGraph(graph: GraphSpec): ProtoMessage {
  const proto = new ProtoMessage();
  for (const node of graph.nodes) proto.message(1, encodeNode(node));
  proto.string(2, graph.name);
  for (const tensor of graph.initializers) proto.message(5, encodeTensor(tensor));
  for (const input of graph.inputs) proto.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) proto.message(12, encodeValueInfo(output));
  return proto;
}

export function encodeModel(graph: GraphSpec, producer = 'lv2en-model-generator'): ProtoMessage {
  const opset = new ProtoMessage().string(1, '').int(2, OPSET_VERSION);
  return new ProtoMessage().int(1, IR_VERSION).string(2, producer).string(3, '1').message(7, encodeGraph(graph)).message(8, opset);
}
