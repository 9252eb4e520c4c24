/**
 * Per-row activation quantisation for the int8 graphs lv2en prepares. A
 * dynamically quantised export (onnxruntime's quantize_dynamic) quantises each
 * MatMul's activation with DynamicQuantizeLinear: one scale and zero point for
 * the whole tensor, i.e. for every sentence of the batch at once, so a
 * sentence's translation depends on its neighbours (5 of 60 sentences changed
 * on the full-size random model). Here each such activation is quantised
 * symmetrically with one scale per row (per sentence and position), as
 * CTranslate2 quantises: scale = max|x| / 127 over the row. The values are
 * stored as uint8 with the fixed zero point 128 (x/scale + 128 lies in
 * 1…255), so the product keeps onnxruntime's fast uint8 × int8 kernel (an
 * int8 × int8 product ran the encoder 6× slower here).
 *
 * The export's chain DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale
 * × weight scale) becomes one MatMulIntegerToFloat that takes the per-row
 * scales, and the bias Add after it stays a node of its own. Left to itself,
 * onnxruntime 1.30 fuses that chain and its bias into one MatMulIntegerToFloat
 * whose kernel multiplies the bias by the row scale as well: on the full-size
 * model a decoder step's log-probs then moved 5–10× further from fp32 than
 * the same graph run unoptimised. An activation that several MatMuls read
 * (the attention's q, k and v projections) is quantised once.
 *
 * A chain of any other shape is left as exported (whole-tensor quantisation).
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType, type NodeSpec } from '../../onnx/onnx-proto.js';
import { uint8Tensor } from '../../onnx/tensors.js';
import { type EditedGraph, isDefaultDomain, type ParsedNode } from '../../onnx/read-model.js';

/** Keeps an all-zero row from dividing by zero (its values quantise to 0 whatever the scale). */
const SMALLEST_SCALE = 1e-30;
const ZERO_POINT = 128;
const ORT_DOMAIN = 'com.microsoft';

type Node = ParsedNode | NodeSpec;

const inDefaultDomain = (node: Node) => isDefaultDomain(node.domain ?? '');

/** One quantised product of the export: the nodes it replaces and what the fused node needs. */
interface Product {
  matMulInteger: Node;
  cast: Node;
  rescale: Node;
  scaleProduct: Node;
  weight: string;
  weightScale: string;
  weightZeroPoint: string | undefined;
}

function consumersOf(nodes: readonly Node[]): Map<string, Node[]> {
  const consumers = new Map<string, Node[]>();
  for (const node of nodes) {
    for (const input of node.inputs) {
      if (!input) continue;
      const list = consumers.get(input) ?? [];
      list.push(node);
      consumers.set(input, list);
    }
  }
  return consumers;
}

/** The products a DynamicQuantizeLinear feeds, when every one is the export's four-node chain; else null. */
function productsOf(quantize: Node, consumers: Map<string, Node[]>, graphOutputs: Set<string>): Product[] | null {
  const [quantized, scale, zeroPoint] = quantize.outputs;
  if (!quantized || !scale || quantize.outputs.some((o) => graphOutputs.has(o))) return null;
  const only = (name: string | undefined, opType: string): Node | null => {
    const users = name ? (consumers.get(name) ?? []) : [];
    return users.length === 1 && users[0]!.opType === opType && inDefaultDomain(users[0]!) && !graphOutputs.has(name!) ? users[0]! : null;
  };
  const users = consumers.get(quantized) ?? [];
  const products: Product[] = [];
  for (const matMulInteger of users) {
    if (matMulInteger.opType !== 'MatMulInteger' || !inDefaultDomain(matMulInteger)) return null;
    const [a, weight, aZero, weightZeroPoint] = matMulInteger.inputs;
    if (a !== quantized || !weight || (aZero && aZero !== zeroPoint)) return null;
    const cast = only(matMulInteger.outputs[0], 'Cast');
    const rescale = cast && only(cast.outputs[0], 'Mul');
    if (!cast || !rescale) return null;
    const scaleInput = rescale.inputs.find((i) => i !== cast.outputs[0]);
    const scaleProduct = (consumers.get(scale) ?? []).find((n) => n.opType === 'Mul' && n.outputs[0] === scaleInput);
    if (!scaleProduct || only(scaleProduct.outputs[0], 'Mul') !== rescale) return null;
    const weightScale = scaleProduct.inputs.find((i) => i !== scale);
    if (!weightScale) return null;
    products.push({ matMulInteger, cast, rescale, scaleProduct, weight, weightScale, weightZeroPoint: weightZeroPoint || undefined });
  }
  // The scale and zero point must serve these products only.
  const scaleUsers = consumers.get(scale) ?? [];
  if (products.length === 0 || scaleUsers.length !== products.length) return null;
  if (zeroPoint && (consumers.get(zeroPoint) ?? []).some((n) => !products.some((p) => p.matMulInteger === n))) return null;
  return products;
}

