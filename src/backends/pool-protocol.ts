import type { ModelSpec } from '../models/config.js';
import type { ChunkPayload } from './payload.js';

/** Messages between the local pool (parent) and its child processes, over the fork IPC channel. */
export type ToChild = { type: 'init'; spec: ModelSpec; threads: number } | { type: 'chunk'; id: number; payload: ChunkPayload };

export type FromChild =
  | { type: 'ready'; key: string }
  | { type: 'init-failed'; message: string; code?: string; hint?: string }
  | { type: 'done'; id: number; targets: string[] }
  | { type: 'failed'; id: number; message: string };
