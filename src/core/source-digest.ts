import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A hash of the code in some folders of lv2en itself, for keys that must
 * change when the code that made a result changes (stage keys, the
 * translation memory's key). It replaces hand-bumped version constants, which
 * were forgotten as often as not. Only the running code counts: the .js files
 * of the build, or the .ts sources when run from them.
 */
const digests = new Map<string, string>();

export function sourceDigest(...folders: readonly URL[]): string {
  const hash = createHash('sha256');
  for (const folder of folders) hash.update(folderDigest(sourceTwin(fileURLToPath(folder)))).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}

/**
 * In a checkout, the build (dist/) and the sources (src/) are the same code:
 * hash the sources whichever one runs, so a CLI process and a library caller
 * running from source agree on every key (a coordinator and its queue workers
 * must). An installed package has only dist/, and hashes that.
 */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
function sourceTwin(dir: string): string {
  const build = join(packageRoot, 'dist');
  if (!dir.startsWith(build + sep)) return dir;
  const twin = join(packageRoot, 'src', dir.slice(build.length + 1));
  return existsSync(twin) ? twin : dir;
}

function folderDigest(dir: string): string {
  const known = digests.get(dir);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of codeFiles(dir)) hash.update(file.slice(dir.length)).update('\u0000').update(readFileSync(file)).update('\u0000');
  const digest = hash.digest('hex');
  digests.set(dir, digest);
  return digest;
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(path));
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}
