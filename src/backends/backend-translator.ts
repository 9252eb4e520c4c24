import { MIN_CONSTRAINED_BEAMS } from '../translate/marian.js';
import { planConstrainedChunks } from '../translate/batching.js';
import type { ConstrainedItem, Translator } from '../translate/translator.js';
import type { ChunkPlanner } from './model-key.js';
import type { TranslationBackend } from './types.js';

/**
 * A Translator whose model runs elsewhere: the coordinator keeps the
 * tokenizer (to split long sentences and plan batches exactly as in-process)
 * and hands every planned batch to the backend as one chunk.
 */
export class BackendTranslator implements Translator {
  readonly modelName: string;
  readonly maxInputTokens: number;
  readonly rowsPerSentence: number;
  readonly concurrentBatches: number;

  constructor(
    private readonly planner: ChunkPlanner,
    private readonly backend: TranslationBackend,
  ) {
    this.modelName = planner.modelName;
    this.maxInputTokens = planner.maxInputTokens;
    this.rowsPerSentence = planner.rowsPerSentence;
    this.concurrentBatches = backend.parallelism;
  }

  countTokens(text: string): number {
    return this.planner.countTokens(text);
  }

  translateBatch(sources: readonly string[]): Promise<string[]> {
    return sources.length === 0 ? Promise.resolve([]) : this.backend.translate({ sources });
  }

  /** Chunks as MarianTranslator batches constrained items, so a worker decodes each chunk as one batch of the same rows. */
  async translateConstrained(items: readonly ConstrainedItem[]): Promise<string[]> {
    const numBeams = Math.max(MIN_CONSTRAINED_BEAMS, this.rowsPerSentence);
    const chunks = planConstrainedChunks(
      items.map((item) => this.countTokens(item.source)),
      numBeams,
    );
    const out: string[] = new Array(items.length);
    await Promise.all(
      chunks.map(async (chunk) => {
        const targets = await this.backend.translate({
          sources: chunk.map((i) => items[i]!.source),
          constraints: chunk.map((i) => items[i]!.constraints),
        });
        chunk.forEach((index, row) => (out[index] = targets[row]!));
      }),
    );
    return out;
  }
}
