/**
 * Which language a text is in, by eld (Nito-ELD, an n-gram detector of 60
 * languages, Apache-2.0): what LibreTranslate's /detect and `source: auto`
 * need. Chosen by measurement over franc, franc-min, tinyld, cld3-asm, lande
 * and languagedetect on 1,643 Latvian sentences (this repo's gold sets, the
 * example article, a news sample) and 537 in other languages (hand-written
 * Lithuanian, Estonian, English, Russian, German, Polish and Finnish news
 * sentences, and UDHR paragraphs): eld found Latvian in 99.6 % of the Latvian
 * ones (98.2 % of those of 30 characters or fewer) and in none of the others;
 * the next best, tinyld, 94.9 % and 90.8 %; franc 63.8 %, and franc-min and
 * lande have no Latvian. The `medium` database is as accurate as `large` to
 * 0.3 point on short text, at 64 MB of heap instead of 142 MB. It loads on
 * first use (about a second).
 */
export interface DetectedLanguage {
  /** ISO 639-1 code (`lv`, `lt`, `en`, …). */
  language: string;
  /** 0–100, as LibreTranslate reports it. */
  confidence: number;
}

export const LATVIAN = 'lv';

interface Detector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
}

let detector: Promise<Detector> | null = null;

const loadDetector = (): Promise<Detector> =>
  (detector ??= (async () => {
    const { eld } = await import('eld');
    // The package's root entry is the dynamic one, which loads a database by name.
    const instance = (eld as unknown as { newInstance(): Detector & { load(size: string): Promise<unknown> } }).newInstance();
    await instance.load('medium');
    return instance;
  })());

/** Loads the detector's data now rather than on the first call (a server does this at start). */
export const prepareLanguageDetection = async (): Promise<void> => {
  await loadDetector();
};

/**
 * The languages the text may be in, most likely first (at most `limit`);
 * empty when there is nothing to tell by (digits, punctuation, no text).
 */
export async function detectLanguages(text: string, limit = 3): Promise<DetectedLanguage[]> {
  const result = (await loadDetector()).detect(text);
  if (result.language === '') return [];
  return Object.entries(result.getScores())
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([language, score]) => ({ language, confidence: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 10 }));
}

/**
 * Whether to take the text as Latvian: Latvian scores highest (a tie
 * included: short Latvian and Lithuanian sentences can score alike), or
 * there is nothing to tell by (a number, a name in Latin letters only).
 * Returns the detection a response reports.
 */
export async function detectLatvian(text: string): Promise<{ latvian: boolean; detected: DetectedLanguage }> {
  const ranked = await detectLanguages(text, 8);
  const top = ranked[0];
  if (!top) return { latvian: true, detected: { language: LATVIAN, confidence: 0 } };
  const latvian = ranked.find((r) => r.language === LATVIAN);
  if (latvian && latvian.confidence >= top.confidence) return { latvian: true, detected: latvian };
  return { latvian: false, detected: top };
}
