/**
 * The form of a source sentence that is both the cache key and what the model
 * is given: NFC (the Marian tokenizer conversion skips SentencePiece's
 * normaliser), no leading or trailing space, runs of whitespace as one space.
 * Two sources that normalise alike are the same model input, so they may share
 * one translation.
 */
export function normalizeSource(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
