import type { Segment } from '../core/segment-record.js';
import { summariseHits, type TermSummary } from '../glossary/index.js';
import { countFlags } from '../flags/index.js';

/** Counts a run's segments as they stream past, so the summary needs none of them kept. */
export class RunTally {
  sentences = 0;
  boilerplate = 0;
  readonly flags = new Map<string, number>();
  private readonly terms = new Map<string, TermSummary>();

  add(segments: readonly Segment[]): void {
    for (const segment of segments) {
      if (segment.kind === 'sentence') this.sentences += 1;
      else this.boilerplate += 1;
    }
    for (const [name, n] of countFlags(segments)) this.flags.set(name, (this.flags.get(name) ?? 0) + n);
    for (const row of summariseHits(segments.flatMap((s) => s.glossary))) this.addTerm(row);
  }

  merge(other: RunTally): void {
    this.sentences += other.sentences;
    this.boilerplate += other.boilerplate;
    for (const [flag, n] of other.flags) this.flags.set(flag, (this.flags.get(flag) ?? 0) + n);
    for (const row of other.terms.values()) this.addTerm(row);
  }

  private addTerm(row: TermSummary): void {
    const key = `${row.lemma}\u0000${row.target}`;
    const sum = this.terms.get(key);
    if (!sum) this.terms.set(key, { ...row });
    else for (const field of ['total', 'found', 'enforced', 'repaired', 'missing'] as const) sum[field] += row[field];
  }

  /** Glossary terms by status, most frequent first. */
  termSummary(): TermSummary[] {
    return [...this.terms.values()].sort((a, b) => b.total - a.total || a.lemma.localeCompare(b.lemma, 'lv'));
  }
}
