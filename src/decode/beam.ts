/**
 * Batched beam search with HF's BeamSearchScorer semantics (the search that
 * OPUS-MT's published settings assume, and that transformers.js 4.3 silently
 * replaces with greedy):
 *
 * - step 1 expands each sentence's single start row; afterwards every
 *   sentence keeps up to numBeams live beams, laid out sentence by sentence in
 *   the batch, and the KV cache follows the beams by parent index;
 * - candidates are the top 2·numBeams of (beam log-prob + token log-prob) over
 *   the sentence's beams; a `</s>` candidate ranked below numBeams is skipped,
 *   one above finishes a hypothesis scored sum / length^α (length counts the
 *   generated tokens including `</s>`, as Marian and HF ≤ 4.38 count it);
 * - a sentence stops per `earlyStopping` and leaves the batch; its best
 *   finished hypothesis is the translation.
 *
 * The candidate selection is a parameter (`selectCandidates`): constrained
 * decoding (dynamic beam allocation for glossary terms) replaces it, using the
 * StepView's per-beam top tokens and log-probs of any token.
 */
import { BatchState } from './batch-state.js';
import { limitsOf } from './limits.js';
import type { DecodingModel } from './model.js';
import type { ScoredStep } from './batch-state.js';
import type { BeamState, Candidate, CandidateSelector, DecodeInput, Decoded, EarlyStopping, SearchSettings, StepView } from './types.js';

/** HF's standard selection: the best 2·numBeams continuations over all beams of the sentence. */
export const standardSelection: CandidateSelector = (view) => {
  const candidates: Candidate[] = [];
  view.beams.forEach((beam, b) => {
    const { tokens, logProbs } = view.top(b);
    for (let i = 0; i < tokens.length; i++) {
      candidates.push({ beam: b, token: tokens[i]!, tokenLogProb: logProbs[i]!, score: beam.logProb + logProbs[i]! });
    }
  });
  // Stable sort: equal scores keep beam order, then the model's own token order.
  candidates.sort((a, b) => b.score - a.score);
  return candidates.slice(0, 2 * view.numBeams);
};

interface Hypothesis {
  tokens: readonly number[];
  tokenLogProbs: readonly number[];
  logProb: number;
  score: number;
}

/** HF BeamHypotheses: the best numBeams finished hypotheses of one sentence. */
class FinishedHypotheses {
  readonly list: Hypothesis[] = [];
  worst = Infinity;

  constructor(
    private readonly numBeams: number,
    private readonly alpha: number,
  ) {}

  add(tokens: readonly number[], tokenLogProbs: readonly number[], logProb: number): void {
    const score = logProb / tokenLogProbs.length ** this.alpha;
    if (this.list.length >= this.numBeams && score <= this.worst) return;
    this.list.push({ tokens, tokenLogProbs, logProb, score });
    if (this.list.length > this.numBeams) {
      let worstIndex = 0;
      this.list.forEach((h, i) => {
        if (h.score < this.list[worstIndex]!.score) worstIndex = i;
      });
      this.list.splice(worstIndex, 1);
    }
    this.worst = Math.min(...this.list.map((h) => h.score));
  }

  /** HF BeamHypotheses.is_done, with `bestLogProb` the best candidate's sum and `position` the token just chosen. */
  isDone(bestLogProb: number, position: number, maxNew: number, early: EarlyStopping): boolean {
    if (this.list.length < this.numBeams) return false;
    if (early === true) return true;
    const length = early === 'never' && this.alpha > 0 ? maxNew : position + 1;
    return this.worst >= bestLogProb / length ** this.alpha;
  }

  best(): Hypothesis | undefined {
    let best: Hypothesis | undefined;
    for (const h of this.list) if (!best || h.score > best.score) best = h;
    return best;
  }

  /** The finished hypotheses best first (equal scores in the order they finished). */
  ranked(): Hypothesis[] {
    return [...this.list].sort((a, b) => b.score - a.score);
  }
}

interface SentenceSearch {
  index: number;
  beams: BeamState[];
  finished: FinishedHypotheses;
  done: boolean;
}

class View implements StepView {
  constructor(
    readonly sentence: number,
    readonly position: number,
    readonly numBeams: number,
    readonly eos: number,
    readonly beams: readonly BeamState[],
    private readonly firstRow: number,
    private readonly forced: boolean,
    private readonly scored: ScoredStep,
    /** Per beam: the tokens whose log-probs the step gathered, in gather order. */
    private readonly gatheredTokens: readonly (readonly number[])[],
  ) {}

