/**
 * Reading an .onnx file back, at the protobuf wire level: only what graph
 * surgery needs is decoded (node op types, inputs and outputs, graph
 * attributes, value and initializer names); every other field stays the bytes
 * it was, so weights are never copied and re-encoding keeps what we did not
 * touch exactly as the exporter wrote it. Field numbers as in onnx.proto.
 */
import { ProtoMessage } from './protobuf.js';
import {
  encodeNode,
  encodeTensor,
  encodeValueInfo,
  IR_VERSION,
  OPSET_VERSION,
  type NodeSpec,
  type TensorSpec,
  type ValueInfoSpec,
} from './onnx-proto.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

interface WireField {
  field: number;
  wire: number;
  /** The varint's value (wire type 0). */
  varint: bigint;
  /** The payload of a length-delimited field. */
  bytes: Uint8Array;
  /** The whole field, tag included, as it stands in the buffer. */
  encoded: Uint8Array;
}

function readVarint(buf: Uint8Array, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (offset >= buf.length) throw new Error('truncated protobuf varint');
    const byte = buf[offset++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, offset];
    shift += 7n;
  }
}

function* wireFields(buf: Uint8Array): Generator<WireField> {
  let offset = 0;
  const empty = new Uint8Array(0);
  while (offset < buf.length) {
    const start = offset;
    const [tag, afterTag] = readVarint(buf, offset);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    offset = afterTag;
    let varint = 0n;
    let bytes: Uint8Array = empty;
    if (wire === WIRE_VARINT) {
      [varint, offset] = readVarint(buf, offset);
    } else if (wire === WIRE_LENGTH_DELIMITED) {
      const [length, afterLength] = readVarint(buf, offset);
      bytes = buf.subarray(afterLength, afterLength + Number(length));
      offset = afterLength + Number(length);
    } else if (wire === WIRE_FIXED64) {
      offset += 8;
    } else if (wire === WIRE_FIXED32) {
      offset += 4;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
    if (offset > buf.length) throw new Error('truncated protobuf field');
    yield { field, wire, varint, bytes, encoded: buf.subarray(start, offset) };
  }
}

const textDecoder = new TextDecoder();

/** A ValueInfoProto or TensorProto kept as bytes, with its name. */
export interface NamedProto {
  name: string;
  /** The message's own bytes (without tag and length). */
  raw: Uint8Array;
}

export interface ParsedNode {
  opType: string;
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** Graph-valued attributes (If's branches, Loop's body), parsed. */
  graphs: Map<string, ParsedGraph>;
  /** Integer attributes (e.g. Concat's axis). */
  ints: Map<string, number>;
  /** Integer-list attributes (e.g. Transpose's perm). */
  intLists: Map<string, number[]>;
  raw: Uint8Array;
}

export interface ParsedGraph {
  name: string;
  nodes: ParsedNode[];
  initializers: NamedProto[];
  inputs: NamedProto[];
  outputs: NamedProto[];
}

export interface ParsedModel {
  graph: ParsedGraph;
  /** opset_import entries as bytes. */
  opsets: Uint8Array[];
  irVersion: number;
}

function named(bytes: Uint8Array, nameField: number): NamedProto {
  for (const f of wireFields(bytes))
    if (f.field === nameField && f.wire === WIRE_LENGTH_DELIMITED) return { name: textDecoder.decode(f.bytes), raw: bytes };
  return { name: '', raw: bytes };
}

function parseNode(bytes: Uint8Array): ParsedNode {
  const node: ParsedNode = {
    opType: '',
    name: '',
    domain: '',
    inputs: [],
    outputs: [],
    graphs: new Map(),
    ints: new Map(),
    intLists: new Map(),
    raw: bytes,
  };
  for (const f of wireFields(bytes)) {
    if (f.wire !== WIRE_LENGTH_DELIMITED) continue;
    if (f.field === 1) node.inputs.push(textDecoder.decode(f.bytes));
    else if (f.field === 2) node.outputs.push(textDecoder.decode(f.bytes));
    else if (f.field === 3) node.name = textDecoder.decode(f.bytes);
    else if (f.field === 4) node.opType = textDecoder.decode(f.bytes);
    else if (f.field === 7) node.domain = textDecoder.decode(f.bytes);
    else if (f.field === 5) {
      let attributeName = '';
      let graph: Uint8Array | null = null;
      let int: bigint | undefined;
      const list: number[] = [];
      for (const a of wireFields(f.bytes)) {
        if (a.field === 1 && a.wire === WIRE_LENGTH_DELIMITED) attributeName = textDecoder.decode(a.bytes);
        if (a.field === 3 && a.wire === WIRE_VARINT) int = BigInt.asIntN(64, a.varint);
        if (a.field === 6 && a.wire === WIRE_LENGTH_DELIMITED) graph = a.bytes;
        // `ints` (field 8): one varint per field, or packed into one length-delimited field.
        if (a.field === 8 && a.wire === WIRE_VARINT) list.push(Number(BigInt.asIntN(64, a.varint)));
        if (a.field === 8 && a.wire === WIRE_LENGTH_DELIMITED) {
          for (let offset = 0; offset < a.bytes.length; ) {
            const [value, next] = readVarint(a.bytes, offset);
            list.push(Number(BigInt.asIntN(64, value)));
            offset = next;
          }
        }
      }
      if (graph) node.graphs.set(attributeName, parseGraph(graph));
      if (int !== undefined) node.ints.set(attributeName, Number(int));
      if (list.length > 0) node.intLists.set(attributeName, list);
    }
  }
  return node;
}

export function parseGraph(bytes: Uint8Array): ParsedGraph {
  const graph: ParsedGraph = { name: '', nodes: [], initializers: [], inputs: [], outputs: [] };
  for (const f of wireFields(bytes)) {
    if (f.wire !== WIRE_LENGTH_DELIMITED) continue;
    if (f.field === 1) graph.nodes.push(parseNode(f.bytes));
    else if (f.field === 2) graph.name = textDecoder.decode(f.bytes);
    else if (f.field === 5) graph.initializers.push(named(f.bytes, 8));
    else if (f.field === 11) graph.inputs.push(named(f.bytes, 1));
    else if (f.field === 12) graph.outputs.push(named(f.bytes, 1));
  }
  return graph;
}

export function parseModel(bytes: Uint8Array): ParsedModel {
  let graph: ParsedGraph | null = null;
  const opsets: Uint8Array[] = [];
  let irVersion = IR_VERSION;
  for (const f of wireFields(bytes)) {
    if (f.field === 1 && f.wire === WIRE_VARINT) irVersion = Number(f.varint);
    else if (f.field === 7 && f.wire === WIRE_LENGTH_DELIMITED) graph = parseGraph(f.bytes);
    else if (f.field === 8 && f.wire === WIRE_LENGTH_DELIMITED) opsets.push(f.bytes);
  }
  if (!graph) throw new Error('not an ONNX model: no graph');
  return { graph, opsets, irVersion };
}

/** A graph to write: parts read from a file (kept as bytes) mixed with new ones. */
export interface EditedGraph {
  name: string;
  nodes: readonly (ParsedNode | NodeSpec)[];
  initializers: readonly (NamedProto | TensorSpec)[];
  inputs: readonly (NamedProto | ValueInfoSpec)[];
  outputs: readonly (NamedProto | ValueInfoSpec)[];
}

const isRaw = (value: object): value is { raw: Uint8Array } => 'raw' in value && !('dataType' in value);

function encodeEditedGraph(graph: EditedGraph): ProtoMessage {
  const proto = new ProtoMessage();
  for (const node of graph.nodes) {
    if ('graphs' in node) proto.bytes(1, node.raw);
    else proto.message(1, encodeNode(node));
  }
  proto.string(2, graph.name);
  for (const tensor of graph.initializers) {
    if (isRaw(tensor)) proto.bytes(5, tensor.raw);
    else proto.message(5, encodeTensor(tensor as TensorSpec));
  }
  for (const input of graph.inputs) {
    if (isRaw(input)) proto.bytes(11, input.raw);
    else proto.message(11, encodeValueInfo(input as ValueInfoSpec));
  }
  for (const output of graph.outputs) {
    if (isRaw(output)) proto.bytes(12, output.raw);
    else proto.message(12, encodeValueInfo(output as ValueInfoSpec));
  }
  return proto;
}

/** Whether `domain` names the default ONNX operator set ('' or its spelled-out name). */
export const isDefaultDomain = (domain: string) => domain === '' || domain === 'ai.onnx';

/** Every domain the graph's nodes use, subgraphs included. */
function domainsUsed(nodes: EditedGraph['nodes'], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.domain) into.add(node.domain);
    if ('graphs' in node) for (const graph of node.graphs.values()) domainsUsed(graph.nodes, into);
  }
  return into;
}

