/**
 * Gold-set format and boundary scoring for the segmenter (used by the tests and
 * `npm run bench:segment`). Format, in short (full description in
 * test/fixtures/segment/README.md):
 *
 *   @@ <id> <tag> <tag> …
 *   Text with ‖ after every sentence that ends before more text.‖ Furniture is ⟦wrapped⟧.
 *
 * Lines before the first "@@" line are a preamble. A block's text is its lines up
 * to the next "@@" line, trailing blank lines removed, with the markers deleted.
 */

export const BOUNDARY = '‖';
export const BOILERPLATE_OPEN = '⟦';
export const BOILERPLATE_CLOSE = '⟧';

export interface GoldParagraph {
  id: string;
  tags: string[];
  /** The paragraph without markers: what the segmenter sees. */
  text: string;
  /** Offsets in `text` where a new sentence starts (never 0), ascending. */
  boundaries: number[];
  /** Trimmed [start, end) ranges of furniture segments. */
  boilerplate: [number, number][];
  /** The gold sentences, trimmed. */
  sentences: string[];
}

const WS = /\s/u;

function nextNonSpace(text: string, i: number): number {
  while (i < text.length && WS.test(text[i]!)) i++;
  return i;
}

function parseBlock(header: string, body: string): GoldParagraph {
  const [id = '', ...tags] = header.trim().split(/\s+/u);
  let text = '';
  const marks: number[] = [];
  const boilerplate: [number, number][] = [];
  let open = -1;
  for (const ch of body) {
    if (ch === BOUNDARY) marks.push(text.length);
    else if (ch === BOILERPLATE_OPEN) {
      if (open !== -1) throw new Error(`${id}: nested ${BOILERPLATE_OPEN}`);
      marks.push(text.length);
      open = text.length;
    } else if (ch === BOILERPLATE_CLOSE) {
      if (open === -1) throw new Error(`${id}: ${BOILERPLATE_CLOSE} without ${BOILERPLATE_OPEN}`);
      boilerplate.push([open, text.length]);
      marks.push(text.length);
      open = -1;
    } else text += ch;
  }
  if (open !== -1) throw new Error(`${id}: unclosed ${BOILERPLATE_OPEN}`);
  const boundaries = [...new Set(marks.map((m) => nextNonSpace(text, m)))]
    .filter((b) => b > nextNonSpace(text, 0) && b < text.length)
    .sort((a, b) => a - b);
  const cuts = [0, ...boundaries, text.length];
  const sentences: string[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const s = text.slice(cuts[k], cuts[k + 1]).trim();
    if (s !== '') sentences.push(s);
  }
  return { id, tags, text, boundaries, boilerplate: boilerplate.map(([s, e]) => trimRange(text, s, e)), sentences };
}

function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && WS.test(text[s]!)) s++;
  while (e > s && WS.test(text[e - 1]!)) e--;
  return [s, e];
}

export function parseGold(source: string): GoldParagraph[] {
  const lines = source.split('\n');
  const out: GoldParagraph[] = [];
  let header: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (header === null) return;
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    while (body.length > 0 && body[0]!.trim() === '') body.shift();
    out.push(parseBlock(header, body.join('\n')));
  };
  for (const line of lines) {
    if (line.startsWith('@@ ')) {
      flush();
      header = line.slice(3);
      body = [];
    } else if (header !== null) body.push(line);
  }
  flush();
  return out;
}

export interface Span {
  start: number;
  end: number;
  boilerplate?: boolean;
}

/** Boundaries of a segmentation: the start of every span but the first. */
export function spanBoundaries(spans: readonly Span[]): number[] {
  return spans.slice(1).map((s) => s.start);
}

export interface Score {
  paragraphs: number;
  exact: number;
  goldBoundaries: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  exactRate: number;
  /** Paragraphs that are not exactly right, with what went wrong. */
  errors: { id: string; missed: number[]; extra: number[] }[];
}

export function score(gold: readonly GoldParagraph[], segmenter: (text: string) => readonly Span[]): Score {
  let goldB = 0;
  let pred = 0;
  let correct = 0;
  let exact = 0;
  const errors: Score['errors'] = [];
  for (const g of gold) {
    const p = new Set(spanBoundaries(segmenter(g.text)));
    const gs = new Set(g.boundaries);
    let c = 0;
    for (const b of p) if (gs.has(b)) c++;
    goldB += gs.size;
    pred += p.size;
    correct += c;
    if (c === gs.size && c === p.size) exact++;
    else errors.push({ id: g.id, missed: [...gs].filter((b) => !p.has(b)), extra: [...p].filter((b) => !gs.has(b)) });
  }
  const precision = pred === 0 ? 1 : correct / pred;
  const recall = goldB === 0 ? 1 : correct / goldB;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    paragraphs: gold.length,
    exact,
    goldBoundaries: goldB,
    predicted: pred,
    correct,
    precision,
    recall,
    f1,
    exactRate: gold.length === 0 ? 1 : exact / gold.length,
    errors,
  };
}

export interface BoilerplateScore {
  gold: number;
  predicted: number;
  correct: number;
}

/** Flagged furniture segments that match a gold ⟦…⟧ range exactly. */
export function scoreBoilerplate(gold: readonly GoldParagraph[], segmenter: (text: string) => readonly Span[]): BoilerplateScore {
  let g = 0;
  let p = 0;
  let c = 0;
  for (const para of gold) {
    const goldSet = new Set(para.boilerplate.map(([s, e]) => `${s}:${e}`));
    const predSet = new Set(
      segmenter(para.text)
        .filter((s) => s.boilerplate)
        .map((s) => `${s.start}:${s.end}`),
    );
    g += goldSet.size;
    p += predSet.size;
    for (const k of predSet) if (goldSet.has(k)) c++;
  }
  return { gold: g, predicted: p, correct: c };
}

/** Intl.Segmenter as a segmenter with the same span shape (trimmed, empty ones dropped). */
export function intlSegmenter(locale = 'lv'): (text: string) => Span[] {
  const seg = new Intl.Segmenter(locale, { granularity: 'sentence' });
  return (text) => {
    const spans: Span[] = [];
    for (const s of seg.segment(text)) {
      const [a, b] = trimRange(text, s.index, s.index + s.segment.length);
      if (a < b) spans.push({ start: a, end: b });
    }
    return spans;
  };
}
