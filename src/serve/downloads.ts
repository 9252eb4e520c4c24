import { randomUUID } from 'node:crypto';

export interface Download {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * Translated files waiting to be fetched (LibreTranslate's /translate_file
 * answers with a URL, /download_file/<id>.<name> serves it). Kept in memory,
 * never on disk, under a random id that is the only thing a URL can name: no
 * part of a request ever becomes a path. Each is kept for `ttlMs`, and the
 * oldest go first when the files held pass `maxBytes`.
 */
export class DownloadStore {
  private readonly files = new Map<string, Download & { expires: number }>();
  private held = 0;

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /** Stores a file; returns the last path segment of its URL: `<id>.<name>`. */
  add(file: Download): string {
    this.sweep();
    const id = randomUUID();
    this.files.set(id, { ...file, expires: Date.now() + this.ttlMs });
    this.held += file.bytes.byteLength;
    for (const [oldest, entry] of this.files) {
      if (this.held <= this.maxBytes || oldest === id) break;
      this.files.delete(oldest);
      this.held -= entry.bytes.byteLength;
    }
    return `${id}.${file.name}`;
  }

  /** The file a `<id>.<name>` segment names; null for anything else. */
  get(segment: string): Download | null {
    this.sweep();
    const id = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\./.exec(segment)?.[1];
    const file = id ? this.files.get(id) : undefined;
    return file && segment === `${id}.${file.name}` ? file : null;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.files)
      if (entry.expires <= now) {
        this.files.delete(id);
        this.held -= entry.bytes.byteLength;
      }
  }
}
