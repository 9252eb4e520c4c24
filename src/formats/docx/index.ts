import { extname } from 'node:path';
import { Lv2enError } from '../../core/errors.js';
import { rewriteSource } from '../document/rewrite.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../document/types.js';
import { rewriteArchive, zipMentions } from '../office/package.js';
import { readRelationships } from '../office/relationships.js';
import { ZipArchive } from '../office/zip.js';
import { type ParagraphRegion, paragraphBlock, renderParagraph } from './paragraph.js';
import { type ScannedParagraph, scanPart } from './scan.js';

/**
 * Word documents (Office Open XML, .docx): the paragraphs of the body and
 * its tables, headers, footers, footnotes, endnotes and text boxes, read
 * from each part with saxes (through scanXml) and written back by rebuilding
 * only the runs of those paragraphs. Everything else (the paragraph's own
 * properties, styles, numbering, images, comments, relationships, settings)
 * stays as it was: a part without translated text is copied unchanged, and
 * inside a rewritten part every byte outside the rewritten paragraphs is.
 */

const LABEL = 'Word document';

interface Part {
  name: string;
  /** For a reviewer: where the part's text sits (undefined for the body). */
  context: string | undefined;
}

/** The parts of one part that hold prose, in the order a reader meets them. */
const PROSE_PARTS: readonly { type: string; context: string }[] = [
  { type: 'header', context: 'header' },
  { type: 'footer', context: 'footer' },
  { type: 'footnotes', context: 'footnote' },
  { type: 'endnotes', context: 'endnote' },
];

interface PartLayout {
  blocks: DocumentBlock[];
  regions: ParagraphRegion[];
  /** For each region, which of the part's blocks gives its translation (a text box's fallback copy shares its original's). */
  translationOf: number[];
  warnings: string[];
}

const macros = (file: string, why: string) =>
  new Lv2enError(
    'DOCUMENT_HAS_MACROS',
    `is a macro-enabled Word document (${why})`,
    'lv2en does not rewrite documents that carry macros: in Word choose File › Save As › Word Document (*.docx), which drops them, and translate that copy',
    { file },
  );

async function openDocument(bytes: Uint8Array, file: string): Promise<{ archive: ZipArchive; parts: Part[] }> {
  const archive = await ZipArchive.open(bytes, file, LABEL);
  try {
    if (extname(file).toLowerCase() === '.docm') throw macros(file, '.docm');
    const vba = archive.entries.find((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name));
    if (vba) throw macros(file, `it holds ${vba.name}`);
    const main =
      (await readRelationships(archive, '', file)).find((r) => r.type === 'officeDocument' && !r.external)?.target ?? 'word/document.xml';
    if (!archive.has(main))
      throw new Lv2enError(
        'DOCUMENT_DAMAGED',
        `is not a Word document: the archive holds no ${main}`,
        'Check this is the .docx you meant; save it again from Word or LibreOffice if it is damaged',
        { file },
      );
    const relationships = await readRelationships(archive, main, file);
    const parts: Part[] = [{ name: main, context: undefined }];
    for (const { type, context } of PROSE_PARTS) {
      const names = relationships.filter((r) => r.type === type && !r.external && archive.has(r.target)).map((r) => r.target);
      for (const name of [...new Set(names)].sort(byNumber)) parts.push({ name, context });
    }
    return { archive, parts };
  } catch (error) {
    archive.close();
    throw error;
  }
}

/** header2.xml before header10.xml. */
const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function layoutOf(source: string, file: string, part: Part): PartLayout {
  const layout: PartLayout = { blocks: [], regions: [], translationOf: [], warnings: [] };
  /** Regions (by index) read inside each mc:AlternateContent, per branch. */
  const alternates = new Map<number, { choice: number[]; fallback: number[] }>();
  scanPart(source, { file, part: part.name, context: part.context }, (paragraph: ScannedParagraph) => {
    const result = paragraphBlock(source, paragraph);
    if (!result) return;
    if ('unreadable' in result) {
      const line = source.slice(0, paragraph.start).split('\n').length;
      layout.warnings.push(`${part.name}, line ${line}: ${result.unreadable}; that paragraph is left untranslated`);
      return;
    }
    const index = layout.regions.length;
    layout.regions.push(result.region);
    layout.translationOf.push(layout.blocks.length);
    layout.blocks.push(result.block);
    if (paragraph.alternate) {
      const branches = alternates.get(paragraph.alternate.id) ?? { choice: [], fallback: [] };
      branches[paragraph.alternate.branch].push(index);
      alternates.set(paragraph.alternate.id, branches);
    }
  });
  shareFallbacks(layout, alternates);
  return layout;
}

