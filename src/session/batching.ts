import { AsyncLocalStorage } from 'node:async_hooks';
import { MAX_BATCH_ROWS, type Translator } from '../translate/index.js';
import { type ConstrainedItem, TranslatorInFront } from '../translate/translator.js';
import { MIN_CONSTRAINED_BEAMS } from '../translate/marian.js';

/** The signal of the run a model call is made for: the call starts only if that run is still wanted. */
export const runSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Calls made inside `sharedBatches.run(true, …)` may be decoded in one model
 * batch with other such calls (a server's many small requests). Calls made
 * outside it (a file's planned batches) are decoded alone, exactly as planned,
 * so a file run decodes the same batches whatever else the session does.
 */
export const sharedBatches = new AsyncLocalStorage<boolean>();

export type ModelCallKind = 'plain' | 'constrained' | 'alternatives';

/** One call that reached the translator below: how many requests it joined and what it cost. */
export interface ModelCallReport {
  kind: ModelCallKind;
  /** Calls (requests) decoded together in this one. */
  requests: number;
  /** Sentences decoded (each once, however many requests asked for it). */
  sentences: number;
  /** Source tokens of those sentences. */
  sourceTokens: number;
  seconds: number;
}

export interface BatchingOptions {
  /** Padded source tokens × decoder rows a merged batch may hold (models.config.yaml batch_tokens). */
  batchTokens: number;
  /** Decoder rows a merged batch may hold (default MAX_BATCH_ROWS). */
  maxRows?: number;
  onModelCall?: (report: ModelCallReport) => void;
}

interface Waiting {
  /** Calls of one kind and parameter merge: plain, constrained, or alternatives of one count. */
  group: string;
  kind: ModelCallKind;
  sources: readonly string[];
  constraints?: readonly ConstrainedItem['constraints'][];
  count?: number;
  /** Source tokens of each sentence. */
  tokens: number[];
  mergeable: boolean;
  signal: AbortSignal | undefined;
  resolve: (value: never[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The session's queue of model calls, in front of its translator. While a
 * call is decoding, the calls that arrive wait here; when the translator is
 * free, the oldest waiting call goes next, joined by every other shareable
 * call of its kind that fits in the same batch (the token budget and
 * MAX_BATCH_ROWS decoder rows, counted as the translate stage plans a batch).
 * A call is never split, and a sentence asked for twice in one batch is
 * decoded once. 64 clients sending one sentence each are thus decoded in
 * batches of dozens, not 64 batches of one, with no added wait when only one
 * client is asking. Results go back to each caller in its own order.
 *
 * Decoding a sentence in a batch gives what it gives alone (per-row
 * quantisation), so sharing a batch never changes a translation.
 */
export class BatchingTranslator extends TranslatorInFront {
  private readonly queue: Waiting[] = [];
  private running = 0;
  private readonly idle: (() => void)[] = [];
  readonly translateConstrained?: (items: readonly ConstrainedItem[]) => Promise<string[]>;
  readonly translateAlternatives?: (sources: readonly string[], count: number) => Promise<string[][]>;

  constructor(
    inner: Translator,
    private readonly options: BatchingOptions,
  ) {
    super(inner);
    if (inner.translateConstrained)
      this.translateConstrained = (items) =>
        this.enqueue('constrained', 'constrained', {
          sources: items.map((item) => item.source),
          constraints: items.map((item) => item.constraints),
        });
    if (inner.translateAlternatives)
      this.translateAlternatives = (sources, count) => this.enqueue('alternatives', `alternatives:${count}`, { sources, count });
  }

  translateBatch(sources: readonly string[]): Promise<string[]> {
    return this.enqueue('plain', 'plain', { sources });
  }

  /** Calls waiting for the translator and the sentences they hold (not counting those decoding now). */
  waiting(): { calls: number; sentences: number } {
    return { calls: this.queue.length, sentences: this.queue.reduce((n, w) => n + w.sources.length, 0) };
  }

  /** Resolves when no call is waiting or decoding. */
  onIdle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private enqueue<T>(kind: ModelCallKind, group: string, call: Pick<Waiting, 'sources' | 'constraints' | 'count'>): Promise<T> {
    if (call.sources.length === 0) return Promise.resolve([] as T);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        ...call,
        kind,
        group,
        tokens: call.sources.map((source) => this.inner.countTokens(source)),
        mergeable: sharedBatches.getStore() === true,
        signal: runSignal.getStore(),
        resolve: resolve as (value: never[]) => void,
        reject,
      });
      this.dispatch();
    });
  }

  private dispatch(): void {
    const lanes = Math.max(1, this.inner.concurrentBatches ?? 1);
    while (this.running < lanes && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) continue;
      this.running += 1;
      void this.run(batch).finally(() => {
        this.running -= 1;
        this.dispatch();
        if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  /** The oldest waiting call and the shareable calls of its group that fit with it; calls of stopped runs are dropped. */
  private takeBatch(): Waiting[] {
    const head = this.queue.shift()!;
    if (head.signal?.aborted) {
      head.reject(head.signal.reason);
      return [];
    }
    const batch = [head];
    if (!head.mergeable) return batch;
    const limit = this.limitFor(head);
    let longest = this.longest(head);
    let sentences = head.sources.length;
    for (let i = 0; i < this.queue.length; ) {
      const next = this.queue[i]!;
      if (next.group !== head.group || !next.mergeable) {
        i += 1;
        continue;
      }
      if (next.signal?.aborted) {
        this.queue.splice(i, 1);
        next.reject(next.signal.reason);
        continue;
      }
      const nextLongest = Math.max(longest, this.longest(next));
      const nextSentences = sentences + next.sources.length;
      if (nextSentences > limit.sentences || nextLongest * nextSentences > limit.tokens) {
        i += 1;
        continue;
      }
      batch.push(next);
      this.queue.splice(i, 1);
      longest = nextLongest;
      sentences = nextSentences;
    }
    return batch;
  }

  /** Most sentences and padded source tokens (longest × sentences) one merged call may hold. */
  private limitFor(head: Waiting): { sentences: number; tokens: number } {
    const maxRows = this.options.maxRows ?? MAX_BATCH_ROWS;
    const plainRows = Math.max(1, this.inner.rowsPerSentence ?? 1);
    const rows =
      head.kind === 'plain'
        ? plainRows
        : head.kind === 'constrained'
          ? Math.max(MIN_CONSTRAINED_BEAMS, plainRows)
          : Math.max(plainRows, head.count ?? 1);
    return { sentences: Math.max(1, Math.floor(maxRows / rows)), tokens: Math.max(1, Math.floor(this.options.batchTokens / rows)) };
  }

  private longest(call: Waiting): number {
    return Math.max(1, ...call.tokens);
  }

  private async run(batch: Waiting[]): Promise<void> {
    const head = batch[0]!;
    // Each distinct sentence once; `slots[c][i]` is where call c's i-th sentence sits in the merged call.
    const index = new Map<string, number>();
    const sources: string[] = [];
    let sourceTokens = 0;
    const constraints: ConstrainedItem['constraints'][] = [];
    const slots = batch.map((call) =>
      call.sources.map((source, i) => {
        const key = call.constraints ? `${source}\u0000${JSON.stringify(call.constraints[i])}` : source;
        let at = index.get(key);
        if (at === undefined) {
          index.set(key, (at = sources.length));
          sources.push(source);
          sourceTokens += call.tokens[i]!;
          if (call.constraints) constraints.push(call.constraints[i]!);
        }
        return at;
      }),
    );
    const started = performance.now();
    try {
      // A call decoded alone keeps its run's signal; a shared one belongs to no single run.
      const results = await runSignal.run(batch.length === 1 ? head.signal : undefined, () => this.callInner(head, sources, constraints));
      batch.forEach((call, c) => call.resolve(slots[c]!.map((at) => results[at]) as never[]));
      this.options.onModelCall?.({
        kind: head.kind,
        requests: batch.length,
        sentences: sources.length,
        sourceTokens,
        seconds: (performance.now() - started) / 1000,
      });
    } catch (error) {
      for (const call of batch) call.reject(error);
    }
  }

  private callInner(head: Waiting, sources: string[], constraints: ConstrainedItem['constraints'][]): Promise<unknown[]> {
    switch (head.kind) {
      case 'plain':
        return this.inner.translateBatch(sources);
      case 'constrained':
        return this.inner.translateConstrained!(sources.map((source, i) => ({ source, constraints: constraints[i]! })));
      case 'alternatives':
        return this.inner.translateAlternatives!(sources, head.count!);
    }
  }
}
