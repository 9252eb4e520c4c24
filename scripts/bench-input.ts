import { readFileSync } from 'node:fs';

/** `--name value` from the command line as a number, or the fallback. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
}

/**
 * `count` distinct Latvian sentences for benchmarks: the glossary fixtures'
 * sentences, numbered (`2. …`) so that no deduplication or cache ever
 * shrinks the work.
 */
export function benchSentences(count: number): string[] {
  const base: string[] = [];
  for (const file of ['sentences', 'blind', 'blind2']) {
    const text = readFileSync(new URL(`../test/fixtures/glossary/${file}.gold.jsonl`, import.meta.url), 'utf8');
    for (const line of text.trim().split('\n')) base.push((JSON.parse(line) as { text: string }).text);
  }
  return Array.from({ length: count }, (_, i) => `${Math.floor(i / base.length) + 1}. ${base[i % base.length]}`);
}
