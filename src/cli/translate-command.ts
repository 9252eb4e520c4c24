import type { Command } from 'commander';
import {
  type CacheStats,
  createLv2en,
  DEFAULT_FORMATS,
  ERROR_EXIT_CODES,
  environmentError,
  inputFormatNames,
  type Lv2en,
  Lv2enError,
  type Lv2enOptions,
  outputFormatNames,
  type RunEvent,
  rebuildLayout,
} from '../index.js';
import { addSessionOptions, type SessionFlags, sessionOptions } from './options.js';
import { ProgressBar } from './progress.js';
import { formatRunSummary } from './report.js';

interface TranslateFlags extends SessionFlags {
  output?: string;
  format?: string;
  fresh?: boolean;
  quiet?: boolean;
  inputFormat?: string;
  overwriteTargets?: boolean;
}

export function registerTranslate(program: Command): void {
  const command = program
    .command('translate')
    .description('translate Latvian text files and documents into English, one aligned sentence at a time')
    .argument('<files...>', 'Latvian text files or documents (.docx .odt .html .md .srt .vtt .xlf), or - for standard input')
    .option('-o, --output <dir>', 'folder for the outputs (default: the current folder; with - and no -o, English goes to stdout)');
  addSessionOptions(command)
    .option(
      '-f, --format <list>',
      `comma-separated outputs: ${outputFormatNames().join(', ')} (default: the pipeline file's, shipped as ${DEFAULT_FORMATS.join(',')})`,
    )
    .option(
      '--input-format <name>',
      `read every input as ${inputFormatNames().join(', ')} (default: from the file name, or the content where the name lies)`,
    )
    .option('--overwrite-targets', 'XLIFF from a CAT tool: translate units that have a target already too (never locked or final ones)')
    .option('--fresh', 'ignore stored stage results in <output>/.lv2en and run every stage again')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Per input file <name>.lv.txt it writes <name>.jsonl (one record per sentence:
id, paragraph, start/end, kind, source, target, glossary hits, flags),
<name>.tsv, <name>.en.txt (the English in the input's layout) and <name>.html
(the review page); --format adds tmx, xlf (XLIFF 2.1) or v12.xlf (XLIFF 1.2).
A document (.docx .odt .html .md .srt .vtt .xlf) also comes back translated
as <name>.en.<ext>, its formatting (bold, links, notes) placed on the English
words; everything that is not translated text is kept as it was.
Stage results are kept in <output>/.lv2en/<name>/; running again reuses every
stage whose inputs did not change, so editing a glossary re-runs only the
glossary stage onward (loading the model only if a sentence lacks a term and
is re-decoded under constraints).

Examples:
  lv2en translate article.lv.txt -o out/             the default outputs in out/
  lv2en translate *.txt -o out/ -f jsonl,xlf          JSONL and XLIFF 2.1 for a CAT tool
  lv2en translate report.docx -o out/                 out/report.en.docx and the review files
  lv2en translate - --input-format html < p.html      a web page from stdin, the English page to stdout
  lv2en translate a.txt -o out/ --fresh --no-memory   translate everything again
  lv2en translate - < a.lv.txt > a.en.txt             stdin to stdout (English only)
Translations are also kept in a translation memory (SQLite, in the lv2en
cache), so a sentence translated once with the same model and settings is
never sent to the model again, and a reviewed translation imported with
\`lv2en review import\` replaces the model's (flagged tm:reviewed).`,
    )
    .action(async (files: string[], flags: TranslateFlags) => {
      const printer = new EventPrinter(flags.quiet === true);
      const stop = stopOnSignals();
      const lv2en = await createLv2en(toOptions(flags, printer));
      try {
        if (files.length === 1 && files[0] === '-') return await translateStdin(lv2en, flags, printer, stop.signal);
        const started = performance.now();
        const results = await lv2en.translateFiles(files, {
          outDir: flags.output,
          inputFormat: flags.inputFormat,
          overwriteTargets: flags.overwriteTargets,
          fresh: flags.fresh,
          collectSegments: false,
          signal: stop.signal,
        });
        printer.finish();
        if (!flags.quiet) process.stderr.write(`${formatRunSummary(results, (performance.now() - started) / 1000)}\n`);
      } catch (error) {
        if (stop.signal.aborted) throw keptOnStop(stop.signal.reason as Lv2enError, printer.done, files.length, lv2en.memoryStats());
        throw environmentError(error, lv2en.memoryLocation) ?? error;
      } finally {
        printer.finish();
        stop.dispose();
        await lv2en.close();
      }
    });
}

