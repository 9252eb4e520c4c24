/**
 * onnxruntime sessions lv2en creates itself, from the prepared files' paths
 * (onnxruntime reads them; no JavaScript buffer of a whole model file), with
 * its own options.
 */
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';

export interface SessionSettings {
  /** Intra-op threads; default the machine's cores. */
  threads?: number;
  /**
   * onnxruntime's CPU memory arena. Default off: the arena keeps every step's
   * high-water mark (growing KV cache, batch shapes) for good; without it the
   * peak RSS of greedy decoding 150 sentences on the full-size model fell from
   * 1,348 to 1,126 MB.
   */
  memoryArena?: boolean;
  /**
   * Pre-planned buffers per input shape. Default off: every decoder step has a
   * new shape (the cache grows by one position), and `lv2en translate` over
   * 1,500 sentences peaked at 3,633 MB with arena and pattern on against
   * 1,066 MB with both off, 3% slower (410 against 424 s, run side by side).
   */
  memoryPattern?: boolean;
  /** Graph optimisation level (default 'all': fuses the int8 MatMuls and LayerNorms). */
  optimization?: 'disabled' | 'basic' | 'extended' | 'all';
}

export function sessionOptions(settings: SessionSettings = {}): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: settings.threads ?? availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: settings.memoryArena ?? false,
    enableMemPattern: settings.memoryPattern ?? false,
    graphOptimizationLevel: settings.optimization ?? 'all',
    logSeverityLevel: 3,
    // Spinning intra-op threads steal the cores the JS thread needs between steps (search, KV-cache moves, GC).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

export function createSession(path: string, settings: SessionSettings = {}): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path, sessionOptions(settings));
}
