import { Queue } from 'bullmq';
import { connectRedis, displayUrl, REDIS_PREFIX } from './redis.js';
import { parseWorkerName, registeredModels } from './registry.js';

export interface WorkerInfo {
  host: string;
  pid: number;
  threads: string;
  /** Seconds since the worker connected. */
  ageSeconds: number;
}

export interface ModelQueueStatus {
  queue: string;
  model: string;
  id: string;
  workers: WorkerInfo[];
  jobs: { waiting: number; active: number; completed: number; failed: number; delayed: number };
}

export interface QueueStatus {
  url: string;
  queues: ModelQueueStatus[];
}

/** Every model queue on this Redis: the workers connected to it and its jobs by state. */
export async function queueStatus(url: string): Promise<QueueStatus> {
  const connection = await connectRedis(url);
  try {
    const queues: ModelQueueStatus[] = [];
    for (const [name, registered] of await registeredModels(connection)) {
      const queue = new Queue(name, { connection, prefix: REDIS_PREFIX });
      try {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed');
        const workers = (await queue.getWorkers()).flatMap((client) => {
          const raw = String(client.rawname ?? '');
          const parsed = parseWorkerName(raw.slice(raw.indexOf(':w:') + 3));
          return parsed && raw.includes(':w:') ? [{ ...parsed, ageSeconds: Number(client.age ?? 0) }] : [];
        });
        queues.push({
          queue: name,
          model: registered.model,
          id: registered.id,
          workers,
          jobs: {
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            completed: counts.completed ?? 0,
            failed: counts.failed ?? 0,
            delayed: counts.delayed ?? 0,
          },
        });
      } finally {
        await queue.close();
      }
    }
    return { url: displayUrl(url), queues };
  } finally {
    connection.disconnect();
  }
}

export function formatQueueStatus(status: QueueStatus): string {
  if (status.queues.length === 0) return `${status.url}: no lv2en model queues yet (start \`lv2en worker --queue …\`)\n`;
  const lines = [`${status.url}:`];
  for (const q of status.queues) {
    const { waiting, active, completed, failed, delayed } = q.jobs;
    lines.push(`  model ${q.model} (${q.id}), queue ${q.queue.slice(0, 22)}…`);
    lines.push(
      `    jobs: ${waiting} waiting, ${active} active, ${completed} completed, ${failed} failed${delayed ? `, ${delayed} delayed` : ''}`,
    );
    if (q.workers.length === 0) lines.push('    workers: none');
    for (const w of q.workers) lines.push(`    worker ${w.host} pid ${w.pid}, threads ${w.threads}, up ${w.ageSeconds} s`);
  }
  return `${lines.join('\n')}\n`;
}
