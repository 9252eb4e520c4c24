import type { FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import {
  type DetectedLanguage,
  detectLanguages,
  detectLatvian,
  LATVIAN,
  type Lv2en,
  type QueryTranslation,
  type Segment,
} from '../index.js';
import type { DownloadStore } from './downloads.js';
import { HttpError } from './errors.js';
import type { ServerMetrics } from './metrics.js';
import type { ServeLimits } from './options.js';

/**
 * LibreTranslate's API, close enough that its clients work unchanged:
 * /translate (JSON or form data, `q` a string or an array, `source` lv or
 * auto, `target` en, `format` text or html, `alternatives`), /detect,
 * /languages, /translate_file (every format lv2en reads)
 * and /download_file, /frontend/settings. Errors are `{"error": …}` with
 * LibreTranslate's statuses. lv2en's own results (each sentence's glossary
 * hits and flags) ride along under `lv2en`, a key LibreTranslate clients
 * never read.
 */
export interface LibreTranslateContext {
  lv2en: Lv2en;
  limits: ServeLimits;
  metrics: ServerMetrics;
  downloads: DownloadStore;
  /** A token file is in use. */
  apiKeys: boolean;
}

const ENGLISH = 'en';
const LANGUAGES = [
  { code: LATVIAN, name: 'Latvian', targets: [ENGLISH] },
  { code: ENGLISH, name: 'English', targets: [] as string[] },
];
const SOURCES = [LATVIAN, 'auto'];

/** Fields LibreTranslate's clients send besides the ones lv2en reads (its web page's `secret`): accepted, ignored. */
const IGNORED = { secret: { type: 'string' } } as const;

const translateSchema = (limits: ServeLimits) => ({
  type: 'object',
  required: ['q', 'source', 'target'],
  additionalProperties: false,
  properties: {
    q: {
      anyOf: [
        { type: 'string', maxLength: limits.charsPerText },
        { type: 'array', maxItems: limits.textsPerRequest, items: { type: 'string', maxLength: limits.charsPerText } },
      ],
    },
    source: { type: 'string', maxLength: 16 },
    target: { type: 'string', maxLength: 16 },
    format: { type: 'string', maxLength: 16 },
    // Form data sends numbers as text.
    alternatives: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^[0-9]{1,6}$' },
      ],
    },
    api_key: { type: 'string', maxLength: 512 },
    ...IGNORED,
  },
});

const detectSchema = (limits: ServeLimits) => ({
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: { q: { type: 'string', maxLength: limits.charsPerText }, api_key: { type: 'string', maxLength: 512 }, ...IGNORED },
});

interface TranslateBody {
  q: string | string[];
  source: string;
  target: string;
  format?: string;
  alternatives?: number | string;
  api_key?: string;
}

/** What lv2en adds to a translation: per sentence, its source, English, glossary hits and flags. */
const extras = (result: QueryTranslation) => ({
  segments: result.segments.map(sentenceRecord),
  ...(result.alternatives.length > 0 ? { alternatives: result.alternatives.map((a) => ({ segments: a.segments })) } : {}),
});

const sentenceRecord = (s: Segment) => ({
  id: s.id,
  kind: s.kind,
  source: s.source,
  target: s.target,
  glossary: s.glossary,
  flags: s.flags,
});

function checkLanguages(source: string, target: string): void {
  if (!SOURCES.includes(source))
    throw new HttpError(400, `${source} is not supported`, 'lv2en translates Latvian: set source to lv (or auto)');
  if (target !== ENGLISH) throw new HttpError(400, `${target} is not supported`, 'lv2en translates into English: set target to en');
}

const countSentences = (results: readonly QueryTranslation[]) =>
  results.reduce((n, r) => n + r.segments.filter((s) => s.kind === 'sentence').length, 0);

