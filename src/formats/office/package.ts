import { type ZipArchive, ZipWriter, isZip } from './zip.js';
import type { ByteSink } from '../document/types.js';

/**
 * Whether `bytes` look like a ZIP archive holding an entry called `name`
 * (`word/document.xml`, `mimetype`): the name is stored as it is in the
 * archive's headers, so finding it is enough to tell formats apart when
 * sniffing. Reading the archive checks it properly.
 */
export function zipMentions(bytes: Uint8Array, name: string): boolean {
  if (!isZip(bytes)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name, 0, 'latin1');
}

/**
 * Writes the archive again entry by entry in its own order: the parts in
 * `replaced` with their new text, every other entry with exactly the bytes it
 * held. Folder entries are left out (a package gives them no meaning).
 */
export async function rewriteArchive(archive: ZipArchive, replaced: ReadonlyMap<string, string>, out: ByteSink): Promise<void> {
  const writer = new ZipWriter(out);
  for (const entry of archive.entries) {
    if (entry.name.endsWith('/')) continue;
    writer.add(entry, replaced.get(entry.name) ?? (await archive.read(entry.name)));
  }
  await writer.finish();
}
