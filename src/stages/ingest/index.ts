import { normalizeText, readSourceFile, readSourceStream } from '../../ingest/index.js';
import type { IngestStage } from '../types.js';

/**
 * Reads a file or stream: plain text (UTF-8 checked with file:line:column,
 * BOM and line endings removed, NFC), or a document (Word, ODF, a web page,
 * Markdown, subtitles, XLIFF) as its blocks of plain text with inline tags.
 */
export const ingest: IngestStage = {
  name: 'ingest',
  role: 'ingest',
  required: true,
  description: 'read UTF-8 text (normalised to NFC) or a document (its text blocks with inline tags)',
  setup: () => ({
    read: readSourceFile,
    readStream: readSourceStream,
    fromText: (text, name = 'text') => ({ name, path: '-', text: normalizeText(text) }),
  }),
};
