import type { Command } from 'commander';
import { createLv2en, type WorkerEvent } from '../index.js';
import { parseWholeNumber } from './options.js';

interface WorkerFlags {
  queue: string;
  model?: string;
  threads?: number;
  quiet?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('serve translation jobs from a Redis queue until stopped (SIGTERM or Ctrl-C finishes the current job first)')
    .requiredOption('--queue <url>', 'the Redis the coordinators use: redis://[:password@]host:port, rediss:// for TLS')
    .option('-m, --model <name>', 'the model to load, from models.config.yaml (default: its default)')
    .option('--threads <n>', 'onnxruntime threads (default: all cores)', parseWholeNumber('--threads'))
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
The worker loads its model once and takes jobs only from the queue of that
model's exact files and decoding settings; run one per machine (or several
with --threads split between them), then \`lv2en translate --queue <url>\`
anywhere. Only sentences and their translations travel through Redis.`,
    )
    .action(async (flags: WorkerFlags) => {
      const log = (line: string) => {
        if (!flags.quiet) process.stderr.write(`lv2en worker: ${line}\n`);
      };
      // A worker translates only: no glossary, no translation memory (the coordinator keeps both).
      const lv2en = await createLv2en({ model: flags.model, threads: flags.threads, glossary: null, memory: false });
      const worker = await lv2en.serveQueue({ queue: flags.queue, onEvent: (event) => log(describe(event)) });
      const stop = () => void worker.stop();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      await worker.stopped;
      await lv2en.close();
      log('stopped');
    });
}

function describe(event: WorkerEvent): string {
  switch (event.type) {
    case 'ready':
      return `serving model ${event.model} on ${event.url} (queue ${event.queue.slice(0, 22)}…)`;
    case 'chunk-done':
      return `job ${event.jobId.slice(0, 12)}: ${event.sentences} sentence(s) in ${event.ms} ms`;
    case 'chunk-failed':
      return `job ${event.jobId.slice(0, 12)} failed: ${event.reason}`;
    case 'error':
      return `error: ${event.message}`;
    case 'stopping':
      return 'stopping after the current job…';
  }
}
