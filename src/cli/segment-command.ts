import type { Command } from 'commander';
import { readSourceFile, readSourceStream } from '../ingest/index.js';
import { segment } from '../segment/index.js';

export function registerSegment(program: Command): void {
  program
    .command('segment')
    .description('split Latvian text into sentences, one per line (the split the translator uses)')
    .argument('[file]', 'a UTF-8 text file, or - for standard input', '-')
    .option('--json', 'one JSON object per sentence: text, start, end (offsets into the NFC-normalised text), boilerplate')
    .action(async (file: string, flags: { json?: boolean }) => {
      const document = file === '-' ? await readSourceStream(process.stdin) : await readSourceFile(file);
      const spans = segment(document.text);
      const lines = spans.map((span) => (flags.json ? JSON.stringify(span) : span.text.replace(/\s*\n\s*/g, ' ')));
      process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    });
}
