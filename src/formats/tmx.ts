import type { InlineTag, Segment } from '../core/segment-record.js';
import { codeReferences, writeTagged } from './inline-codes.js';
import { LV2EN_VERSION } from '../core/version.js';
import { describeHit, reviewStatus } from './review-status.js';
import { describeDecoding } from './provenance.js';
import type { ChunkRenderer, DocumentInfo, ReadReviewFile, ReadUnit } from './types.js';
import { machineTargetHash, XmlStream } from './xml.js';
import { attribute, child, children, inlineText, readTagged, unitTexts, type XElement } from './xml-read.js';

/**
 * TMX 1.4b: one `<tu>` per segment, `tuid` = the segment id, a Latvian and an
 * English `<tuv>`. What lv2en knows about the pair rides in `<prop>`s with
 * user-defined (`x-`) types, which CAT tools keep and show as attributes:
 *   x-lv2en-flag            one per flag (`number-format:80,1%`)
 *   x-lv2en-status          machine | needs-review | reviewed | boilerplate
 *   x-lv2en-glossary        one per glossary hit
 *   x-lv2en-paragraph, x-lv2en-kind, x-lv2en-document
 *   x-lv2en-mt              fingerprint of the machine translation as written;
 *                           the importer tells an edited target by it
 * The header's props say where the translations come from: x-lv2en-model,
 * x-lv2en-model-fixture (true for a test fixture), x-lv2en-model-files (sha256),
 * x-lv2en-decoding.
 * No creation date is written, so the same input writes the same file.
 * A document's inline codes are `<bpt>`/`<ept>` (spans) and `<ph>` (codes
 * standing alone) holding the original markup, numbered alike (`i`, `x`) in
 * both `<tuv>`s and typed (`bold`, `ulined`, `lb`, `x-lv2en-<type>`).
 */
export const TMX_PROP = {
  document: 'x-lv2en-document',
  paragraph: 'x-lv2en-paragraph',
  kind: 'x-lv2en-kind',
  status: 'x-lv2en-status',
  flag: 'x-lv2en-flag',
  glossary: 'x-lv2en-glossary',
  machineHash: 'x-lv2en-mt',
  model: 'x-lv2en-model',
  modelFixture: 'x-lv2en-model-fixture',
  modelFiles: 'x-lv2en-model-files',
  decoding: 'x-lv2en-decoding',
} as const;

export function tmxRenderer(document: Pick<DocumentInfo, 'name' | 'provenance'>): ChunkRenderer {
  const xml = new XmlStream();
  xml.open('tmx', { version: '1.4' });
  xml.open('header', {
    creationtool: 'lv2en',
    creationtoolversion: LV2EN_VERSION,
    segtype: 'sentence',
    'o-tmf': 'lv2en',
    adminlang: 'en',
    srclang: 'lv',
    datatype: 'plaintext',
  });
  xml.leaf('prop', document.name, { type: TMX_PROP.document });
  const { provenance } = document;
  if (provenance) {
    xml.leaf('prop', provenance.model, { type: TMX_PROP.model });
    xml.leaf('prop', String(provenance.fixture), { type: TMX_PROP.modelFixture });
    xml.leaf('prop', provenance.modelFiles, { type: TMX_PROP.modelFiles });
    xml.leaf('prop', describeDecoding(provenance), { type: TMX_PROP.decoding });
  }
  xml.close();
  xml.open('body');
  return {
    chunk: (segments) => {
      for (const segment of segments) writeUnit(xml, segment, document.name);
      return xml.take();
    },
    finish: () => xml.end(),
  };
}

function writeUnit(xml: XmlStream, segment: Segment, documentName: string): void {
  xml.open('tu', { tuid: segment.id, srclang: 'lv' });
  xml.leaf('prop', documentName, { type: TMX_PROP.document });
  xml.leaf('prop', String(segment.paragraph), { type: TMX_PROP.paragraph });
  xml.leaf('prop', segment.kind, { type: TMX_PROP.kind });
  xml.leaf('prop', reviewStatus(segment), { type: TMX_PROP.status });
  for (const flag of segment.flags) xml.leaf('prop', flag, { type: TMX_PROP.flag });
  for (const hit of segment.glossary) xml.leaf('prop', describeHit(hit), { type: TMX_PROP.glossary });
  if (segment.target !== null) xml.leaf('prop', machineTargetHash(segment.target), { type: TMX_PROP.machineHash });
  const references = codeReferences(segment);
  const variant = (lang: string, text: string, tags: readonly InlineTag[] | undefined) => {
    xml.open('tuv').xmlAttribute('lang', lang).open('seg');
    writeTagged(xml, text, tags, 'tmx', references);
    xml.close().close();
  };
  variant('lv', segment.source, segment.sourceTags);
  if (segment.target !== null) variant('en', segment.target, segment.targetTags);
  xml.close();
}

export const isTmx = (root: XElement) => root.localName === 'tmx';

/**
 * Reads a TMX: `tuid` is the unit id, the lv and en `<tuv>` (any region) its
 * source and target. lv2en's props say which units are boilerplate, reviewed,
 * and what was written; a TMX without them is another tool's memory.
 */
export function readTmx(root: XElement): ReadReviewFile {
  const body = child(root, 'body');
  const documents = new Set<string>();
  const units: ReadUnit[] = [];
  for (const tu of body ? children(body, 'tu') : []) {
    const props = new Map<string, string>();
    for (const prop of children(tu, 'prop')) {
      const type = attribute(prop, 'type');
      if (type && !props.has(type)) props.set(type, inlineText(prop).trim());
    }
    const document = props.get(TMX_PROP.document);
    if (document) documents.add(document);
    const variants = children(tu, 'tuv').map((tuv) => ({
      lang: (attribute(tuv, 'xml:lang') ?? attribute(tuv, 'lang') ?? '').toLowerCase(),
      seg: child(tuv, 'seg'),
    }));
    const lv = variants.find((v) => v.lang === 'lv' || v.lang.startsWith('lv-'));
    const en = variants.find((v) => v.lang === 'en' || v.lang.startsWith('en-'));
    units.push({
      id: attribute(tu, 'tuid') ?? String(units.length + 1),
      ...unitTexts(lv?.seg ? readTagged(lv.seg, 'tmx') : { text: '', tags: [] }, en?.seg ? readTagged(en.seg, 'tmx') : null),
      notTranslatable: props.get(TMX_PROP.kind) === 'boilerplate',
      confirmed: props.get(TMX_PROP.status) === 'reviewed',
      writtenHash: props.get(TMX_PROP.machineHash) ?? null,
    });
  }
  return { format: 'tmx', document: documents.size === 1 ? [...documents][0]! : null, units, unmarkedMeansConfirmed: true };
}
