import type { Segment } from '../core/segment-record.js';
import { codeReferences, writeTagged } from './inline-codes.js';
import { ParagraphGroups } from './paragraph-groups.js';
import { describeHit, flagNotes, paragraphId, reviewStatus, type ReviewStatus } from './review-status.js';
import { describeDecoding } from './provenance.js';
import type { ChunkRenderer, DocumentInfo, ReadReviewFile, ReadUnit } from './types.js';
import { machineTargetHash, WRITTEN_TARGET_META, XmlStream } from './xml.js';
import { attribute, child, children, descendants, inlineText, notTranslatable, readTagged, unitTexts, type XElement } from './xml-read.js';

export const XLIFF2_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF2_METADATA_NAMESPACE = 'urn:oasis:names:tc:xliff:metadata:2.0';

/**
 * XLIFF 2.1 (core namespace `…:document:2.0`, `version="2.1"`): one `<unit>`
 * per segment (`id` = the segment id), grouped by paragraph. States:
 *   machine        state="translated"  subState="lv2en:machine"
 *   needs-review   state="translated"  subState="lv2en:needs-review"
 *   reviewed       state="reviewed"    (subState="lv2en:needs-review" if QA still warns)
 *   boilerplate    unit translate="no", state="final", target = source
 *   untranslated   state="initial", no target
 * XLIFF 2 has no needs-review state, and CAT tools read `state`, not
 * `subState`; the flags are therefore also notes (priority 1 for warnings),
 * which every XLIFF 2 tool shows. Glossary hits are notes too.
 * The Metadata module keeps lv2en's own data (kind, flags, the fingerprint of
 * the target as written, which the importer compares to find edits); XLIFF 2
 * tools must keep module data they do not understand. Characters XML
 * forbids are written as `<cp hex="…"/>` in sources and targets. The file's
 * own metadata group `lv2en-provenance` says which model (name, fixture or not,
 * sha256 of its files), lv2en version and decoding settings wrote it.
 * A document's inline codes (bold, a link, a line break) are `<pc>` and
 * `<ph>` in source and target, numbered alike in both, typed (`fmt` +
 * `xlf:b`, `link`, `lv2en:<type>`), their original markup in the unit's
 * `<originalData>`; plain text has none of this.
 */
export function xliff2Renderer(document: Pick<DocumentInfo, 'name' | 'provenance'>): ChunkRenderer {
  const xml = new XmlStream();
  xml.open('xliff', { version: '2.1', srcLang: 'lv', trgLang: 'en' }, XLIFF2_NAMESPACE).declare('mda', XLIFF2_METADATA_NAMESPACE);
  xml.open('file', { id: 'f1', original: document.name }).xmlAttribute('space', 'preserve');
  const { provenance } = document;
  if (provenance) {
    xml
      .open('mda:metadata', {}, XLIFF2_METADATA_NAMESPACE)
      .open('mda:metaGroup', { category: 'lv2en-provenance' }, XLIFF2_METADATA_NAMESPACE);
    const meta = (type: string, value: string) => xml.leaf('mda:meta', value, { type }, XLIFF2_METADATA_NAMESPACE);
    meta('model', provenance.model);
    meta('model-fixture', String(provenance.fixture));
    meta('model-files-sha256', provenance.modelFiles);
    meta('lv2en-version', provenance.lv2en);
    meta('decoding', describeDecoding(provenance));
    xml.close().close();
  }
  const groups = new ParagraphGroups(xml, (s) => ({ id: paragraphId(s), name: `paragraph ${s.paragraph + 1}` }));
  let empty = true;
  return {
    chunk: (segments) => {
      for (const segment of segments) {
        groups.enter(segment);
        writeUnit2(xml, segment);
        empty = false;
      }
      return xml.take();
    },
    // The schema wants a unit or group in every <file>: an empty document gets one empty group.
    finish: () => (empty ? xml.leaf('group', '', { id: 'p1' }) : xml).end(),
  };
}

const STATE_2: Record<ReviewStatus, { state: string; subState?: string }> = {
  machine: { state: 'translated', subState: 'lv2en:machine' },
  'needs-review': { state: 'translated', subState: 'lv2en:needs-review' },
  reviewed: { state: 'reviewed' },
  boilerplate: { state: 'final' },
  untranslated: { state: 'initial' },
};

