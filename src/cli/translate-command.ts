import type { Command } from 'commander';
import { Lv2enError } from '../core/errors.js';
import { readSourceStream } from '../ingest/index.js';
import { prepareRun, runPrepared, translateFiles, type RunEvent, type TranslateOptions } from '../pipeline/translate-files.js';
import { outputFormats, rebuildLayout } from '../write/index.js';
import { ProgressBar } from './progress.js';
import { formatRunSummary } from './report.js';

interface TranslateFlags {
  output?: string;
  model?: string;
  glossary?: string[];
  noGlossary?: boolean;
  format?: string;
  pipeline?: string;
  threads?: string;
  fresh?: boolean;
  quiet?: boolean;
  memory?: string | false;
  workers?: string;
  queue?: string;
  queueTimeout?: string;
}

export function registerTranslate(program: Command): void {
  program
    .command('translate')
    .description('translate Latvian text files into English, one aligned sentence at a time')
    .argument('<files...>', 'UTF-8 Latvian text files, or - for standard input')
    .option('-o, --output <dir>', 'folder for the outputs (default: the current folder; with - and no -o, English goes to stdout)')
    .option('-m, --model <name>', 'a model from models.config.yaml (see `lv2en models list`)')
    .option('-g, --glossary <path...>', 'glossary YAML files or folders (default: the glossary shipped with lv2en)')
    .option('--no-glossary', 'skip glossary matching and enforcement')
    .option('-f, --format <list>', `comma-separated outputs: ${Object.keys(outputFormats).join(', ')} (default: from the pipeline file)`)
    .option('--pipeline <file>', 'pipeline definition (default: pipeline/default.yaml)')
    .option('--threads <n>', 'onnxruntime threads per model call (default: all cores)')
    .option('--fresh', 'ignore stored stage results in <output>/.lv2en and run every stage again')
    .option('--memory <file>', 'translation memory (SQLite) to reuse and fill (default: translations.sqlite in the lv2en cache)')
    .option('--no-memory', 'neither reuse nor store translations; reviewed translations are not applied either')
    .option('--workers <n>', 'translate in n child processes on this machine, --threads split between them')
    .option('--queue <url>', 'translate on `lv2en worker` processes behind Redis: redis://[:password@]host:port, rediss:// for TLS')
    .option('--queue-timeout <s>', 'with --queue: seconds without a worker for the model before giving up (default 30)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Per input file <name>.lv.txt it writes <name>.jsonl (one record per sentence:
id, paragraph, source, target, glossary hits, flags), <name>.tsv and
<name>.en.txt (the English in the input's layout). Stage results are kept in
<output>/.lv2en/<name>/; running again reuses every stage whose inputs did not
change, so editing a glossary re-runs only the glossary stage onward.
Translations are also kept in a translation memory (SQLite, in the lv2en
cache), so a sentence translated once with the same model and settings is
never sent to the model again, and a reviewed translation imported with
\`lv2en review import\` replaces the model's (flagged tm:reviewed).`,
    )
    .action(async (files: string[], flags: TranslateFlags) => {
      const printer = new EventPrinter(flags.quiet === true);
      const options = toOptions(flags, printer);
      try {
        if (files.length === 1 && files[0] === '-') return await translateStdin(options, flags.output);
        const started = performance.now();
        const results = await translateFiles(files, options);
        printer.finish();
        if (!flags.quiet) process.stderr.write(`${formatRunSummary(results, (performance.now() - started) / 1000)}\n`);
      } finally {
        printer.finish();
      }
    });
}

function toOptions(flags: TranslateFlags, printer: EventPrinter): TranslateOptions {
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  return {
    outDir: flags.output,
    model: flags.model,
    // commander turns --no-glossary into glossary: false
    glossary: (flags.glossary as unknown) === false ? null : flags.glossary,
    formats: flags.format
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    pipeline: flags.pipeline,
    threads: threads !== undefined && Number.isInteger(threads) && threads > 0 ? threads : undefined,
    fresh: flags.fresh,
    memory: flags.memory,
    ...backendFlags(flags),
    collectSegments: false,
    onEvent: (event) => printer.print(event),
  };
}

function backendFlags(flags: TranslateFlags): Pick<TranslateOptions, 'workers' | 'queue' | 'queueTimeout'> {
  const number = (name: string, value: string | undefined, min: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new Lv2enError('USAGE', `${name} must be a number ≥ ${min}, not ${JSON.stringify(value)}`, `e.g. ${name} 2`);
    return n;
  };
  return {
    workers: number('--workers', flags.workers, 1),
    queue: flags.queue,
    queueTimeout: number('--queue-timeout', flags.queueTimeout, 1),
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

  constructor(private readonly quiet: boolean) {
    this.bar = process.stderr.isTTY && !quiet ? new ProgressBar(process.stderr) : null;
  }

  print(event: RunEvent): void {
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

async function translateStdin(options: TranslateOptions, outDir: string | undefined): Promise<void> {
  const run = await prepareRun(options);
  try {
    const document = await readSourceStream(process.stdin);
    if (document.text.trim() === '') options.onEvent?.({ type: 'warning', document: '<stdin>', message: 'the input is empty' });
    const result = await runPrepared(run, document, outDir ?? null, { fresh: options.fresh, collectSegments: !outDir });
    if (!outDir) process.stdout.write(rebuildLayout(result.text, result.segments));
  } finally {
    run.close();
  }
}
