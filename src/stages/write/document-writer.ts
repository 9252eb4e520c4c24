import type { Segment } from '../../core/segment-record.js';
import { checkFormats, outputFormats, outputPath, type ChunkRenderer, type OutputFormat } from '../../formats/index.js';
import { PendingFileSet, type StagedFile } from '../../core/atomic.js';

/**
 * Writes one document's outputs as its segments arrive. Streamable formats
 * are written chunk by chunk; whole-document formats keep the segments until
 * the end. Nothing becomes visible under the final names before `finish`.
 */
export class DocumentWriter {
  private readonly renderers: (ChunkRenderer | null)[];
  private readonly held: Segment[] = [];

  private constructor(
    private readonly document: { name: string; text: string },
    private readonly formats: readonly OutputFormat[],
    private readonly files: PendingFileSet,
    readonly paths: readonly string[],
  ) {
    this.renderers = formats.map((format) => format.stream?.(document) ?? null);
  }

  static async open(document: { name: string; text: string }, formatNames: readonly string[], outDir: string): Promise<DocumentWriter> {
    checkFormats(formatNames);
    const paths = formatNames.map((format) => outputPath(outDir, document.name, format));
    const formats = formatNames.map((format) => outputFormats[format]!);
    return new DocumentWriter(document, formats, await PendingFileSet.open(paths), paths);
  }

  async add(segments: readonly Segment[]): Promise<void> {
    if (this.renderers.some((r) => r === null)) this.held.push(...segments);
    for (const [i, renderer] of this.renderers.entries()) if (renderer) await this.files.append(i, renderer.chunk(segments));
  }

  /** Renders the rest and renames every output into place. */
  async finish(): Promise<void> {
    await this.complete();
    await this.files.commit();
  }

  /** Renders the rest; the complete, synced outputs stay under temporary names for the job store to commit. */
  async seal(): Promise<StagedFile[]> {
    await this.complete();
    return this.files.seal();
  }

  private async complete(): Promise<void> {
    for (const [i, renderer] of this.renderers.entries()) {
      const rest = renderer ? renderer.finish() : this.formats[i]!.render!({ ...this.document, segments: this.held });
      await this.files.append(i, rest);
    }
  }

  abort(): Promise<void> {
    return this.files.abort();
  }
}
