import { join } from 'node:path';
import { PendingFileSet, type StagedFile } from '../../core/atomic.js';
import type { Segment } from '../../core/segment-record.js';
import {
  type ChunkRenderer,
  checkFormats,
  documentFormatByName,
  type OutputFormat,
  outputFormats,
  outputPath,
  PROVENANCE_SUFFIX,
  type Provenance,
  provenanceFile,
  translatedSuffix,
} from '../../formats/index.js';
import type { SourceDocument } from '../../ingest/index.js';
import { TranslatedDocument } from './translated-document.js';

/**
 * Every file a document's run writes: the asked-for formats, the provenance
 * sidecar, and for a document (not plain text) the translated document itself.
 */
export function documentOutputPaths(
  outDir: string,
  document: Pick<SourceDocument, 'name' | 'format' | 'path'>,
  formats: readonly string[],
): string[] {
  const translated = documentFormatByName(document.format);
  return [
    ...formats.map((format) => outputPath(outDir, document.name, format)),
    join(outDir, document.name + PROVENANCE_SUFFIX),
    ...(translated ? [join(outDir, document.name + translatedSuffix(translated, document.path))] : []),
  ];
}

/**
 * Writes one document's outputs as its segments arrive, and the provenance
 * sidecar beside them. Streamable formats are written chunk by chunk;
 * whole-document formats keep the segments until the end. Nothing becomes
 * visible under the final names before `finish` (or the job store's commit of
 * what `seal` hands it).
 */
export class DocumentWriter {
  private renderers: (ChunkRenderer | null)[] | null = null;
  private provenance: Provenance | null = null;
  private readonly held: Segment[] = [];

  private constructor(
    private readonly document: { name: string; text: string },
    private readonly formats: readonly OutputFormat[],
    private readonly files: PendingFileSet,
    private readonly askProvenance: () => Promise<Provenance>,
    readonly paths: readonly string[],
    private readonly translated: TranslatedDocument | null,
  ) {}

  static async open(
    document: SourceDocument,
    formatNames: readonly string[],
    outDir: string,
    provenance: () => Promise<Provenance>,
  ): Promise<DocumentWriter> {
    checkFormats(formatNames);
    const paths = documentOutputPaths(outDir, document, formatNames);
    const formats = formatNames.map((format) => outputFormats[format]!);
    const format = documentFormatByName(document.format);
    const translated = format ? await TranslatedDocument.open(document, format) : null;
    const files = await PendingFileSet.open(paths).catch(async (error: unknown) => {
      await translated?.abort();
      throw error;
    });
    return new DocumentWriter({ name: document.name, text: document.text }, formats, files, provenance, paths, translated);
  }

  /** Renderers start with the first window: by then the model that translated it is known. */
  private async start(): Promise<(ChunkRenderer | null)[]> {
    if (this.renderers) return this.renderers;
    this.provenance = await this.askProvenance();
    const info = { ...this.document, provenance: this.provenance };
    this.renderers = this.formats.map((format) => format.stream?.(info) ?? null);
    return this.renderers;
  }

  async add(segments: readonly Segment[]): Promise<void> {
    const renderers = await this.start();
    if (renderers.some((r) => r === null)) this.held.push(...segments);
    for (const [i, renderer] of renderers.entries()) if (renderer) await this.files.append(i, renderer.chunk(segments));
    await this.translated?.add(segments);
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
    const renderers = await this.start();
    const provenance = this.provenance!;
    for (const [i, renderer] of renderers.entries()) {
      const rest = renderer ? renderer.finish() : this.formats[i]!.render!({ ...this.document, provenance, segments: this.held });
      await this.files.append(i, rest);
    }
    await this.files.append(this.formats.length, provenanceFile(provenance));
    await this.translated?.finish((chunk) => this.files.append(this.formats.length + 1, chunk));
  }

  async abort(): Promise<void> {
    await this.translated?.abort();
    await this.files.abort();
  }
}
