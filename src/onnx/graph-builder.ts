/**
 * Small imperative builder for ONNX graphs: `op()` appends a node and returns
 * fresh output names, so graph code reads like the forward pass it encodes.
 * Subgraphs (If branches) share the root's name counter and initializers:
 * ONNX lets a subgraph read outer-scope values, so weights are stored once.
 */
import type { AttributeValue, DataType, Dim, GraphSpec, NodeSpec, TensorSpec, ValueInfoSpec } from './onnx-proto.js';
import { floatTensor, int64Tensor } from './tensors.js';

export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  ints: (value: readonly number[]): AttributeValue => ({ kind: 'ints', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  tensor: (value: TensorSpec): AttributeValue => ({ kind: 'tensor', value }),
  graph: (value: GraphSpec): AttributeValue => ({ kind: 'graph', value }),
};

export interface OpOptions {
  /** Names for the outputs (graph outputs must carry their public name); otherwise fresh names. */
  outputs?: readonly string[];
  /** Number of fresh outputs when `outputs` is not given. */
  outputCount?: number;
  /** The operator's domain (e.g. onnxruntime's 'com.microsoft'); the default ONNX domain otherwise. */
  domain?: string;
}

interface SharedState {
  counter: number;
  initializers: TensorSpec[];
  initializerNames: Set<string>;
  constants: Map<string, string>;
}

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly inputs: ValueInfoSpec[] = [];
  private readonly outputs: ValueInfoSpec[] = [];
  private readonly shared: SharedState;
  private readonly isRoot: boolean;

  /**
   * `namePrefix` starts every fresh name: nodes added to a graph read from a
   * file must not reuse that graph's names.
   */
  constructor(
    private readonly name: string,
    parent?: GraphBuilder,
    private readonly namePrefix: string = parent?.namePrefix ?? '',
  ) {
    this.isRoot = parent === undefined;
    this.shared = parent ? parent.shared : { counter: 0, initializers: [], initializerNames: new Set(), constants: new Map() };
  }

  /** A child graph (e.g. an If branch) that may read this graph's values. */
  subgraph(name: string): GraphBuilder {
    return new GraphBuilder(name, this);
  }

  freshName(hint: string): string {
    this.shared.counter += 1;
    return `${this.namePrefix}${hint}_${this.shared.counter}`;
  }

  input(name: string, dataType: DataType, shape: readonly Dim[]): string {
    this.inputs.push({ name, dataType, shape });
    return name;
  }

  /** Declares `name` a graph output; it must be produced under that exact name (see OpOptions.outputs). */
  output(name: string, dataType: DataType, shape?: readonly Dim[]): void {
    this.outputs.push(shape ? { name, dataType, shape } : { name, dataType });
  }

  /**
   * Stores a weight in the root graph. A name given twice is stored once: both
   * branches of a merged decoder build the same layers, and like optimum's
   * merge they share one copy of every weight.
   */
  initializer(tensor: TensorSpec): string {
    if (this.shared.initializerNames.has(tensor.name)) return tensor.name;
    this.shared.initializerNames.add(tensor.name);
    this.shared.initializers.push(tensor);
    return tensor.name;
  }

  /** Small int64 constant, stored once however often it is used. */
  int64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.cachedConstant(`i64:${dims.join('x')}:${values.join(',')}`, (name) => int64Tensor(name, dims, values));
  }

  int64Scalar(value: number): string {
    return this.int64([value], []);
  }

  float(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.cachedConstant(`f32:${dims.join('x')}:${values.join(',')}`, (name) => floatTensor(name, dims, values));
  }

  floatScalar(value: number): string {
    return this.float([value], []);
  }

  private cachedConstant(key: string, make: (name: string) => TensorSpec): string {
    const existing = this.shared.constants.get(key);
    if (existing) return existing;
    const name = this.freshName('const');
    this.initializer(make(name));
    this.shared.constants.set(key, name);
    return name;
  }

  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, options: OpOptions = {}): string[] {
    const outputs = options.outputs ?? Array.from({ length: options.outputCount ?? 1 }, () => this.freshName(opType));
    const node: NodeSpec = { opType, name: this.freshName(`${opType}_node`), inputs, outputs, attributes };
    this.nodes.push(options.domain ? { ...node, domain: options.domain } : node);
    return [...outputs];
  }

  /** `op` for the common single-output case. */
  op1(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    const [out] = this.op(opType, inputs, attributes, outputName ? { outputs: [outputName] } : {});
    return out!;
  }

  build(): GraphSpec {
    return {
      name: this.name,
      nodes: this.nodes,
      // Initializers live in the root graph only; subgraphs see them as outer-scope values.
      initializers: this.isRoot ? this.shared.initializers : [],
      inputs: this.inputs,
      outputs: this.outputs,
    };
  }
}