export function perRowQuantization(graph: EditedGraph, opset: number): { graph: EditedGraph; rewritten: number } {
  const g = new GraphBuilder('lv2en_per_row', undefined, 'lv2en_per_row/');
  const zeroPoint = g.initializer(uint8Tensor('lv2en_per_row/zero_point', [], [ZERO_POINT]));
  const consumers = consumersOf(graph.nodes);
  const graphOutputs = new Set(graph.outputs.map((o) => o.name));

  const replaced = new Set<Node>();
  /** New nodes to emit in place of a replaced node (the quantisation where the DynamicQuantizeLinear was, each product where its Mul was). */
  const emitAt = new Map<Node, NodeSpec[]>();
  /** Each activation's per-row quantisation, shared by the products that read it. */
  const quantizedRows = new Map<string, { values: string; scales: string }>();
  const take = (build: () => void): NodeSpec[] => {
    const start = g.build().nodes.length;
    build();
    return g.build().nodes.slice(start);
  };
  let rewritten = 0;
  for (const node of graph.nodes) {
    if (node.opType !== 'DynamicQuantizeLinear' || !inDefaultDomain(node)) continue;
    const products = productsOf(node, consumers, graphOutputs);
    if (!products) continue;
    const x = node.inputs[0]!;
    let rows = quantizedRows.get(x);
    const quantization = take(() => {
      if (rows) return;
      const reduce =
        opset >= 18
          ? g.op1('ReduceMax', [g.op1('Abs', [x]), g.int64([-1])], { keepdims: attr.int(1) })
          : g.op1('ReduceMax', [g.op1('Abs', [x])], { axes: attr.ints([-1]), keepdims: attr.int(1) });
      const scales = g.op1('Div', [g.op1('Max', [reduce, g.floatScalar(SMALLEST_SCALE)]), g.floatScalar(127)]);
      if (opset >= 13) {
        // QuantizeLinear with one scale per row of the flattened activation: one vectorised pass where
        // Div, Round, Add and Cast took four (the encoder ran 12% faster).
        const flat = g.op1('Flatten', [x], { axis: attr.int(-1) });
        const scales1d = g.op1('Reshape', [scales, g.int64([-1])]);
        const zeros = g.op1('Expand', [zeroPoint, g.op1('Shape', [scales1d])]);
        const q2d = g.op1('QuantizeLinear', [flat, scales1d, zeros], { axis: attr.int(0) });
        rows = { values: g.op1('Reshape', [q2d, g.op1('Shape', [x])]), scales };
      } else {
        const shifted = g.op1('Add', [g.op1('Round', [g.op1('Div', [x, scales])]), g.floatScalar(ZERO_POINT)]);
        rows = { values: g.op1('Cast', [shifted], { to: attr.int(DataType.UINT8) }), scales };
      }
      quantizedRows.set(x, rows);
    });
    emitAt.set(node, quantization);
    replaced.add(node);
    for (const p of products) {
      const { values, scales } = rows!;
      const fused = take(() =>
        g.op(
          'MatMulIntegerToFloat',
          [values, p.weight, scales, p.weightScale, zeroPoint, ...(p.weightZeroPoint ? [p.weightZeroPoint] : [])],
          {},
          { outputs: [p.rescale.outputs[0]!], domain: ORT_DOMAIN },
        ),
      );
      emitAt.set(p.rescale, fused);
      for (const n of [p.matMulInteger, p.cast, p.rescale, p.scaleProduct]) replaced.add(n);
      rewritten += 1;
    }
  }
  const nodes: Node[] = [];
  for (const node of graph.nodes) {
    nodes.push(...(emitAt.get(node) ?? []));
    if (!replaced.has(node)) nodes.push(node);
  }
  const extra = g.build();
  return {
    graph: { ...graph, nodes, initializers: [...graph.initializers, ...extra.initializers] },
    rewritten,
  };
}
