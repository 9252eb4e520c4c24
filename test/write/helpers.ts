import { parseXmlRoot } from '../../src/formats/xml-read.js';
import type { GlossaryHit, Segment } from '../../src/core/segment-record.js';
import { outputFormats } from '../../src/formats/index.js';

/** Renders a format through its streaming renderer, in the chunk sizes given (the rest in one). */
export function renderFormat(format: string, name: string, segments: readonly Segment[], chunkSizes: number[] = []): string {
  const spec = outputFormats[format]!;
  if (!spec.stream) return spec.render!({ name, text: '', segments });
  const renderer = spec.stream({ name, text: '' });
  let out = '';
  let at = 0;
  for (const size of chunkSizes) {
    out += renderer.chunk(segments.slice(at, at + size));
    at += size;
  }
  out += renderer.chunk(segments.slice(at));
  return out + renderer.finish();
}

export const hit = (surface: string, target: string, status: GlossaryHit['status'] = 'found', start = 0): GlossaryHit => ({
  start,
  end: start + surface.length,
  surface,
  lemma: surface,
  target,
  status,
});

export function segment(id: number, paragraph: number, source: string, target: string | null, extra: Partial<Segment> = {}): Segment {
  return { id: String(id), paragraph, start: 0, end: source.length, source, kind: 'sentence', target, glossary: [], flags: [], ...extra };
}

/**
 * A document with what real input can hold and XML cannot: C0 controls
 * (NUL included, which only the library API lets through), lone surrogates,
 * U+FFFE/FFFF, "]]>", markup, quotes, ampersands and entity-like text
 * ("&amp;" as five characters), plus tabs, line breaks,
 * a carriage return and characters outside the BMP that must survive.
 */
export function hostileDocument(): Segment[] {
  return [
    segment(1, 0, 'Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru', 'Tsikhanouskaya urges Europe not to recognise Lukashenko victory', {
      glossary: [hit('Tihanovska', 'Tsikhanouskaya', 'repaired'), hit('Lukašenko', 'Lukashenko', 'found', 33)],
      flags: ['glossary-repaired'],
    }),
    // Scraped text keeps entity-looking text literally: "&amp;" here is five characters.
    segment(
      2,
      1,
      'Ziņā bija <script>alert("x")</script> un <img src=x onerror="alert(1)"> & &amp; &lt;i&gt; &#38; ]]> beigas.',
      'The report had <script>alert("x")</script> and <img src=x onerror="alert(1)"> & &amp; &lt;i&gt; &#38; ]]> end.',
    ),
    segment(
      3,
      1,
      'Kontroles\u0000zīmes\u0001\u0008\u000B\u000C\u001B\u001F un\tcilne\nrinda\r\natgriezums.',
      'Control\u0000characters\u0001\u0008\u000B\u000C\u001B\u001F and\ttab\nline\r\nreturn.',
      {
        flags: ['untranslated:<b>&amp;</b>'],
      },
    ),
    segment(
      4,
      1,
      'Vientuļi surogāti \uD800 un \uDFFF, ne\uFFFE\uFFFF rakstzīmes, emocijzīme 😀.',
      'Lone surrogates \uD800 and \uDFFF, non\uFFFE\uFFFF characters, emoji 😀.',
      {
        flags: ['number-missing:80,1%'],
      },
    ),
    segment(5, 2, '20 Foto', '20 Foto', { kind: 'boilerplate', flags: ['boilerplate'] }),
    segment(6, 3, 'Oficiāli viņš ieguva 80,1% balsu.', 'Officially he received 80.1% of the votes.', { flags: ['tm:reviewed'] }),
    segment(7, 3, 'Vēl nav tulkots.', null),
  ];
}

/** Parses XML with xmlbuilder2 (through the importer's entity fix) and returns its root element (a DOM node). */
export function parseXml(text: string): XElement {
  return parseXmlRoot(text) as XElement;
}

export interface XElement {
  nodeType: number;
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  childNodes: ArrayLike<XElement>;
  parentNode: XElement | null;
  getAttribute(name: string): string | null;
}

export const elementsOf = (node: XElement, localName?: string) =>
  Array.from(node.childNodes).filter((n) => n.nodeType === 1 && (localName === undefined || n.localName === localName));

export function descendantsOf(node: XElement, localName: string, out: XElement[] = []): XElement[] {
  for (const child of elementsOf(node)) {
    if (child.localName === localName) out.push(child);
    descendantsOf(child, localName, out);
  }
  return out;
}
