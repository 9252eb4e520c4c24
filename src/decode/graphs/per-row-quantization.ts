/**
 * Per-row activation quantisation for the int8 graphs lv2en prepares. A
 * dynamically quantised export (onnxruntime's quantize_dynamic) quantises each
 * MatMul's activation with DynamicQuantizeLinear: one scale and zero point for
 * the whole tensor, i.e. for every sentence of the batch at once, so a
 * sentence's translation depends on its neighbours (5 of 60 sentences changed
 * on the full-size random model). Here every DynamicQuantizeLinear becomes a
 * symmetric int8 quantisation with one scale per row (per sentence and
 * position), as CTranslate2 quantises: scale = max|x| / 127 over the row.
 * The values are stored as uint8 with the fixed zero point 128 (x/scale + 128
 * lies in 1…255), so MatMulInteger keeps onnxruntime's fast uint8 × int8
 * kernel (an int8 × int8 product ran the encoder 6× slower here) and takes
 * a scalar zero point; the rescaling Mul broadcasts the [..., 1] scales.
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType, type NodeSpec } from '../../onnx/onnx-proto.js';
import { uint8Tensor } from '../../onnx/tensors.js';
import type { EditedGraph, ParsedNode } from '../../onnx/read-model.js';

/** Keeps an all-zero row from dividing by zero (its values quantise to 0 whatever the scale). */
const SMALLEST_SCALE = 1e-30;
const ZERO_POINT = 128;

export function perRowQuantization(graph: EditedGraph, opset: number): { graph: EditedGraph; rewritten: number } {
  const g = new GraphBuilder('lv2en_per_row', undefined, 'lv2en_per_row/');
  const zeroPoint = g.initializer(uint8Tensor('lv2en_per_row/zero_point', [], [ZERO_POINT]));
  const nodes: (ParsedNode | NodeSpec)[] = [];
  let rewritten = 0;
  for (const node of graph.nodes) {
    if (!('graphs' in node) || node.opType !== 'DynamicQuantizeLinear' || node.domain !== '') {
      nodes.push(node);
      continue;
    }
    const [x] = node.inputs;
    const [quantized, scale, zero] = node.outputs;
    const start = g.build().nodes.length;
    const reduce =
      opset >= 18
        ? g.op1('ReduceMax', [g.op1('Abs', [x!]), g.int64([-1])], { keepdims: attr.int(1) })
        : g.op1('ReduceMax', [g.op1('Abs', [x!])], { axes: attr.ints([-1]), keepdims: attr.int(1) });
    const rowScale = g.op1('Div', [g.op1('Max', [reduce, g.floatScalar(SMALLEST_SCALE)]), g.floatScalar(127)], {}, scale);
    const shifted = g.op1('Add', [g.op1('Round', [g.op1('Div', [x!, rowScale])]), g.floatScalar(ZERO_POINT)]);
    g.op1('Cast', [shifted], { to: attr.int(DataType.UINT8) }, quantized);
    if (zero) g.op1('Identity', [zeroPoint], {}, zero);
    nodes.push(...g.build().nodes.slice(start));
    rewritten += 1;
  }
  const extra = g.build();
  return {
    graph: { ...graph, nodes, initializers: [...graph.initializers, ...extra.initializers] },
    rewritten,
  };
}
