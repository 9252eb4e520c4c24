import type { Command } from 'commander';
import { formatQueueStatus, queueStatus } from '../index.js';

export function registerQueue(program: Command): void {
  const queue = program.command('queue').description('inspect the Redis queue that lv2en workers serve');
  queue
    .command('status')
    .description('workers alive (model, host) and jobs waiting, active, completed and failed, per model')
    .requiredOption('--queue <url>', 'redis://[:password@]host:port, rediss:// for TLS')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { queue: string; json?: boolean }) => {
      const status = await queueStatus(flags.queue);
      process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatQueueStatus(status));
    });
}