export async function libreTranslateRoutes(app: FastifyInstance, context: LibreTranslateContext): Promise<void> {
  const { lv2en, limits, metrics, downloads } = context;

  app.get('/languages', { config: { access: 'open' } }, async () => LANGUAGES);

  app.get('/frontend/settings', { config: { access: 'open' } }, async () => ({
    charLimit: limits.charsPerText,
    frontendTimeout: 500,
    apiKeys: context.apiKeys,
    keyRequired: context.apiKeys,
    suggestions: false,
    filesTranslation: true,
    supportedFilesFormat: lv2en.readableFiles.map((t) => t.extension),
    language: { source: { code: LATVIAN, name: 'Latvian' }, target: { code: ENGLISH, name: 'English' } },
  }));

  app.post('/detect', { schema: { body: detectSchema(limits) } }, async (request) => {
    const { q } = request.body as { q: string };
    if (q === '') throw new HttpError(400, 'Invalid request: missing q parameter');
    return detectLanguages(q);
  });

  app.post('/translate', { schema: { body: translateSchema(limits) } }, async (request) => {
    const body = request.body as TranslateBody;
    const many = Array.isArray(body.q);
    const texts = many ? (body.q as string[]) : [body.q as string];
    if (texts.length === 0 || (!many && texts[0] === '')) throw new HttpError(400, 'Invalid request: missing q parameter');
    checkLanguages(body.source, body.target);
    const format = body.format ?? 'text';
    if (format !== 'text' && format !== 'html') throw new HttpError(400, `${format} format is not supported`, 'Send format text or html');
    const alternatives = Number(body.alternatives ?? 0);
    if (alternatives > limits.alternatives)
      throw new HttpError(400, `Invalid request: alternatives parameter must be <= ${limits.alternatives}`);
    let detected: DetectedLanguage[] | null = null;
    if (body.source === 'auto') {
      const found = await Promise.all(texts.map((text) => detectLatvian(text)));
      const other = found.findIndex((f) => !f.latvian);
      if (other !== -1) {
        const { language, confidence } = found[other]!.detected;
        throw new HttpError(
          400,
          `${many ? `text ${other + 1} looks` : 'the text looks'} like ${language} (confidence ${confidence}), not Latvian: lv2en translates Latvian only`,
          'Send Latvian text, or set source to lv if it is Latvian',
          { detectedLanguage: found[other]!.detected },
        );
      }
      detected = found.map((f) => f.detected);
    }
    // HTML is read as a web page and comes back with its markup, the English in place (no alternatives, as on LibreTranslate).
    const results = await Promise.all(texts.map((text) => lv2en.translateQuery(text, { alternatives, format })));
    metrics.translated(countSentences(results));
    const altTexts = (r: QueryTranslation) => r.alternatives.map((a) => a.translatedText);
    if (!many) {
      const [result] = results;
      return {
        translatedText: result!.translatedText,
        ...(alternatives > 0 ? { alternatives: altTexts(result!) } : {}),
        ...(detected ? { detectedLanguage: detected[0] } : {}),
        lv2en: extras(result!),
      };
    }
    return {
      translatedText: results.map((r) => r.translatedText),
      ...(alternatives > 0 ? { alternatives: results.map(altTexts) } : {}),
      ...(detected ? { detectedLanguage: detected } : {}),
      lv2en: results.map(extras),
    };
  });

  // Files: multipart, parsed only on this route, the file kept in memory up to the limit.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: limits.fileBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
      onFile: async (part) => {
        (part as unknown as { value: unknown }).value = { filename: part.filename, bytes: await part.toBuffer() };
      },
    });
    scope.post(
      '/translate_file',
      {
        schema: {
          body: {
            type: 'object',
            required: ['file', 'source', 'target'],
            additionalProperties: false,
            properties: {
              file: { type: 'object' },
              source: { type: 'string', maxLength: 16 },
              target: { type: 'string', maxLength: 16 },
              api_key: { type: 'string', maxLength: 512 },
              ...IGNORED,
            },
          },
        },
      },
      async (request) => {
        const body = request.body as { file: { filename?: string; bytes?: Buffer }; source: string; target: string };
        if (!body.file?.bytes || !body.file.filename) throw new HttpError(400, 'Invalid request: missing file parameter');
        checkLanguages(body.source, body.target);
        const translated = await lv2en.translateUpload({ name: body.file.filename, bytes: body.file.bytes });
        metrics.translated(translated.segments.filter((s) => s.kind === 'sentence').length);
        const segment = downloads.add({ name: translated.name, mediaType: translated.mediaType, bytes: translated.bytes });
        return {
          translatedFileUrl: `${request.protocol}://${request.host}/download_file/${encodeURIComponent(segment)}`,
          lv2en: { name: translated.name, segments: translated.segments.map(sentenceRecord) },
        };
      },
    );
  });

  app.get('/download_file/:file', { config: { access: 'open' } }, async (request, reply) => {
    const file = downloads.get((request.params as { file: string }).file);
    if (!file) throw new HttpError(404, 'no such file', 'Translated files are kept for an hour: translate the file again');
    return (
      reply
        .type(file.mediaType)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        // A translated web page is the client's markup: never a page of this origin.
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(Buffer.from(file.bytes))
    );
  });
}
