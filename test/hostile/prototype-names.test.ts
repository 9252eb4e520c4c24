import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flagName, flagSeverity, describeFlag } from '../../src/flags/index.js';
import { checkFormats, outputFormatNames, readReviewText } from '../../src/formats/index.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { parseTsv } from '../../src/formats/tsv.js';
import { applyGlossary, findTerms, glossaryFromYaml, type Glossary } from '../../src/glossary/index.js';
import { createLv2en, type DocumentResult, findModel, loadModelsConfig, Lv2enError, segment } from '../../src/index.js';
import { checkNumbers, runQa } from '../../src/qa/index.js';
import { rebuildReviewPages } from '../../src/review/rebuild.js';

/**
 * Every name a plain object answers without owning it: text that equals one of
 * them must be text to every table lv2en keeps (a plain `{}` lookup of
 * "constructor" returns a function, of "__proto__" an object).
 */
const TRAPS = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    ...Object.getOwnPropertyNames(Array.prototype).filter((n) => /^[a-z_]+$/i.test(n)),
    '__proto__',
    'prototype',
    'constructor',
    'then',
  ]),
].filter((n) => /^[A-Za-z_]+$/.test(n));

/** The trap words as Latvian text: in the middle of a sentence, next to numbers, capitalised, and alone. */
const sentenceWith = (trap: string) => `Vārds ${trap} ir 5 reizes ${trap}, ${trap} ir 80,1%.`;
const TEXT = `${TRAPS.map(sentenceWith).join('\n\n')}\n\n${TRAPS.join(' ')}.\n`;

const trapGlossary = (): Glossary =>
  glossaryFromYaml(
    `terms:\n${TRAPS.map((trap, i) => `  - lemma: "${trap}"\n    target: "${TRAPS[(i + 1) % TRAPS.length]}"\n    type: other\n`).join('')}`,
  );

describe('prototype names as text', () => {
  it('has a real list of traps', () => {
    expect(TRAPS).toEqual(
      expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']),
    );
    expect(TRAPS.length).toBeGreaterThan(30);
  });

  it('segmentation: one sentence per trap sentence, the sources are the text', () => {
    const spans = segment(TEXT);
    expect(spans).toHaveLength(TRAPS.length + 1);
    for (const [i, trap] of TRAPS.entries()) expect(spans[i]!.text).toBe(sentenceWith(trap));
    for (const span of spans) expect(TEXT.slice(span.start, span.end)).toBe(span.text);
  });

  it('glossary: traps as lemmas and targets load, match, and are repaired or reported missing', () => {
    const glossary = trapGlossary();
    let repaired = 0;
    expect(glossary.entries).toHaveLength(TRAPS.length);
    for (const [i, trap] of TRAPS.entries()) {
      const source = sentenceWith(trap);
      const terms = findTerms(source, glossary);
      // The glossary's words are letters and digits: "__proto__" is the word "proto" between underscores.
      const word = trap.replace(/^_+|_+$/g, '');
      expect(terms.map((t) => t.surface)).toEqual([word, word, word]);
      const wanted = TRAPS[(i + 1) % TRAPS.length]!;
      const result = applyGlossary(source, `The word ${trap} is 5 times ${trap}.`, glossary);
      expect(result.hits).toHaveLength(3);
      if (result.target.includes(wanted)) repaired++;
      else expect(result.hits.map((h) => h.status)).toEqual(['missing', 'missing', 'missing']);
    }
    expect(repaired).toBeGreaterThan(TRAPS.length / 2);
  });

  it('QA: traps in source and translation are words, never table entries', () => {
    for (const trap of TRAPS) {
      expect(checkNumbers(sentenceWith(trap), `The word ${trap} is 5 times ${trap}, ${trap} is 80.1%.`)).toEqual({
        missing: [],
        latvianNotation: [],
      });
      expect(checkNumbers('Viņš ieradās 5 reizes.', `He came ${trap} times.`).missing.map((e) => e.surface)).toEqual(['5']);
      const [checked] = runQa([
        {
          id: '1',
          paragraph: 0,
          start: 0,
          end: 5,
          source: `${trap} 5`,
          kind: 'sentence',
          target: `${trap} ${trap}`,
          glossary: [],
          flags: [],
        },
      ]);
      expect(checked!.flags.map(flagName)).toContain('number-missing');
    }
  });

  it('flags named after traps are unknown flags: warnings described by their name', () => {
    for (const trap of TRAPS) {
      expect(flagName(`${trap}:x`)).toBe(trap);
      expect(flagSeverity(trap)).toBe('warning');
      expect(describeFlag(trap)).toContain(trap);
    }
  });

  it('format names and model names: refused as unknown, with the typed error', async () => {
    const config = await loadModelsConfig();
    for (const trap of TRAPS) {
      expect(() => checkFormats([trap])).toThrow(Lv2enError);
      expect(() => findModel(config, trap)).toThrow(expect.objectContaining({ code: 'MODEL_UNKNOWN' }));
    }
    expect(outputFormatNames()).toEqual(['jsonl', 'tsv', 'txt', 'tmx', 'xlf', 'v12.xlf', 'html']);
  });

  it('models named after traps in a models config are models like any other', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-trap-models-'));
    const path = join(dir, 'models.config.yaml');
    const models = TRAPS.map(
      (trap) => `  ${trap}:\n    description: trap\n    fixture: true\n    source: { generated: toy }\n    dtype: fp32\n`,
    );
    await writeFile(path, `default: __proto__\nmodels:\n${models.join('')}`);
    const config = await loadModelsConfig(path);
    expect([...config.models.keys()]).toEqual(TRAPS);
    for (const trap of TRAPS) expect(findModel(config, trap).name).toBe(trap);
    const lv2en = await createLv2en({ modelsConfig: path, model: 'constructor', memory: false, glossary: null });
    try {
      expect((await lv2en.translateText('Tihanovska pirmdien tikās ar ministriem.'))[0]!.target).toMatch(/Monday/);
    } finally {
      await lv2en.close();
    }
  });
});

