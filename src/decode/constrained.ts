/**
 * Lexically constrained beam search with dynamic beam allocation (DBA):
 * Post & Vilar 2018, "Fast Lexically Constrained Decoding with Dynamic Beam
 * Allocation for Neural Machine Translation", in the vectorised form of Hu et
 * al. 2019 ("Improved Lexically Constrained Decoding for Translation and
 * Monolingual Rewriting"). It plugs into our beam loop (beam.ts) as its
 * candidate selector, so the loop's batching, KV-cache reordering, length
 * penalty and stopping rules stay exactly the loop's.
 *
 * Each step, per sentence:
 * 1. Candidates: the standard ones (the best 2·numBeams over all beams), plus
 *    for each beam every token that advances its constraints (the next token
 *    of a pending phrase, the first token of every unmet constraint), plus
 *    each beam's best single token. Without the extra ones, a constraint the
 *    model finds unlikely never enters the beam; without the best single
 *    tokens, a beam that just placed a constraint could never continue
 *    fluently and would be crowded out by beams that have not placed it yet.
 * 2. `</s>` is a candidate only for a beam that has met all its constraints.
 * 3. Banks: each candidate goes to the bank of the constraint tokens its
 *    hypothesis would have met (0 … total). Within a bank, best score first.
 * 4. Allocation: the beam's slots are dealt round-robin over the banks, the
 *    bank with the most constraint tokens met first: the best of bank
 *    `total`, the best of bank `total − 1`, …, then the second best of each,
 *    and so on, empty banks giving up their turn. Every stage of progress so
 *    keeps a foothold in the beam; pure score would keep only unconstrained
 *    hypotheses (forcing a term costs log-prob), and a fixed split would
 *    waste slots on empty banks. (Hu et al. sort by (rank in bank, −bank);
 *    that is this order.)
 *
 * The loop then does what it always does with the ranked list: a `</s>`
 * candidate among the first numBeams finishes its hypothesis, and the first
 * numBeams others become the next beams.
 *
 * At the step where the length limit forces `</s>`, a hypothesis that has
 * not met its constraints could not meet them any more. If the sentence has a
 * finished hypothesis that met them (or a beam that just did), only those
 * finish; otherwise every beam finishes and the best-scoring one wins — the
 * best unconstrained hypothesis — and verification downstream notices what
 * it lacks.
 *
 * With no constraints every beam is complete, only bank 0 exists, its order
 * is the standard order, and the extra candidates rank below the standard
 * 2·numBeams, which always hold numBeams non-`</s>` ones: the search is
 * exactly the standard beam search.
 *
 * Stopping: the loop ends a sentence once numBeams hypotheses have finished
 * and none of the live ones can win (HF's rule). Under constraints few
 * hypotheses may finish, so that rule alone would run every sentence to its
 * length limit, keeping alive hypotheses that have not placed a term and
 * go on, past the end of the sentence, to place it somewhere. So once a
 * hypothesis that met its constraints has finished, a live candidate is
 * dropped when ending it on the next step could not beat that one (the same
 * estimate the loop's early-stopping test uses); when none is left, the
 * sentence is done. Sentences without constraints are left to the loop's
 * rule alone, so they decode exactly as with standardSelection.
 *
 * Create one selector per beamDecode call: it remembers, per sentence, the
 * best score of a finished hypothesis that met its constraints.
 */
import { standardSelection } from './beam.js';
import { ConstraintSet, type Progress, type TokenConstraint } from './constraints/progress.js';
import type { BeamState, Candidate, CandidateSelector, StepView } from './types.js';

export { ConstraintSet, type Progress, type TokenConstraint } from './constraints/progress.js';

interface Ranked extends Candidate {
  bank: number;
  /** The extended hypothesis met every constraint (only these may end on `</s>`). */
  complete: boolean;
}

/**
 * A candidate selector enforcing `constraints[s]` on sentence s of the batch
 * (index as in DecodeInput.sources; a missing entry means no constraints).
 */
export interface ConstrainedSelectionOptions {
  /** α of the loop's length penalty (SearchSettings.lengthPenalty), for the stopping estimate. Default 1. */
  lengthPenalty?: number;
}

