/**
 * Writes a generated test model: `tsx scripts/generate-model.ts <toy|full|small> <dir>`.
 * The full-size model (~400 MiB) is generated on demand and never committed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { FULL_DIMS, SMALL_DIMS, generateRandomMarian, generateToyModel } from '../src/models/generate/index.js';

const KINDS = ['toy', 'full', 'small'] as const;
type Kind = (typeof KINDS)[number];

/** Seed of the committed-to benchmark weights; the same on every machine. */
const SEED = 20200909;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

async function main(): Promise<void> {
  const [kind, target] = process.argv.slice(2);
  if (!KINDS.includes(kind as Kind) || !target) {
    console.error('usage: tsx scripts/generate-model.ts <toy|full|small> <dir>');
    process.exit(2);
  }
  const dir = resolve(target);
  const started = performance.now();
  if (kind === 'toy') await generateToyModel(dir);
  else await generateRandomMarian(dir, { dims: kind === 'full' ? FULL_DIMS : SMALL_DIMS, seed: SEED });
  const seconds = (performance.now() - started) / 1000;

  let total = 0;
  for (const file of await listFiles(dir)) {
    const { size } = await stat(file);
    total += size;
    console.log(`${formatSize(size).padStart(10)}  ${relative(dir, file)}`);
  }
  console.log(`wrote ${kind} model to ${dir}: ${formatSize(total)} in ${seconds.toFixed(2)} s`);
}

await main();
