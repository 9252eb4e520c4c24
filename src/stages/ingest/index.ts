import { normalizeText, readSourceFile, readSourceStream } from '../../ingest/index.js';
import type { IngestStage } from '../types.js';

/** Reads a file or stream: UTF-8 checked with file:line:column, BOM and line endings removed, NFC. */
export const ingest: IngestStage = {
  name: 'ingest',
  role: 'ingest',
  required: true,
  description: 'read UTF-8 text (BOM and Windows line endings are fine), normalised to NFC',
  setup: () => ({
    read: readSourceFile,
    readStream: readSourceStream,
    fromText: (text, name = 'text') => ({ name, path: '-', text: normalizeText(text) }),
  }),
};