function writeUnit2(xml: XmlStream, segment: Segment): void {
  const status = reviewStatus(segment);
  const notes = flagNotes(segment);
  xml.open('unit', segment.kind === 'boilerplate' ? { id: segment.id, translate: 'no' } : { id: segment.id });

  xml.open('mda:metadata', {}, XLIFF2_METADATA_NAMESPACE).open('mda:metaGroup', { category: 'lv2en' }, XLIFF2_METADATA_NAMESPACE);
  xml.leaf('mda:meta', segment.kind, { type: 'kind' }, XLIFF2_METADATA_NAMESPACE);
  xml.leaf('mda:meta', status, { type: 'status' }, XLIFF2_METADATA_NAMESPACE);
  for (const flag of segment.flags) xml.leaf('mda:meta', flag, { type: 'flag' }, XLIFF2_METADATA_NAMESPACE);
  if (segment.target !== null)
    xml.leaf('mda:meta', machineTargetHash(segment.target), { type: WRITTEN_TARGET_META }, XLIFF2_METADATA_NAMESPACE);
  xml.close().close();

  if (notes.length > 0 || segment.glossary.length > 0) {
    xml.open('notes');
    for (const note of notes)
      xml.leaf('note', note.text, { category: note.warning ? 'lv2en:qa' : 'lv2en:info', priority: note.warning ? '1' : '8' });
    for (const hit of segment.glossary)
      xml.leaf('note', describeHit(hit), { category: 'lv2en:glossary', priority: hit.status === 'missing' ? '1' : '5' });
    xml.close();
  }

  // Inline codes: <pc>/<ph> in the text, each code's original markup in <originalData>.
  const references = codeReferences(segment);
  if (references && references.originalData.length > 0) {
    xml.open('originalData');
    for (const { id, data } of references.originalData) xml.open('data', { id }).textWithCodePoints(data).close();
    xml.close();
  }

  const { state, subState } = STATE_2[status];
  const reviewedButWarned = status === 'reviewed' && notes.some((n) => n.warning);
  xml.open('segment', {
    id: `s${segment.id}`,
    state,
    ...(subState ? { subState } : reviewedButWarned ? { subState: 'lv2en:needs-review' } : {}),
  });
  // Characters XML forbids travel as <cp hex>, so the text a CAT tool returns is the text lv2en read.
  xml.open('source');
  writeTagged(xml, segment.source, segment.sourceTags, 'xliff-2', references);
  xml.close();
  if (segment.target !== null) {
    xml.open('target');
    writeTagged(xml, segment.target, segment.targetTags, 'xliff-2', references);
    xml.close();
  }
  xml.close();
  xml.close();
}

export const isXliff2 = (root: XElement) =>
  root.localName === 'xliff' && (root.namespaceURI === XLIFF2_NAMESPACE || /^2\./.test(attribute(root, 'version') ?? ''));

/**
 * Reads XLIFF 2.x: a unit's segments and ignorables joined are its source and
 * target (a CAT tool may have split a unit); the unit is confirmed when every
 * segment is reviewed or final.
 */
export function readXliff2(root: XElement): ReadReviewFile {
  const files = children(root, 'file');
  const units: ReadUnit[] = [];
  for (const file of files) {
    for (const unit of descendants(file, 'unit')) {
      const parts = children(unit).filter((n) => n.localName === 'segment' || n.localName === 'ignorable');
      const segments = parts.filter((n) => n.localName === 'segment');
      // A CAT tool may have split the unit: its parts read as one text, so a code pair across two segments stays a pair.
      const sources = parts.flatMap((part) => child(part, 'source') ?? []);
      const targets = parts.map((part) => child(part, 'target') ?? (part.localName === 'ignorable' ? child(part, 'source') : null));
      const complete = targets.every((t) => t !== null);
      const hash =
        descendants(unit, 'meta').find(
          (m) => m.namespaceURI === XLIFF2_METADATA_NAMESPACE && attribute(m, 'type') === WRITTEN_TARGET_META,
        ) ?? null;
      units.push({
        id: attribute(unit, 'id') ?? String(units.length + 1),
        ...unitTexts(readTagged(sources, 'xliff-2'), complete ? readTagged(targets as XElement[], 'xliff-2') : null),
        notTranslatable: notTranslatable(unit),
        confirmed: segments.length > 0 && segments.every((s) => ['reviewed', 'final'].includes(attribute(s, 'state') ?? '')),
        writtenHash: hash ? inlineText(hash).trim() : null,
      });
    }
  }
  return {
    format: 'xliff-2',
    document: files.length === 1 ? attribute(files[0]!, 'original') : null,
    units,
    unmarkedMeansConfirmed: false,
  };
}
