import { posix } from 'node:path';
import { scanXml } from '../document/xml-scan.js';
import type { ZipArchive } from './zip.js';

/**
 * The relationships of an Open Packaging Conventions part (what Word, Excel
 * and PowerPoint files are built of): `word/document.xml` names its headers,
 * footers and notes in `word/_rels/document.xml.rels`, and the package names
 * its main part in `_rels/.rels`. Types are matched by their last segment, so
 * Strict OOXML's purl.oclc.org types count as much as the transitional ones.
 */
export interface Relationship {
  id: string;
  /** The type's last segment: `header`, `footnotes`, `officeDocument`. */
  type: string;
  /** The part it points to, as a name inside the archive (no leading slash); the URL itself for an external target. */
  target: string;
  external: boolean;
}

/** The `.rels` part holding `part`'s relationships (`""` for the package's own). */
export const relationshipsPart = (part: string) =>
  part === '' ? '_rels/.rels' : posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

/** `part`'s relationships; none when it has no `.rels` part. */
export async function readRelationships(archive: ZipArchive, part: string, file: string): Promise<Relationship[]> {
  const name = relationshipsPart(part);
  if (!archive.has(name)) return [];
  const relationships: Relationship[] = [];
  scanXml(await archive.text(name), { file, part: name }, (event) => {
    if (event.type !== 'open' || event.local !== 'Relationship') return;
    const value = (key: string) => event.attributes[key]?.value ?? '';
    const external = value('TargetMode') === 'External';
    const target = value('Target');
    relationships.push({
      id: value('Id'),
      type: value('Type').split('/').at(-1) ?? '',
      target: external ? target : resolvePartName(part, target),
      external,
    });
  });
  return relationships;
}

/** A relationship's target as an archive entry name: relative to the source part's folder, or absolute from the root. */
function resolvePartName(source: string, target: string): string {
  const decoded = safeDecode(target);
  const path = decoded.startsWith('/') ? decoded : posix.join(posix.dirname(source), decoded);
  return posix.normalize(path).replace(/^\/+/, '');
}

function safeDecode(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}
