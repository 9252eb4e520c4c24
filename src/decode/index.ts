/**
 * lv2en's own generation loop over sessions it opens on a Marian export's
 * files (prepare.ts): the encoder and the cross-attention projections run once
 * per batch, the with-past decoder every step with the KV cache (empty on the
 * first), each step scored inside the graph; the search (batched greedy, or beam search with
 * length penalty and early stopping) is ours, so transformers.js 4.3's two
 * defects (num_beams > 1 runs greedy; finished rows keep generating in a
 * batch) do not apply.
 */
import { beamDecode } from './beam.js';
import { greedyDecode } from './greedy.js';
import type { DecodingModel } from './model.js';
import type { DecodeInput, Decoded, SearchSettings } from './types.js';

export { CACHE_BUDGET_BYTES } from './self-attention-cache.js';
export { CrossAttentionModel, forcedInputs, type ForcedPair, type TokenAttentionRows } from './attention.js';
export { DecodingModel, type DecodeTime, type DecodingModelOptions, type ModelCalls, type SpecialTokens } from './model.js';
export type { ExportFiles, PreparedFiles } from './prepare.js';
export type { SessionSettings } from './sessions.js';
export { beamDecode, beamDecodeNBest, standardSelection } from './beam.js';
export { greedyDecode } from './greedy.js';
export type { BeamState, Candidate, CandidateSelector, DecodeInput, Decoded, EarlyStopping, SearchSettings, StepView } from './types.js';

/** Greedy when numBeams is 1 and no custom selection is given; beam search otherwise. */
export function decode(model: DecodingModel, input: DecodeInput, settings: SearchSettings): Promise<Decoded[]> {
  if (settings.numBeams === 1 && !settings.selectCandidates) return greedyDecode(model, input, settings);
  return beamDecode(model, input, settings);
}
