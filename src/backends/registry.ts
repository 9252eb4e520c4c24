import type { Redis } from 'ioredis';
import { REDIS_PREFIX } from './redis.js';

/**
 * Which model each queue serves, for `lv2en queue status`: a Redis hash of
 * queue name → model name and id, written by workers and coordinators (again
 * after a Redis restart, since workers rewrite it periodically).
 */
const REGISTRY_KEY = `${REDIS_PREFIX}:models`;

export interface RegisteredModel {
  model: string;
  id: string;
}

export async function registerModel(redis: Redis, queueName: string, model: RegisteredModel): Promise<void> {
  await redis.hset(REGISTRY_KEY, queueName, JSON.stringify(model));
}

export async function registeredModels(redis: Redis): Promise<Map<string, RegisteredModel>> {
  const entries = await redis.hgetall(REGISTRY_KEY);
  const models = new Map<string, RegisteredModel>();
  for (const [queue, json] of Object.entries(entries)) {
    try {
      const value = JSON.parse(json) as Partial<RegisteredModel>;
      models.set(queue, { model: String(value.model ?? '?'), id: String(value.id ?? '?') });
    } catch {
      models.set(queue, { model: '?', id: '?' });
    }
  }
  return models;
}

/** A worker's BullMQ name (part of its Redis client name, so no spaces): host/pid/threads. */
export const workerName = (host: string, pid: number, threads: number | undefined) => `${host}/${pid}/${threads ?? 'all'}`;

export function parseWorkerName(name: string): { host: string; pid: number; threads: string } | null {
  const match = /^(.+)\/(\d+)\/(\w+)$/.exec(name);
  return match ? { host: match[1]!, pid: Number(match[2]), threads: match[3]! } : null;
}