/**
 * A model around `graph`, keeping the source model's IR version and opsets
 * (or ours when it has none), plus version 1 of any domain the graph's new
 * nodes use that the source did not import (onnxruntime's com.microsoft).
 */
export function encodeEditedModel(graph: EditedGraph, source: Pick<ParsedModel, 'opsets' | 'irVersion'>, producer: string): ProtoMessage {
  const model = new ProtoMessage().int(1, source.irVersion).string(2, producer).string(3, '1').message(7, encodeEditedGraph(graph));
  if (source.opsets.length === 0) model.message(8, new ProtoMessage().string(1, '').int(2, OPSET_VERSION));
  for (const opset of source.opsets) model.bytes(8, opset);
  const imported = new Set(source.opsets.map((opset) => opsetEntry(opset).domain));
  for (const domain of domainsUsed(graph.nodes)) {
    if (!isDefaultDomain(domain) && !imported.has(domain)) model.message(8, new ProtoMessage().string(1, domain).int(2, 1));
  }
  return model;
}

function opsetEntry(opset: Uint8Array): { domain: string; version: number } {
  let domain = '';
  let version = 0;
  for (const f of wireFields(opset)) {
    if (f.field === 1 && f.wire === WIRE_LENGTH_DELIMITED) domain = textDecoder.decode(f.bytes);
    if (f.field === 2 && f.wire === WIRE_VARINT) version = Number(f.varint);
  }
  return { domain, version };
}

/** The version of the default ONNX domain a model imports (0 when it declares none). */
export function defaultOpset(model: Pick<ParsedModel, 'opsets'>): number {
  for (const opset of model.opsets) {
    const { domain, version } = opsetEntry(opset);
    if (isDefaultDomain(domain)) return version;
  }
  return 0;
}
