import { sourceDigest } from '../../core/source-digest.js';
import { DocumentWriter, documentOutputPaths } from './document-writer.js';
import type { WriteStage } from '../types.js';

/**
 * Writes the outputs the run asks for (jsonl, tsv, txt, html, tmx, xlf, v12.xlf), all visible together at the end,
 * with `<name>.provenance.json` beside them, and for a document the translated document (`<name>.en.docx`).
 */
export const write: WriteStage = {
  name: 'write',
  role: 'write',
  required: true,
  description: 'write the aligned outputs under temporary names and rename them together at the end',
  setup: ({ formats, provenance }) => ({
    key: `${formats.join(',')}|code:${sourceDigest(new URL('../../formats/', import.meta.url), new URL('./', import.meta.url))}`,
    outputPaths: (outDir, document) => documentOutputPaths(outDir, document, formats),
    open: (document, outDir) => DocumentWriter.open(document, formats, outDir, provenance),
  }),
};