  top(beam: number): { tokens: number[]; logProbs: number[] } {
    if (this.forced) return { tokens: [this.eos], logProbs: [0] };
    const { k } = this.scored;
    const base = (this.firstRow + beam) * k;
    const tokens: number[] = [];
    const logProbs: number[] = [];
    for (let i = 0; i < k; i++) {
      const lp = this.scored.logProbs[base + i]!;
      if (lp === -Infinity || Number.isNaN(lp)) break;
      tokens.push(Number(this.scored.tokens[base + i]!));
      logProbs.push(lp);
    }
    return { tokens, logProbs };
  }

  logProb(beam: number, token: number): number {
    if (this.forced) return token === this.eos ? 0 : -Infinity;
    const row = this.firstRow + beam;
    const at = this.gatheredTokens[beam]?.indexOf(token) ?? -1;
    if (at !== -1) return this.scored.gathered[row * this.scored.gatherWidth + at]!;
    const top = this.top(beam);
    const inTop = top.tokens.indexOf(token);
    if (inTop !== -1) return top.logProbs[inTop]!;
    throw new Error(`log-prob of token ${token} asked for but not gathered: list it in the selector's wantedTokens`);
  }
}

/**
 * An order of the next beams (given by their parent beam index) in which as
 * many as possible sit at their parent's index: slot j holds a child of beam j
 * where there is one, the remaining children fill the remaining slots.
 */
export function stayInPlace(beamParents: readonly number[], previousBeams: number): number[] {
  const count = beamParents.length;
  const slots: (number | undefined)[] = new Array(count);
  const placed = new Uint8Array(count);
  beamParents.forEach((parent, i) => {
    if (parent < count && parent < previousBeams && slots[parent] === undefined) {
      slots[parent] = i;
      placed[i] = 1;
    }
  });
  let next = 0;
  for (let slot = 0; slot < count; slot++) {
    if (slots[slot] !== undefined) continue;
    while (placed[next]) next += 1;
    slots[slot] = next;
    placed[next] = 1;
  }
  return slots as number[];
}

/** The rows × width token table for the step's gather (padded with token 0, never read), from each beam's wanted tokens. */
function gatherRequest(
  wanted: readonly (readonly (readonly number[])[])[],
  rows: number,
): { gather?: BigInt64Array; gatherWidth?: number } {
  const perRow = wanted.flat();
  const width = Math.max(0, ...perRow.map((tokens) => tokens.length));
  if (width === 0) return {};
  const gather = new BigInt64Array(rows * width);
  perRow.forEach((tokens, r) => tokens.forEach((token, j) => (gather[r * width + j] = BigInt(token))));
  return { gather, gatherWidth: width };
}

export async function beamDecode(model: DecodingModel, input: DecodeInput, settings: SearchSettings): Promise<Decoded[]> {
  return (await beamSearch(model, input, settings)).map((finished, index) => {
    const best = finished.best();
    if (!best) throw new Error(`beam search ended without a finished hypothesis for sentence ${index}`);
    return decoded(best);
  });
}

/**
 * The `count` best finished hypotheses of each sentence, best first (HF's
 * num_return_sequences): the first is what beamDecode returns. The search
 * keeps numBeams finished hypotheses, so `count` is at most numBeams; a
 * sentence may have fewer when its search ran out of live beams.
 */
export async function beamDecodeNBest(
  model: DecodingModel,
  input: DecodeInput,
  settings: SearchSettings,
  count: number,
): Promise<Decoded[][]> {
  if (!Number.isInteger(count) || count < 1 || count > settings.numBeams)
    throw new Error(`n-best count must be a whole number from 1 to numBeams (${settings.numBeams}), got ${count}`);
  return (await beamSearch(model, input, settings)).map((finished) => finished.ranked().slice(0, count).map(decoded));
}

const decoded = (h: Hypothesis): Decoded => ({
  tokens: [...h.tokens],
  logProb: h.logProb,
  score: h.score,
  tokenLogProbs: [...h.tokenLogProbs],
});

