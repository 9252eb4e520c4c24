import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from 'lv2en';
import { createLv2en, type RunEvent } from 'lv2en';

const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));

describe('the public API', () => {
  it('exports exactly these names', () => {
    // A change here is a change of the published API: add to it on purpose, and say so in the README.
    expect(Object.keys(api).sort()).toEqual([
      'DEFAULT_FORMATS',
      'ERROR_EXIT_CODES',
      'FORMAT_LABEL',
      'INTERNAL_ERROR_EXIT',
      'LATVIAN',
      'LV2EN_VERSION',
      'Lv2enError',
      'READABLE_FILE_TYPES',
      'REVIEW_STATES',
      'RunTally',
      'TextPositions',
      'cacheRoot',
      'createLv2en',
      'describeFlag',
      'describeReadableFiles',
      'detectLanguages',
      'detectLatvian',
      'environmentError',
      'findModel',
      'findTerms',
      'flagName',
      'flagSeverity',
      'formatDiagnostic',
      'formatQueueStatus',
      'inputFormatNames',
      'latvianSrx',
      'listJobFolders',
      'liveOverlay',
      'loadGlossary',
      'loadModelsConfig',
      'needsReview',
      'outputFormatNames',
      'positionAt',
      'prepareLanguageDetection',
      'queueStatus',
      'readDocument',
      'readDocumentStream',
      'rebuildLayout',
      'registeredFlags',
      'segment',
      'stageNames',
      'startWorker',
      'translateFile',
      'translateFiles',
      'translateText',
    ]);
  });
});

describe('one session for many files', () => {
  it('loads the model once for three files, and its results equal one-shot runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-session-'));
    const text = await readFile(example, 'utf8');
    const paragraphs = text.split('\n\n');
    const files = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const path = join(dir, `part${i}.lv.txt`);
        await writeFile(path, paragraphs.filter((_, j) => j % 3 === i).join('\n\n'));
        return path;
      }),
    );
    const events: RunEvent[] = [];
    const lv2en = await createLv2en({ model: 'toy', memory: false, onEvent: (e) => events.push(e) });
    const results = [];
    for (const file of files) results.push(await lv2en.translateFile(file, { outDir: join(dir, 'out') }));
    await lv2en.close();
    expect(events.filter((e) => e.type === 'model-loading')).toHaveLength(1);
    expect(results.map((r) => r.ran)).toEqual(files.map(() => ['ingest', 'segment', 'translate', 'glossary', 'qa', 'write']));

    const alone = await api.translateFile(files[1]!, { model: 'toy', memory: false, outDir: join(dir, 'alone') });
    expect(await readFile(join(dir, 'out', 'part1.jsonl'), 'utf8')).toBe(await readFile(join(dir, 'alone', 'part1.jsonl'), 'utf8'));
    expect(alone.segments.map((s) => s.target)).toEqual(results[1]!.segments.map((s) => s.target));
  });

  it('hands a loaded glossary back in, and serves the glossary and segmentation tools', async () => {
    const glossary = await api.loadGlossary();
    await using lv2en = await createLv2en({ model: 'toy', memory: false, glossary });
    const [segment] = await lv2en.translateText('Tihanovska aicina Eiropu rīkoties.');
    expect(segment!.target).toContain('Tsikhanouskaya');
    expect(lv2en.segment('Pirmais teikums. Otrais teikums.').map((s) => s.text)).toEqual(['Pirmais teikums.', 'Otrais teikums.']);
    expect(lv2en.glossaryForms('Tihanovska').cells.map((c) => c.form)).toContain('Tihanovskai');
    expect((await lv2en.checkGlossary()).ok).toBe(true);
  });

  it('refuses a damaged review file whole, with its own error code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-damaged-'));
    const file = join(dir, 'cut.xlf');
    await writeFile(
      file,
      '<?xml version="1.0"?><xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"><unit id="1">',
    );
    await using lv2en = await createLv2en({ model: 'toy', memory: join(dir, 'tm.sqlite') });
    await expect(lv2en.importReview([file])).rejects.toMatchObject({ code: 'REVIEW_FILE_INVALID', exitCode: 6 });
  });

  it('refuses threads that are not a whole number, with a typed error', async () => {
    await expect(createLv2en({ model: 'toy', threads: Number('abc') })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
