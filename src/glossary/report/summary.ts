/** Per-term counts for the end-of-run table. */
import type { GlossaryHit } from '../../core/segment-record.js';

export interface TermSummary {
  lemma: string;
  target: string;
  total: number;
  found: number;
  enforced: number;
  repaired: number;
  missing: number;
}

/** One row per lemma → target, most frequent first, then alphabetical (Latvian collation). */
export function summariseHits(hits: readonly GlossaryHit[]): TermSummary[] {
  const rows = new Map<string, TermSummary>();
  for (const hit of hits) {
    const key = `${hit.lemma}\u0000${hit.target}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { lemma: hit.lemma, target: hit.target, total: 0, found: 0, enforced: 0, repaired: 0, missing: 0 }));
    row.total += 1;
    row[hit.status] += 1;
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.lemma.localeCompare(b.lemma, 'lv'));
}