/** The search itself: every sentence's finished hypotheses, in input order. */
async function beamSearch(model: DecodingModel, input: DecodeInput, settings: SearchSettings): Promise<FinishedHypotheses[]> {
  const count = input.sources.length;
  if (count === 0) return [];
  const numBeams = settings.numBeams;
  if (!Number.isInteger(numBeams) || numBeams < 1) throw new Error(`numBeams must be a whole number ≥ 1, got ${numBeams}`);
  const alpha = settings.lengthPenalty ?? 1;
  // One beam is greedy search whatever earlyStopping says, as in HF (num_beams=1 selects greedy).
  const early = numBeams === 1 ? true : (settings.earlyStopping ?? false);
  const select = settings.selectCandidates ?? standardSelection;
  const width = Math.min(model.vocabSize, settings.topTokensPerBeam ?? 2 * numBeams);
  const { maxNew, minNew } = limitsOf(input);
  const { eos, decoderStart } = model.tokens;

  const searches: SentenceSearch[] = input.sources.map((_, index) => ({
    index,
    beams: [{ tokens: [], tokenLogProbs: [], logProb: 0 }],
    finished: new FinishedHypotheses(numBeams, alpha),
    done: false,
  }));
  // Row layout: live sentences in input order, each with `span` rows: its
  // live beams in beam order, then (where a sentence has fewer than numBeams
  // live beams) filler rows the search never reads. Every sentence spans the
  // same number of rows (1 on the first step), as the decoder's shared
  // cross-attention cache needs (batch-state.ts).
  let layout: SentenceSearch[] = searches;
  let span = 1;
  const state = await BatchState.encode(model, input.sources, { rows: count * numBeams, positions: Math.max(...maxNew) + 1 });
  try {
    let next = new BigInt64Array(count).fill(BigInt(decoderStart));

    for (let position = 1; layout.length > 0; position++) {
      const rows = state.rows;
      const eosBanned = new Uint8Array(rows);
      const wanted: (readonly number[])[][] = [];
      let row = 0;
      for (const search of layout) {
        if (position <= minNew[search.index]!) eosBanned.fill(1, row, row + search.beams.length);
        row += span;
        const tokens = select.wantedTokens?.(search.index, search.beams) ?? [];
        wanted.push(tokens.length === 0 ? [] : [...tokens, ...new Array<number[]>(span - tokens.length).fill([])]);
      }
      const gather = gatherRequest(wanted, rows);
      const scored = await state.step({ tokens: next, k: width, logProbs: true, eosBanned, ...gather });
      const parents: number[] = [];
      const nextTokens: number[] = [];
      const nextLayout: SentenceSearch[] = [];
      row = 0;
      for (const [i, search] of layout.entries()) {
        const s = search.index;
        const firstRow = row;
        row += span;
        const view = new View(s, position, numBeams, eos, search.beams, firstRow, position >= maxNew[s]!, scored, wanted[i]!);
        const candidates = select(view);
        const nextBeams: BeamState[] = [];
        const beamParents: number[] = [];
        let bestLogProb = -Infinity;
        for (const c of candidates) bestLogProb = Math.max(bestLogProb, (search.beams[c.beam]?.logProb ?? -Infinity) + c.tokenLogProb);
        for (let rank = 0; rank < candidates.length && nextBeams.length < numBeams; rank++) {
          const c = candidates[rank]!;
          const parent = search.beams[c.beam];
          if (!parent) throw new Error(`candidate refers to beam ${c.beam} of ${search.beams.length}`);
          const logProb = parent.logProb + c.tokenLogProb;
          if (c.token === eos) {
            if (rank < numBeams) search.finished.add(parent.tokens, [...parent.tokenLogProbs, c.tokenLogProb], logProb);
            continue;
          }
          if (!Number.isFinite(logProb)) continue;
          nextBeams.push({ tokens: [...parent.tokens, c.token], tokenLogProbs: [...parent.tokenLogProbs, c.tokenLogProb], logProb });
          beamParents.push(c.beam);
        }
        search.done = nextBeams.length === 0 || search.finished.isDone(bestLogProb, position, maxNew[s]!, early);
        if (search.done) {
          search.beams = [];
          continue;
        }
        // Live beams are unordered (HF sorts them, which only matters for exact
        // ties), so each parent's first child takes the parent's row: its KV
        // cache then stays where it is, and only the other rows are copied.
        const order = stayInPlace(beamParents, search.beams.length);
        search.beams = order.map((i) => nextBeams[i]!);
        for (const i of order) {
          parents.push(firstRow + beamParents[i]!);
          nextTokens.push(nextBeams[i]!.tokens.at(-1)!);
        }
        // Filler rows continue the first beam's row; what they compute is never read.
        for (let filler = search.beams.length; filler < numBeams; filler++) {
          parents.push(firstRow);
          nextTokens.push(eos);
        }
        nextLayout.push(search);
      }
      layout = nextLayout;
      span = numBeams;
      if (layout.length === 0) break;
      state.reorder(Int32Array.from(parents));
      next = BigInt64Array.from(nextTokens, (t) => BigInt(t));
    }
  } finally {
    state.release();
  }

  return searches.map((search) => search.finished);
}
