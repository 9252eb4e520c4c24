import { type DocumentResult, RunTally } from '../index.js';

/** The end-of-run summary: what was written, what was reused, flag counts, and glossary terms by status. */
export function formatRunSummary(results: readonly DocumentResult[], seconds: number): string {
  const tally = new RunTally();
  for (const result of results) tally.merge(result.tally);
  const lines: string[] = [];
  lines.push(`lv2en: ${results.length} file(s), ${tally.sentences} sentence(s) in ${seconds.toFixed(1)}s`);
  for (const result of results) {
    const reused = result.reused.length > 0 ? ` (reused: ${result.reused.join(', ')})` : '';
    lines.push(`  ${result.name}: ${result.outputs.join(', ') || 'no files'}${reused}`);
  }
  const flags = [...tally.flags].sort(([a], [b]) => a.localeCompare(b));
  lines.push(`  flags: ${flags.length === 0 ? 'none' : flags.map(([flag, n]) => `${flag} ${n}`).join(', ')}`);
  const terms = tally.termSummary();
  if (terms.length > 0) {
    lines.push('  glossary:');
    lines.push(
      ...formatTable(
        ['term', 'target', 'found', 'enforced', 'repaired', 'missing'],
        terms.map((t) => [t.lemma, t.target, t.found, t.enforced, t.repaired, t.missing].map(String)),
      ).map((row) => `    ${row}`),
    );
  }
  return lines.join('\n');
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
