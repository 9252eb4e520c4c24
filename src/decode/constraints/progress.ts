/**
 * How far a hypothesis has got with its lexical constraints, derived from its
 * tokens alone (so the beam needs no extra state and a hypothesis's progress
 * can never drift from what it actually says).
 *
 * A constraint is a disjunction: the output must contain ONE of its
 * alternatives, each a token-id sequence (`▁Tsikhanouskaya`, the same name
 * tokenised as it looks glued to a quote, a vocabulary piece that carries it,
 * an `accept` word…). A sentence has a list of constraints, all of which must
 * be met; the same constraint listed twice must be met twice.
 *
 * Progress is the state machine of Post & Vilar (2018) §3 / sockeye's
 * ConstrainedHypothesis, generalised to alternatives:
 * - outside a phrase, a token that starts an alternative of an unmet
 *   constraint starts it (a one-token alternative meets it at once);
 * - inside a phrase, a token that continues one of the pending alternatives
 *   advances it, and completing one meets its constraint;
 * - any other token abandons the phrase: its progress is reset (the partial
 *   phrase is worth nothing; otherwise a beam could bank half a name and sit
 *   in a higher bank forever), and scanning resumes just after the abandoned
 *   phrase's first token, so a phrase that starts inside the abandoned one
 *   ("a a b" in "a a a b") is still recognised.
 */

/** One constraint: acceptable token sequences (non-empty), any one of which meets it. */
export type TokenConstraint = readonly (readonly number[])[];

/** A constraint alternative being matched: which constraint, which of its alternatives. */
export interface PendingAlternative {
  readonly constraint: number;
  readonly alternative: number;
}

export interface Progress {
  /** Per constraint: met already. */
  readonly met: readonly boolean[];
  /** Alternatives whose first `matched` tokens end the hypothesis (empty: not inside a phrase). */
  readonly pending: readonly PendingAlternative[];
  readonly matched: number;
}

/** A sentence's constraints compiled for fast stepping. */
export class ConstraintSet {
  readonly constraints: readonly TokenConstraint[];
  /**
   * Per constraint: its weight in the bank count, the length of its shortest
   * alternative (the paper's phrases have one spelling; here the cheapest
   * spelling sets the price, so alternatives spelled out piece by piece do not
   * multiply the banks).
   */
  readonly sizes: readonly number[];
  /** Sum of sizes: the bank of a hypothesis that met everything. */
  readonly total: number;
  /** First token → the (constraint, alternative) pairs starting with it. */
  private readonly starts = new Map<number, PendingAlternative[]>();

  constructor(constraints: readonly TokenConstraint[]) {
    this.constraints = constraints.map((alternatives) => {
      const usable = alternatives.filter((a) => a.length > 0);
      if (usable.length === 0) throw new Error('a constraint needs at least one non-empty token sequence');
      return usable;
    });
    this.sizes = this.constraints.map((alternatives) => Math.min(...alternatives.map((a) => a.length)));
    this.total = this.sizes.reduce((a, b) => a + b, 0);
    this.constraints.forEach((alternatives, constraint) =>
      alternatives.forEach((tokens, alternative) => {
        const list = this.starts.get(tokens[0]!) ?? [];
        list.push({ constraint, alternative });
        this.starts.set(tokens[0]!, list);
      }),
    );
  }

  get isEmpty(): boolean {
    return this.constraints.length === 0;
  }

  alternative(p: PendingAlternative): readonly number[] {
    return this.constraints[p.constraint]![p.alternative]!;
  }

  initial(): Progress {
    return { met: this.constraints.map(() => false), pending: [], matched: 0 };
  }

  /** The progress of a hypothesis that has generated `tokens` (replayed from the start). */
  progressOf(tokens: readonly number[]): Progress {
    const met = this.constraints.map(() => false);
    let pending: PendingAlternative[] = [];
    let matched = 0;
    let phraseStart = -1;
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i]!;
      if (pending.length > 0) {
        const step = this.continueWith(pending, matched, token, met);
        if (step !== 'abandoned') {
          pending = step;
          matched = step.length > 0 ? matched + 1 : 0;
          i++;
          continue;
        }
        // Abandoned: drop the phrase and rescan from the token after its start.
        pending = [];
        matched = 0;
        i = phraseStart + 1;
        continue;
      }
      const started = this.startWith(token, met);
      if (started.length > 0) {
        pending = started;
        matched = 1;
        phraseStart = i;
      }
      i++;
    }
    return { met, pending, matched };
  }

  /** The progress after appending `token` to a hypothesis whose progress is `progress` and tokens `tokens`. */
  advance(progress: Progress, tokens: readonly number[], token: number): Progress {
    if (progress.pending.length > 0) {
      const met = [...progress.met];
      const step = this.continueWith(progress.pending, progress.matched, token, met);
      if (step !== 'abandoned') return { met, pending: step, matched: step.length > 0 ? progress.matched + 1 : 0 };
      // Abandoning is rare and needs the rescan: replay the whole hypothesis.
      return this.progressOf([...tokens, token]);
    }
    const met = [...progress.met];
    const started = this.startWith(token, met);
    return { met, pending: started, matched: started.length > 0 ? 1 : 0 };
  }

  /**
   * Constraint tokens met, the bank of the hypothesis: a met constraint counts
   * its size, a pending phrase its matched tokens, short of its constraint's
   * size (a half-spelled name is never worth as much as a whole one, even
   * when it is spelled the long way: `T s i k h…` against `▁Tsikhanouskaya`).
   */
  tokensMet(progress: Progress): number {
    let count = 0;
    for (const p of progress.pending) count = Math.max(count, Math.min(progress.matched, this.sizes[p.constraint]! - 1));
    progress.met.forEach((m, j) => {
      if (m) count += this.sizes[j]!;
    });
    return count;
  }

  allMet(progress: Progress): boolean {
    return progress.met.every(Boolean);
  }

  /**
   * Tokens that move this hypothesis towards its constraints: the next token
   * of each pending alternative, and the first token of every alternative of
   * every unmet constraint (which starts it, abandoning a pending phrase).
   */
  nextTokens(progress: Progress): number[] {
    const tokens = new Set<number>();
    for (const p of progress.pending) tokens.add(this.alternative(p)[progress.matched]!);
    this.constraints.forEach((alternatives, j) => {
      if (!progress.met[j]) for (const a of alternatives) tokens.add(a[0]!);
    });
    return [...tokens];
  }

  /** Pending alternatives continued by `token`: [] when one completed (its constraint is marked in `met`), 'abandoned' when none continues. */
  private continueWith(
    pending: readonly PendingAlternative[],
    matched: number,
    token: number,
    met: boolean[],
  ): PendingAlternative[] | 'abandoned' {
    const continued = pending.filter((p) => this.alternative(p)[matched] === token && !met[p.constraint]);
    if (continued.length === 0) return 'abandoned';
    const completed = continued.find((p) => this.alternative(p).length === matched + 1);
    if (completed) {
      met[completed.constraint] = true;
      return [];
    }
    return continued;
  }

  /** Alternatives of unmet constraints that `token` starts: [] when none, or when a one-token alternative met its constraint at once (marked in `met`). */
  private startWith(token: number, met: boolean[]): PendingAlternative[] {
    const candidates = (this.starts.get(token) ?? []).filter((p) => !met[p.constraint]);
    if (candidates.length === 0) return [];
    const completed = candidates.find((p) => this.alternative(p).length === 1);
    if (completed) {
      met[completed.constraint] = true;
      return [];
    }
    return candidates;
  }
}
