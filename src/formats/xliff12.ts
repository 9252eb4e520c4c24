import type { Segment } from '../core/segment-record.js';
import { codeReferences, writeTagged } from './inline-codes.js';
import { LV2EN_VERSION } from '../core/version.js';
import { ParagraphGroups } from './paragraph-groups.js';
import { describeHit, flagNotes, paragraphId, reviewStatus } from './review-status.js';
import { describeProvenance } from './provenance.js';
import type { ChunkRenderer, DocumentInfo, ReadReviewFile, ReadUnit } from './types.js';
import { machineTargetHash, WRITTEN_TARGET_META, XmlStream } from './xml.js';
import { attribute, child, children, descendants, inlineText, notTranslatable, readTagged, unitTexts, type XElement } from './xml-read.js';

export const XLIFF12_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';

/**
 * XLIFF 1.2: one `<trans-unit>` per segment (`id` = the segment id), grouped
 * by paragraph. `<target state>`:
 *   machine        translated, state-qualifier="mt-suggestion"
 *   needs-review   needs-review-translation, state-qualifier="mt-suggestion"
 *   reviewed       signed-off, state-qualifier="exact-match", approved="yes"
 *                  (needs-review-translation if QA still warns)
 *   boilerplate    translate="no", final
 *   untranslated   no target
 * Flags and glossary hits are `<note from="lv2en">`; the fingerprint of the
 * target as written is a `<context-group>` named `lv2en:<segment id>`: the
 * OASIS schema wants context-group names unique within a `<file>`.
 * XLIFF 1.2 has no way to write a character XML forbids: those are dropped
 * (QA flags such a segment `xml-char-dropped`). The header's `<note
 * from="lv2en-provenance">` says which model, lv2en and settings wrote it.
 * A document's inline codes are `<g>` (spans) and `<x/>` (codes standing
 * alone) with a ctype (`bold`, `link`, `lb`, `x-lv2en-<type>`), numbered
 * alike in source and target; XLIFF 1.2 has no place for their markup.
 */
export function xliff12Renderer(document: Pick<DocumentInfo, 'name' | 'provenance'>): ChunkRenderer {
  const xml = new XmlStream();
  xml.open('xliff', { version: '1.2' }, XLIFF12_NAMESPACE);
  xml.open('file', {
    original: document.name,
    'source-language': 'lv',
    'target-language': 'en',
    datatype: 'plaintext',
    'tool-id': 'lv2en',
  });
  xml.open('header').leaf('tool', '', { 'tool-id': 'lv2en', 'tool-name': 'lv2en', 'tool-version': LV2EN_VERSION });
  if (document.provenance) xml.leaf('note', describeProvenance(document.provenance), { from: 'lv2en-provenance' });
  xml.close();
  xml.open('body');
  const groups = new ParagraphGroups(xml, (s) => ({ id: paragraphId(s), resname: `paragraph ${s.paragraph + 1}` }));
  return {
    chunk: (segments) => {
      for (const segment of segments) {
        groups.enter(segment);
        writeUnit12(xml, segment);
      }
      return xml.take();
    },
    finish: () => xml.end(),
  };
}

function writeUnit12(xml: XmlStream, segment: Segment): void {
  const status = reviewStatus(segment);
  const notes = flagNotes(segment);
  const warned = notes.some((n) => n.warning);
  const attributes: Record<string, string> = { id: segment.id };
  if (status === 'boilerplate') attributes.translate = 'no';
  if (status === 'reviewed' && !warned) attributes.approved = 'yes';
  xml.open('trans-unit', attributes).xmlAttribute('space', 'preserve');
  const references = codeReferences(segment);
  xml.open('source').xmlAttribute('lang', 'lv');
  writeTagged(xml, segment.source, segment.sourceTags, 'xliff-1.2', references);
  xml.close();
  if (segment.target !== null) {
    const target: Record<string, string> =
      status === 'boilerplate'
        ? { state: 'final' }
        : status === 'reviewed'
          ? { state: warned ? 'needs-review-translation' : 'signed-off', 'state-qualifier': 'exact-match' }
          : { state: status === 'needs-review' ? 'needs-review-translation' : 'translated', 'state-qualifier': 'mt-suggestion' };
    xml.open('target', target).xmlAttribute('lang', 'en');
    writeTagged(xml, segment.target, segment.targetTags, 'xliff-1.2', references);
    xml.close();
    xml.open('context-group', { name: `lv2en:${segment.id}`, purpose: 'information' });
    xml.leaf('context', machineTargetHash(segment.target), { 'context-type': `x-${WRITTEN_TARGET_META}` });
    xml.close();
  }
  for (const note of notes) xml.leaf('note', note.text, { from: 'lv2en', priority: note.warning ? '1' : '8', annotates: 'target' });
  for (const hit of segment.glossary)
    xml.leaf('note', describeHit(hit), { from: 'lv2en', priority: hit.status === 'missing' ? '1' : '5', annotates: 'general' });
  xml.close();
}

export const isXliff12 = (root: XElement) =>
  root.localName === 'xliff' && (root.namespaceURI === XLIFF12_NAMESPACE || attribute(root, 'version') === '1.2');

/** Reads XLIFF 1.2: a unit is confirmed when `approved="yes"` or its target is signed-off or final. */
export function readXliff12(root: XElement): ReadReviewFile {
  const files = children(root, 'file');
  const units: ReadUnit[] = [];
  for (const file of files) {
    for (const unit of descendants(file, 'trans-unit')) {
      const source = child(unit, 'source');
      const target = child(unit, 'target');
      const state = target ? attribute(target, 'state') : null;
      const context = descendants(unit, 'context').find((c) => attribute(c, 'context-type') === `x-${WRITTEN_TARGET_META}`) ?? null;
      units.push({
        id: attribute(unit, 'id') ?? String(units.length + 1),
        ...unitTexts(source ? readTagged(source, 'xliff-1.2') : { text: '', tags: [] }, target ? readTagged(target, 'xliff-1.2') : null),
        notTranslatable: notTranslatable(unit),
        confirmed: attribute(unit, 'approved') === 'yes' || state === 'signed-off' || state === 'final',
        writtenHash: context ? inlineText(context).trim() : null,
      });
    }
  }
  return {
    format: 'xliff-1.2',
    document: files.length === 1 ? attribute(files[0]!, 'original') : null,
    units,
    unmarkedMeansConfirmed: false,
  };
}
