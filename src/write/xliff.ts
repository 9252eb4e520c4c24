import type { Segment } from '../core/segment-record.js';
import { LV2EN_VERSION } from '../core/version.js';
import type { ChunkRenderer } from './formats.js';
import { describeHit, flagNotes, paragraphId, reviewStatus, type ReviewStatus } from './review-status.js';
import { machineTargetHash, XmlStream } from './xml.js';

export const XLIFF2_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF2_METADATA_NAMESPACE = 'urn:oasis:names:tc:xliff:metadata:2.0';
export const XLIFF12_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';

/** `<mda:meta type>` / `<context context-type>` carrying the fingerprint of the target as written. */
export const WRITTEN_TARGET_META = 'lv2en-written-target';

/**
 * Tracks the paragraph group that is open while segments stream past, so a
 * paragraph split across two chunks still becomes one group.
 */
class ParagraphGroups {
  private open: number | null = null;

  constructor(
    private readonly xml: XmlStream,
    private readonly attributes: (segment: Segment) => Record<string, string>,
  ) {}

  enter(segment: Segment): void {
    if (this.open === segment.paragraph) return;
    if (this.open !== null) this.xml.close();
    this.xml.open('group', this.attributes(segment));
    this.open = segment.paragraph;
  }
}

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
 * tools must keep module data they do not understand.
 */
export function xliff2Renderer(document: { name: string }): ChunkRenderer {
  const xml = new XmlStream();
  xml.open('xliff', { version: '2.1', srcLang: 'lv', trgLang: 'en' }, XLIFF2_NAMESPACE).declare('mda', XLIFF2_METADATA_NAMESPACE);
  xml.open('file', { id: 'f1', original: document.name }).xmlAttribute('space', 'preserve');
  const groups = new ParagraphGroups(xml, (s) => ({ id: paragraphId(s), name: `paragraph ${s.paragraph + 1}` }));
  return {
    chunk: (segments) => {
      for (const segment of segments) {
        groups.enter(segment);
        writeUnit2(xml, segment);
      }
      return xml.take();
    },
    finish: () => xml.end(),
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

  const { state, subState } = STATE_2[status];
  const reviewedButWarned = status === 'reviewed' && notes.some((n) => n.warning);
  xml.open('segment', {
    id: `s${segment.id}`,
    state,
    ...(subState ? { subState } : reviewedButWarned ? { subState: 'lv2en:needs-review' } : {}),
  });
  xml.leaf('source', segment.source);
  if (segment.target !== null) xml.leaf('target', segment.target);
  xml.close();
  xml.close();
}

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
 * target as written is a `<context-group name="lv2en">`.
 */
export function xliff12Renderer(document: { name: string }): ChunkRenderer {
  const xml = new XmlStream();
  xml.open('xliff', { version: '1.2' }, XLIFF12_NAMESPACE);
  xml.open('file', {
    original: document.name,
    'source-language': 'lv',
    'target-language': 'en',
    datatype: 'plaintext',
    'tool-id': 'lv2en',
  });
  xml.open('header').leaf('tool', '', { 'tool-id': 'lv2en', 'tool-name': 'lv2en', 'tool-version': LV2EN_VERSION }).close();
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
  xml.open('source').xmlAttribute('lang', 'lv').text(segment.source).close();
  if (segment.target !== null) {
    const target: Record<string, string> =
      status === 'boilerplate'
        ? { state: 'final' }
        : status === 'reviewed'
          ? { state: warned ? 'needs-review-translation' : 'signed-off', 'state-qualifier': 'exact-match' }
          : { state: status === 'needs-review' ? 'needs-review-translation' : 'translated', 'state-qualifier': 'mt-suggestion' };
    xml.open('target', target).xmlAttribute('lang', 'en').text(segment.target).close();
    xml.open('context-group', { name: 'lv2en', purpose: 'information' });
    xml.leaf('context', machineTargetHash(segment.target), { 'context-type': `x-${WRITTEN_TARGET_META}` });
    xml.close();
  }
  for (const note of notes) xml.leaf('note', note.text, { from: 'lv2en', priority: note.warning ? '1' : '8', annotates: 'target' });
  for (const hit of segment.glossary)
    xml.leaf('note', describeHit(hit), { from: 'lv2en', priority: hit.status === 'missing' ? '1' : '5', annotates: 'general' });
  xml.close();
}
