/**
 * Where a translation comes from: the model (by name and by the hash of the
 * files that decide its output), lv2en's version and the decoding settings.
 * Every output set records it, so fixture output cannot pass for real output
 * and two files translated by different models can be told apart. No date is
 * part of it: the same input and model write the same files.
 */
export interface Provenance {
  /** The model's name in models.config.yaml. */
  model: string;
  /** A model generated for tests (`fixture: true` in models.config.yaml): its English is not a translation. */
  fixture: boolean;
  /** sha256 over the sha256 of each model file that decides the output (config, tokenizer, weights). */
  modelFiles: string;
  lv2en: string;
  decoding: { numBeams: number; maxNewTokens: number; lengthPenalty: number; earlyStopping: boolean | 'never' };
}

/** `<name>.provenance.json`, beside the outputs it describes. */
export const PROVENANCE_SUFFIX = '.provenance.json';

/** The sidecar's contents. A separate file leaves every JSONL line a segment record, as every JSONL reader expects. */
export const provenanceFile = (provenance: Provenance): string =>
  `${JSON.stringify({ format: 'lv2en-provenance', version: 1, ...provenance }, null, 2)}\n`;

/** The sidecar read back; null for anything that is not one (a missing file is the caller's business). */
export function parseProvenanceFile(text: string): Provenance | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const p = value as Partial<Provenance> & { format?: unknown };
  if (typeof p !== 'object' || p === null || p.format !== 'lv2en-provenance') return null;
  if (typeof p.model !== 'string' || typeof p.fixture !== 'boolean' || typeof p.modelFiles !== 'string' || typeof p.lv2en !== 'string')
    return null;
  const d = p.decoding;
  if (typeof d !== 'object' || d === null) return null;
  return { model: p.model, fixture: p.fixture, modelFiles: p.modelFiles, lv2en: p.lv2en, decoding: { ...(d as Provenance['decoding']) } };
}

export const describeDecoding = ({ decoding }: Provenance): string =>
  `beams ${decoding.numBeams}, max new tokens ${decoding.maxNewTokens}, length penalty ${decoding.lengthPenalty}, early stopping ${String(decoding.earlyStopping)}`;

/** One line for notes and the review page. */
export const describeProvenance = (provenance: Provenance): string =>
  `machine translation by model ${provenance.model}${provenance.fixture ? ' (a test fixture, not a translator: its English is not a translation)' : ''}, ` +
  `model files sha256 ${provenance.modelFiles}, lv2en ${provenance.lv2en}, decoding: ${describeDecoding(provenance)}`;
