import { type Command, InvalidArgumentError } from 'commander';
import type { Lv2enOptions } from '../index.js';

/** A commander parser for options that take a whole number ≥ 1 (`--threads`, `--workers`): anything else is a usage error. */
export function parseWholeNumber(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${option} takes a whole number ≥ 1, not "${value}"`);
    return n;
  };
}

/** The options that set up a session (the model, the glossary, the memory, where translation runs), shared by the commands that translate. */
export interface SessionFlags {
  model?: string;
  glossary?: string[];
  pipeline?: string;
  threads?: number;
  memory?: string | false;
  workers?: number;
  queue?: string;
  queueTimeout?: number;
}

export function addSessionOptions(command: Command): Command {
  return command
    .option('-m, --model <name>', 'a model from models.config.yaml (see `lv2en models list`)')
    .option('-g, --glossary <path...>', 'glossary YAML files or folders (default: the glossary shipped with lv2en)')
    .option('--no-glossary', 'skip glossary matching and enforcement')
    .option('--pipeline <file>', 'pipeline definition (default: pipeline/default.yaml)')
    .option('--threads <n>', 'onnxruntime threads per model call (default: all cores)', parseWholeNumber('--threads'))
    .option('--memory <file>', 'translation memory (SQLite) to reuse and fill (default: translations.sqlite in the lv2en cache)')
    .option('--no-memory', 'neither reuse nor store translations; reviewed translations are not applied either')
    .option(
      '--workers <n>',
      'translate in n child processes on this machine, --threads split between them (2 cores: --workers 2 is about 1.5× faster, one model in memory per worker)',
      parseWholeNumber('--workers'),
    )
    .option('--queue <url>', 'translate on `lv2en worker` processes behind Redis: redis://[:password@]host:port, rediss:// for TLS')
    .option(
      '--queue-timeout <s>',
      'with --queue: seconds without a worker for the model before giving up (default 30)',
      parseWholeNumber('--queue-timeout'),
    );
}

export function sessionOptions(flags: SessionFlags): Lv2enOptions {
  return {
    model: flags.model,
    // commander turns --no-glossary into glossary: false
    glossary: (flags.glossary as unknown) === false ? null : flags.glossary,
    pipeline: flags.pipeline,
    threads: flags.threads,
    memory: flags.memory,
    workers: flags.workers,
    queue: flags.queue,
    queueTimeout: flags.queueTimeout,
  };
}
