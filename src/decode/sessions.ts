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
   * onnxruntime's CPU memory arena. Default on: since the decoder returns only
   * each step's new cache position, what the arena keeps is one step's
   * working set, and without it glibc's per-thread heaps kept what
   * onnxruntime freed in amounts that changed from run to run: `lv2en
   * translate` over 1,500 sentences peaked at 798–1,042 MB without the arena (five runs)
   * and at 789–810 MB with it (three runs), and ran about 10% faster.
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
    enableCpuMemArena: settings.memoryArena ?? true,
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
