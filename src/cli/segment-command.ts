import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Lv2enError, latvianSrx, readDocument, readDocumentStream, segment } from '../index.js';

export function registerSegment(program: Command): void {
  program
    .command('segment')
    .description('split Latvian text into sentences, one per line (the split the translator uses)')
    .argument('[file]', 'a UTF-8 text file, or - for standard input', '-')
    .option(
      '--json',
      'one JSON object per sentence: text, start, end (UTF-16 offsets into the text after BOM removal, LF line endings and NFC), boilerplate',
    )
    .option(
      '--srx [out]',
      'write the Latvian rules as an SRX 2.0 file for CAT tools (OmegaT, memoQ) to out (UTF-8), or to stdout; no text is read',
    )
    .action(async (file: string, flags: { json?: boolean; srx?: string | true }) => {
      if (flags.srx !== undefined) {
        // A file argument, not only stdout: a shell redirect in Windows PowerShell writes UTF-16, which breaks the UTF-8 XML.
        if (flags.srx === true) process.stdout.write(latvianSrx());
        else
          await writeFile(flags.srx, latvianSrx(), 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new Lv2enError(
              'USAGE',
              `cannot write ${flags.srx}: ${error.code ?? error.message}`,
              'Give a path in a folder you can write to',
            );
          });
        return;
      }
      const document = file === '-' ? await readDocumentStream(process.stdin) : await readDocument(file);
      const spans = segment(document.text);
      const lines = spans.map((span) => (flags.json ? JSON.stringify(span) : span.text.replace(/\s*\n\s*/g, ' ')));
      process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    });
}
