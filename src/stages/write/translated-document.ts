import { Lv2enError } from '../../core/errors.js';
import { needsReview } from '../../core/flags.js';
import type { Segment } from '../../core/segment-record.js';
import { Spool } from '../../core/spool.js';
import type { DocumentFormat, TranslatedBlock, TranslationSource } from '../../formats/index.js';
import type { SourceDocument } from '../../ingest/index.js';
import { joinSentences } from '../../inline/index.js';

/**
 * The translated document (`report.en.docx`): each block's sentences joined
 * back with their placed tags as they arrive, parked on disk in block order,
 * and handed to the format's writer at the end, which rebuilds the file
 * around them.
 */
export class TranslatedDocument {
  private pending: Segment[] = [];
  /** Blocks done so far (they are spooled in order). */
  private blocksDone = 0;

  private constructor(
    private readonly document: SourceDocument & { blocks: NonNullable<SourceDocument['blocks']>; bytes: Uint8Array },
    private readonly format: DocumentFormat,
    private readonly spool: Spool<TranslatedBlock>,
  ) {}

  static async open(document: SourceDocument, format: DocumentFormat): Promise<TranslatedDocument> {
    if (!document.blocks || !document.bytes) throw new Error(`${document.path}: a ${format.name} document without its blocks`);
    return new TranslatedDocument({ ...document, blocks: document.blocks, bytes: document.bytes }, format, await Spool.create());
  }

  async add(window: readonly Segment[]): Promise<void> {
    const done: TranslatedBlock[] = [];
    // Segments come in order: one of block p means every block before p is complete.
    for (const segment of window) {
      while (this.blocksDone < segment.paragraph) done.push(this.nextBlock());
      this.pending.push(segment);
    }
    await this.spool.add(done);
  }

  /** The next block's translation from the segments held (none: the block as it was). */
  private nextBlock(): TranslatedBlock {
    const index = this.blocksDone;
    const block = this.document.blocks[index]!;
    const segments = this.pending.filter((s) => s.paragraph === index);
    this.pending = this.pending.filter((s) => s.paragraph !== index);
    this.blocksDone += 1;
    const text = this.document.text.slice(block.start, block.end);
    if (segments.length === 0) return { text, tags: block.tags };
    const joined = joinSentences(
      text,
      segments.map((segment) => {
        if (segment.sourceTags?.length && !segment.targetTags)
          throw new Lv2enError(
            'PIPELINE_CONFIG',
            `the pipeline has no tags stage, so the inline formatting of ${this.document.path} cannot be placed on its translation`,
            'Add `tags` to the stages: of the pipeline file, after glossary',
          );
        return {
          start: segment.start - block.start,
          end: segment.end - block.start,
          target: segment.target ?? segment.source,
          tags: segment.targetTags ?? [],
        };
      }),
    );
    return segments.some(needsReview) ? { ...joined, needsReview: true } : joined;
  }

  /** Writes the whole translated file through `write`. */
  async finish(write: (chunk: string | Uint8Array) => Promise<void>): Promise<void> {
    const rest: TranslatedBlock[] = [];
    while (this.blocksDone < this.document.blocks.length) rest.push(this.nextBlock());
    await this.spool.add(rest);
    const blocks = this.spool.read(64);
    let buffered: TranslatedBlock[] = [];
    let handedOut = 0;
    const source: TranslationSource = {
      next: async () => {
        if (buffered.length === 0) {
          const next = await blocks.next();
          if (next.done) throw new Error(`${this.format.name} writer asked for more blocks than its reader found`);
          buffered = next.value;
        }
        handedOut += 1;
        return buffered.shift()!;
      },
    };
    try {
      await this.format.write(this.document.bytes, source, { write }, this.document.path, this.document.options);
      if (handedOut !== this.document.blocks.length)
        throw new Error(`${this.format.name} writer took ${handedOut} of ${this.document.blocks.length} blocks`);
    } finally {
      await blocks.return(undefined);
      await this.spool.dispose();
    }
  }

  async abort(): Promise<void> {
    await this.spool.dispose();
  }
}