export function constrainedSelection(
  constraints: readonly (readonly TokenConstraint[])[],
  options: ConstrainedSelectionOptions = {},
): CandidateSelector {
  const alpha = options.lengthPenalty ?? 1;
  const sets = constraints.map((list) => new ConstraintSet(list));
  const empty = new ConstraintSet([]);
  /** Per sentence: the best length-normalised score of a finished hypothesis that met its constraints. */
  const bestComplete = new Map<number, number>();

  const select = (view: StepView): Candidate[] => {
    const set = sets[view.sentence] ?? empty;
    const progress = view.beams.map((beam) => set.progressOf(beam.tokens));
    const best = bestComplete.get(view.sentence);
    let ranked: Ranked[];
    if (isForcedEnd(view)) {
      ranked = forcedEnd(view, set, progress, best !== undefined);
    } else {
      ranked = allocate(view, set, progress);
      if (best !== undefined && !set.isEmpty) {
        // Ending on the next step is the loop's estimate of the best a live hypothesis can still do.
        const length = (view.position + 1) ** alpha;
        ranked = ranked.filter((c) => c.token === view.eos || c.score / length > best);
      }
    }
    // The loop finishes a `</s>` candidate ranked among the first numBeams: remember the best that met the constraints.
    for (const c of ranked.slice(0, view.numBeams)) {
      if (c.token !== view.eos || !c.complete) continue;
      const score = c.score / (view.beams[c.beam]!.tokens.length + 1) ** alpha;
      bestComplete.set(view.sentence, Math.max(score, bestComplete.get(view.sentence) ?? -Infinity));
    }
    return ranked.map(({ beam, token, tokenLogProb, score }) => ({ beam, token, tokenLogProb, score }));
  };
  // The constraint tokens each beam may take next: allocate() asks their log-probs whatever their rank.
  const wantedTokens = (sentence: number, beams: readonly BeamState[]) => {
    const set = sets[sentence] ?? empty;
    return beams.map((beam) => set.nextTokens(set.progressOf(beam.tokens)));
  };
  return Object.assign(select, { wantedTokens });
}

/** The length limit forces `</s>` at this step: it is every beam's only token (beam.ts's View). */
function isForcedEnd(view: StepView): boolean {
  const { tokens, logProbs } = view.top(0);
  return tokens.length === 1 && tokens[0] === view.eos && logProbs[0] === 0;
}

function forcedEnd(view: StepView, set: ConstraintSet, progress: readonly Progress[], haveComplete: boolean): Ranked[] {
  const all: Ranked[] = view.beams.map((beam, b) => ({
    beam: b,
    token: view.eos,
    tokenLogProb: 0,
    score: beam.logProb,
    bank: set.tokensMet(progress[b]!),
    complete: set.allMet(progress[b]!),
  }));
  const complete = all.filter((c) => c.complete);
  const finishing = complete.length > 0 || haveComplete ? complete : all;
  return finishing.sort((a, b) => b.score - a.score);
}

function allocate(view: StepView, set: ConstraintSet, progress: readonly Progress[]): Ranked[] {
  const pool: Ranked[] = [];
  const seen = new Set<number>();
  const vocabKey = (beam: number, token: number) => beam * 0x1000000 + token;
  const add = (beam: number, token: number, tokenLogProb: number) => {
    const key = vocabKey(beam, token);
    if (seen.has(key)) return;
    const state = view.beams[beam]!;
    const score = state.logProb + tokenLogProb;
    if (!Number.isFinite(score)) return;
    if (token === view.eos) {
      // Only a hypothesis that met every constraint may end.
      if (!set.allMet(progress[beam]!)) return;
      seen.add(key);
      pool.push({ beam, token, tokenLogProb, score, bank: set.total, complete: true });
      return;
    }
    seen.add(key);
    const next = set.advance(progress[beam]!, state.tokens, token);
    pool.push({ beam, token, tokenLogProb, score, bank: set.tokensMet(next), complete: set.allMet(next) });
  };

  // 1. The standard candidates, in the standard order (so that with no
  //    constraints the ranking below reproduces it exactly).
  for (const c of standardSelection(view)) add(c.beam, c.token, c.tokenLogProb);
  view.beams.forEach((_, b) => {
    // 2. Tokens that advance the constraints, whatever the model thinks of them.
    for (const token of set.nextTokens(progress[b]!)) add(b, token, view.logProb(b, token));
    // 3. The beam's best single token it may take (`</s>` only once complete).
    const { tokens, logProbs } = view.top(b);
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i] === view.eos && !set.allMet(progress[b]!)) continue;
      add(b, tokens[i]!, logProbs[i]!);
      break;
    }
  });

  // Banks, best score first within each (stable: ties keep the standard order).
  const banks = new Map<number, Ranked[]>();
  for (const c of pool) {
    const bank = banks.get(c.bank) ?? [];
    bank.push(c);
    banks.set(c.bank, bank);
  }
  const rankInBank = new Map<Ranked, number>();
  for (const bank of banks.values()) {
    bank.sort((a, b) => b.score - a.score);
    bank.forEach((c, i) => rankInBank.set(c, i));
  }
  // Round-robin over the banks, most constraint tokens met first.
  return [...pool].sort((a, b) => rankInBank.get(a)! - rankInBank.get(b)! || b.bank - a.bank);
}