/**
 * Word writes a text box twice: its own shape (mc:Choice) and a VML copy for
 * older readers (mc:Fallback). When the copy's paragraphs are the same as the
 * original's, it is not translated again but written from the original's
 * translation, so both say the same and the reviewer sees the text once.
 */
function shareFallbacks(layout: PartLayout, alternates: ReadonlyMap<number, { choice: number[]; fallback: number[] }>): void {
  const copies = new Map<number, number>();
  for (const { choice, fallback } of alternates.values()) {
    if (choice.length === 0 || choice.length !== fallback.length) continue;
    const same = choice.every((original, k) => sameShape(layout, original, fallback[k]!));
    if (same) choice.forEach((original, k) => copies.set(fallback[k]!, original));
  }
  if (copies.size === 0) return;
  const blocks: DocumentBlock[] = [];
  const translationOf: number[] = [];
  layout.regions.forEach((_, index) => {
    const original = copies.get(index);
    if (original !== undefined) translationOf.push(translationOf[original]!);
    else {
      translationOf.push(blocks.length);
      blocks.push(layout.blocks[layout.translationOf[index]!]!);
    }
  });
  layout.blocks = blocks;
  layout.translationOf = translationOf;
}

/** Same text and tags; the runs' formatting too, since the copy is written with the original's. */
function sameShape(layout: PartLayout, a: number, b: number): boolean {
  const first = layout.blocks[layout.translationOf[a]!]!;
  const second = layout.blocks[layout.translationOf[b]!]!;
  const formattingA = layout.regions[a]!;
  const formattingB = layout.regions[b]!;
  if (first.text !== second.text || first.tags.length !== second.tags.length) return false;
  if (formattingA.baseProperties !== formattingB.baseProperties) return false;
  return first.tags.every((tag, k) => {
    const other = second.tags[k]!;
    const formatting = formattingA.formatting.has(tag.id);
    return (
      tag.kind === other.kind &&
      tag.id === other.id &&
      tag.at === other.at &&
      tag.type === other.type &&
      formatting === formattingB.formatting.has(other.id) &&
      (!formatting || tag.data === other.data)
    );
  });
}

export const docx: DocumentFormat = {
  name: 'docx',
  label: LABEL,
  extensions: ['.docx'],
  sniff: (bytes) => zipMentions(bytes, 'word/document.xml'),
  async read(bytes, file, context) {
    const { archive, parts } = await openDocument(bytes, file);
    try {
      const blocks: DocumentBlock[] = [];
      for (const part of parts) {
        const layout = layoutOf(await archive.text(part.name), file, part);
        for (const warning of layout.warnings) context?.warn(warning);
        blocks.push(...layout.blocks);
      }
      return blocks;
    } finally {
      archive.close();
    }
  },
  async write(bytes, translations, out, file) {
    const { archive, parts } = await openDocument(bytes, file);
    try {
      const replaced = new Map<string, string>();
      for (const part of parts) {
        const raw = await archive.read(part.name);
        const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
        const source = new TextDecoder('utf-8').decode(bom ? raw.subarray(3) : raw);
        const layout = layoutOf(source, file, part);
        if (layout.blocks.length === 0) continue;
        const texts: TranslatedBlock[] = [];
        for (let i = 0; i < layout.blocks.length; i++) texts.push(await translations.next());
        const rewritten = rewriteSource(
          source,
          layout.regions,
          layout.translationOf.map((k) => texts[k]!),
          (translation, markup, region) => renderParagraph(translation, markup, region as ParagraphRegion),
        );
        // A byte order mark the part began with stays.
        replaced.set(part.name, bom ? `\uFEFF${rewritten}` : rewritten);
      }
      await rewriteArchive(archive, replaced, out);
    } finally {
      archive.close();
    }
  },
};