describe('prototype names through the whole pipeline (toy model, glossary, every writer)', () => {
  let dir: string;
  let result: DocumentResult;
  const output = (suffix: string) => result.outputs.find((p) => p.endsWith(suffix) && !(suffix === '.xlf' && p.endsWith('.v12.xlf')))!;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-traps-'));
    await writeFile(join(dir, 'traps.lv.txt'), TEXT);
    const lv2en = await createLv2en({ model: 'toy', memory: false, glossary: trapGlossary(), formats: outputFormatNames() });
    try {
      result = await lv2en.translateFile(join(dir, 'traps.lv.txt'), { outDir: join(dir, 'out') });
    } finally {
      await lv2en.close();
    }
  });

  it('translates every sentence; each trap term is enforced or flagged missing', () => {
    expect(result.segments).toHaveLength(TRAPS.length + 1);
    for (const [i, trap] of TRAPS.entries()) {
      const s = result.segments[i]!;
      expect(s.source).toBe(sentenceWith(trap));
      const enforced = s.target!.includes(TRAPS[(i + 1) % TRAPS.length]!);
      expect(enforced || s.flags.map(flagName).includes('glossary-missing'), `${trap}: ${s.target} ${s.flags}`).toBe(true);
    }
    expect(result.segments.filter((s, i) => s.target!.includes(TRAPS[(i + 1) % TRAPS.length]!)).length).toBeGreaterThan(TRAPS.length / 2);
  });

  it('every writer’s output reads back with the same sources and targets', async () => {
    const expected = result.segments.map((s) => [s.id, s.source, s.target]);
    const jsonl = parseJsonl(await readFile(output('.jsonl'), 'utf8'));
    expect(jsonl.map((s) => [s.id, s.source, s.target])).toEqual(expected);
    expect(parseTsv(await readFile(output('.tsv'), 'utf8')).map((r) => [r.id, r.source, r.target])).toEqual(expected);
    expect(await readFile(output('.en.txt'), 'utf8')).toContain(result.segments[0]!.target);
    for (const suffix of ['.tmx', '.xlf', '.v12.xlf']) {
      const read = readReviewText(await readFile(output(suffix), 'utf8'), suffix);
      expect(
        read.units.map((u) => [u.source, u.target]),
        suffix,
      ).toEqual(result.segments.map((s) => [s.source, s.target]));
    }
    const page = await readFile(output('.html'), 'utf8');
    for (const trap of TRAPS) expect(page).toContain(trap);
  });

  it('the review page rebuilds from the JSONL', async () => {
    const [page] = await rebuildReviewPages(output('.jsonl'), { outDir: join(dir, 'rebuilt') });
    expect(page!.segments).toBe(TRAPS.length + 1);
  });
});
