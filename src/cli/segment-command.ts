import type { Command } from 'commander';
import { readDocument, readDocumentStream, segment } from '../index.js';

export function registerSegment(program: Command): void {
  program
    .command('segment')
    .description('split Latvian text into sentences, one per line (the split the translator uses)')
    .argument('[file]', 'a UTF-8 text file, or - for standard input', '-')
    .option(
      '--json',
      'one JSON object per sentence: text, start, end (UTF-16 offsets into the text after BOM removal, LF line endings and NFC), boilerplate',
    )
    .action(async (file: string, flags: { json?: boolean }) => {
      const document = file === '-' ? await readDocumentStream(process.stdin) : await readDocument(file);
      const spans = segment(document.text);
      const lines = spans.map((span) => (flags.json ? JSON.stringify(span) : span.text.replace(/\s*\n\s*/g, ' ')));
      process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    });
}