/**
 * SIGINT and SIGTERM stop the run at the next safe point (between model
 * batches): the documents in flight remove their temporary files, finished
 * ones and every finished batch (in the translation memory) are kept. A
 * second signal stops at once; the next start cleans up after it.
 */
function stopOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 'INTERRUPTED' : 'TERMINATED';
    if (controller.signal.aborted) process.exit(ERROR_EXIT_CODES[code]);
    controller.abort(new Lv2enError(code, `stopped by ${signal}`, 'Run the same command again to go on from there'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function keptOnStop(reason: Lv2enError, done: readonly string[], total: number, stats: CacheStats | null): Lv2enError {
  const documents =
    done.length > 0 ? `${done.length} of ${total} document(s) finished (${done.join(', ')})` : `no document of ${total} finished`;
  const memory = stats ? `, ${stats.misses} new translation(s) kept in the translation memory` : '';
  return new Lv2enError(reason.code, `${reason.message}: ${documents}${memory}`, reason.hint);
}

function toOptions(flags: TranslateFlags, printer: EventPrinter): Lv2enOptions {
  return {
    ...sessionOptions(flags),
    formats: flags.format
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    onEvent: (event) => printer.print(event),
  };
}

/**
 * Warnings always reach stderr (unless --quiet). The progress bar, only drawn
 * when stderr is a terminal, sums all files in flight: with files translated
 * in parallel a per-file bar would jump between them.
 */
class EventPrinter {
  private readonly bar: ProgressBar | null;
  private readonly perDocument = new Map<string, { done: number; total: number }>();
  /** Documents written completely, in the order they finished. */
  readonly done: string[] = [];

  constructor(private readonly quiet: boolean) {
    this.bar = process.stderr.isTTY && !quiet ? new ProgressBar(process.stderr) : null;
  }

  print(event: RunEvent): void {
    if (event.type === 'document-done') this.done.push(event.result.name);
    if (this.quiet) return;
    if (event.type === 'progress') {
      this.perDocument.set(event.document, { done: event.done, total: event.total });
      const all = [...this.perDocument.values()];
      const label = all.length === 1 ? event.document : `${all.length} files`;
      this.bar?.update(
        label,
        all.reduce((n, d) => n + d.done, 0),
        all.reduce((n, d) => n + d.total, 0),
      );
    } else if (event.type === 'model-loading') {
      this.bar?.message(`loading model ${event.model}…`);
    } else if (event.type === 'memory') {
      this.bar?.clear();
      process.stderr.write(`lv2en: translation memory: ${event.hits} sentence(s) reused, ${event.misses} translated by the model\n`);
    } else if (event.type === 'warning') {
      this.bar?.clear();
      process.stderr.write(`lv2en: warning: ${event.document}: ${event.message}\n`);
    }
  }

  finish(): void {
    this.bar?.clear();
  }
}

async function translateStdin(lv2en: Lv2en, flags: TranslateFlags, printer: EventPrinter, signal: AbortSignal): Promise<void> {
  const result = await lv2en.translateStream(process.stdin, {
    outDir: flags.output ?? null,
    fresh: flags.fresh,
    signal,
    inputFormat: flags.inputFormat,
    overwriteTargets: flags.overwriteTargets,
  });
  if (result.text.trim() === '') printer.print({ type: 'warning', document: '<stdin>', message: 'the input is empty' });
  // A document read from standard input goes out as the same kind of document; text as text.
  if (!flags.output) process.stdout.write(result.translatedDocument ?? rebuildLayout(result.text, result.segments));
}
