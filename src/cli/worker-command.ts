import type { Command } from 'commander';
import { createLv2en, ERROR_EXIT_CODES, Lv2enError, type RunningWorker, type WorkerEvent } from '../index.js';
import { parseWholeNumber } from './options.js';

type StoppedWorker = Awaited<RunningWorker['stopped']>;

interface WorkerFlags {
  queue: string;
  model?: string;
  threads?: number;
  quiet?: boolean;
}

/** However long the model takes to load or Redis to answer, a stopped worker is gone within this (the worker's own stop takes 9 s at most). */
const EXIT_DEADLINE_MS = 9500;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('serve translation jobs from a Redis queue until stopped (SIGTERM or Ctrl-C finishes or hands back the current job)')
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
anywhere. Only sentences and their translations travel through Redis.
While Redis is down or not up yet, the worker waits for it (it says so once).
SIGTERM or Ctrl-C: the job in hand gets a few seconds to finish, else it goes
back to the queue for another worker; the worker exits within 10 s, with
status 143 (SIGTERM) or 130 (SIGINT).`,
    )
    .action(async (flags: WorkerFlags) => {
      const log = (line: string | null) => {
        if (!flags.quiet && line !== null) process.stderr.write(`lv2en worker: ${line}\n`);
      };
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        const code = signal === 'SIGINT' ? 'INTERRUPTED' : 'TERMINATED';
        // A second signal: at once.
        if (stop.signal.aborted) process.exit(ERROR_EXIT_CODES[code]);
        stop.abort(new Lv2enError(code, `worker stopped by ${signal}`, 'Start it again to serve the queue'));
        setTimeout(() => {
          process.stderr.write(`lv2en: worker stopped by ${signal} (it did not finish stopping within ${EXIT_DEADLINE_MS / 1000} s)\n`);
          process.exit(ERROR_EXIT_CODES[code]);
        }, EXIT_DEADLINE_MS).unref();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      // A worker translates only: no glossary, no translation memory (the coordinator keeps both).
      const lv2en = await createLv2en({ model: flags.model, threads: flags.threads, glossary: null, memory: false });
      let stopped: StoppedWorker = { job: null };
      try {
        const worker = await lv2en.serveQueue({ queue: flags.queue, signal: stop.signal, onEvent: (event) => log(describe(event)) });
        stopped = await worker.stopped;
      } catch (error) {
        if (!stop.signal.aborted) {
          await lv2en.close();
          throw error;
        }
      }
      await lv2en.close();
      if (!stop.signal.aborted) return log('stopped');
      // One line, and out at once: a chunk handed back mid-decode must not keep the process alive.
      const error = stoppedBySignal(stop.signal.reason as Lv2enError, stopped);
      process.stderr.write(`lv2en: ${error.toOneLine()}\n`);
      process.exit(error.exitCode);
    });
}

function stoppedBySignal(reason: Lv2enError, stopped: StoppedWorker): Lv2enError {
  const job = stopped.job?.slice(0, 12);
  const what =
    stopped.job === null
      ? 'no job in hand'
      : stopped.outcome === 'finished'
        ? `finished job ${job} first`
        : stopped.outcome === 'released'
          ? `job ${job} handed back to the queue for another worker`
          : `Redis unreachable: job ${job} goes to another worker once its lock runs out`;
  return new Lv2enError(reason.code, `${reason.message}: ${what}`, reason.hint);
}

function describe(event: WorkerEvent): string | null {
  switch (event.type) {
    case 'ready':
      return `serving model ${event.model} on ${event.url} (queue ${event.queue.slice(0, 22)}…)`;
    case 'chunk-done':
      return `job ${event.jobId.slice(0, 12)}: ${event.sentences} sentence(s) in ${event.ms} ms`;
    case 'chunk-failed':
      return `job ${event.jobId.slice(0, 12)} failed: ${event.reason}`;
    case 'error':
      return `error: ${event.message}`;
    case 'redis-down':
      return `Redis at ${event.url} does not answer (${event.reason}); waiting for it, trying again every few seconds`;
    case 'redis-back':
      return `Redis at ${event.url} answers again; serving`;
    case 'reply-lost':
      return `job ${event.jobId.slice(0, 12)}: Redis recorded its result but went down before confirming it${
        event.handedBack.length
          ? `; job ${event.handedBack.map((id) => id.slice(0, 12)).join(', ')}, taken in the same step, went back to the queue`
          : ''
      }`;
    case 'fetch-lost':
      return `Redis gave this worker job ${event.handedBack.map((id) => id.slice(0, 12)).join(', ')} but went down before saying so; it went back to the queue`;
    case 'hold-lost':
      return `job ${event.jobId.slice(0, 12)}: Redis came back without this worker's hold on it (restarted without its data, or the lock ran out); its result is dropped and it is done again from the queue`;
    case 'stopping':
      // Said once it has stopped, in the line that says what became of the job in hand.
      return null;
  }
}
