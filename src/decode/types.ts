/** What the decoding loop takes and gives back. Token ids are plain numbers. */

export interface DecodeInput {
  /** Source token ids of each sentence, ending in `</s>` (as the tokenizer returns them), unpadded. */
  sources: readonly (readonly number[])[];
  /**
   * Most tokens to generate per sentence, counting the final `</s>`: token
   * number `maxNewTokens` is forced to be `</s>` (transformers.js's
   * forced_eos_token_id at max_length).
   */
  maxNewTokens: number | readonly number[];
  /**
   * `</s>` may not be any of the first `minNewTokens` tokens (HF's
   * min_new_tokens). With minNewTokens = maxNewTokens = L every output is
   * exactly L tokens ending in a forced `</s>`: the benchmark's forced length.
   */
  minNewTokens?: number | readonly number[];
}

export type EarlyStopping = boolean | 'never';

export interface SearchSettings {
  /** 1: greedy. */
  numBeams: number;
  /** α in score = sum of log-probs / length^α, length = generated tokens including `</s>`. Default 1. */
  lengthPenalty?: number;
  /**
   * When a sentence's beam search ends (HF semantics): true, as soon as
   * numBeams hypotheses have finished; false (default, as HF and OPUS-MT's
   * generation config), when the best live beam, ended on the next step, could
   * not beat the worst finished one; 'never', when no live beam can beat it at
   * any length up to the maximum. With numBeams 1 the search is greedy anyway.
   */
  earlyStopping?: EarlyStopping;
  /** Greedy only: also compute each token's log-prob (beam search always does). */
  scores?: boolean;
  /** Beam only: replaces the standard top-2k candidate selection (e.g. constrained decoding). */
  selectCandidates?: CandidateSelector;
  /** Beam only: how many top tokens per beam the view offers; default 2 × numBeams. */
  topTokensPerBeam?: number;
}

export interface Decoded {
  /** Generated tokens without the decoder start token and without `</s>`. */
  tokens: number[];
  /** Sum of the token log-probs, `</s>` included (NaN for greedy without `scores`). */
  logProb: number;
  /** logProb / length^α, length = tokens.length + 1. */
  score: number;
  /** Log-prob of each generated token, `</s>` last (empty for greedy without `scores`). */
  tokenLogProbs: number[];
}

/** A live hypothesis of one sentence's beam. */
export interface BeamState {
  readonly tokens: readonly number[];
  readonly tokenLogProbs: readonly number[];
  /** Sum of log-probs so far (not length-normalised). */
  readonly logProb: number;
}

/** One step of one sentence, as the candidate selector sees it. */
export interface StepView {
  /** Which input sentence (index into DecodeInput.sources). */
  readonly sentence: number;
  /** Number of the token being chosen, 1-based (= tokens already generated + 1). */
  readonly position: number;
  readonly numBeams: number;
  readonly eos: number;
  readonly beams: readonly BeamState[];
  /**
   * The best tokens of beam b by the model's score (at most topTokensPerBeam),
   * best first, with their log-probs. Banned tokens are absent; where the
   * length forces `</s>`, it is the only entry (log-prob 0).
   */
  top(beam: number): { tokens: readonly number[]; logProbs: readonly number[] };
  /** Log-prob of a top token or of one the selector's wantedTokens listed, for beam b (-Infinity where it is not allowed). */
  logProb(beam: number, token: number): number;
}

export interface Candidate {
  /** Index into StepView.beams of the hypothesis this extends. */
  beam: number;
  token: number;
  /** Log-prob of `token` after `beam`. */
  tokenLogProb: number;
  /** Ranking score of the candidate (standard: beam.logProb + tokenLogProb). */
  score: number;
}

/**
 * Picks the candidates of one step, best first. The loop walks the list as HF's
 * BeamSearchScorer does: a `</s>` candidate ranked below numBeams is skipped,
 * one above finishes a hypothesis; the first numBeams other candidates become
 * the next step's beams.
 */
export type CandidateSelector = ((view: StepView) => Candidate[]) & {
  /**
   * The tokens, per beam of `sentence`, whose log-probs the selector will ask
   * StepView.logProb for beyond the top tokens: the step gathers exactly these
   * inside the decoder graph instead of returning whole logits rows.
   */
  wantedTokens?: (sentence: number, beams: readonly BeamState[]) => (readonly number[])[];
};
