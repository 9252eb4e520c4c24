import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateFile, type DocumentResult } from '../../src/index.js';
import { hostileDocument, renderFormat, segment } from './helpers.js';
import { validate, type SchemaName } from './schemas.js';

const fixture = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DOCUMENTS = {
  example: fixture('../../examples/belarus-2020-09.lv.txt'),
  hostile: fixture('../fixtures/hostile/hostile.lv.txt'),
};
const FORMAT_SCHEMAS: readonly [format: string, suffix: string, schemas: SchemaName[]][] = [
  ['xlf', '.xlf', ['xliff-2.1+metadata']],
  ['v12.xlf', '.v12.xlf', ['xliff-1.2-strict', 'xliff-1.2-transitional']],
  ['tmx', '.tmx', ['tmx-1.4b']],
];

describe.each(Object.entries(DOCUMENTS))('the %s article through the pipeline', (_name, input) => {
  let outDir: string;
  let result: DocumentResult;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'lv2en-schemas-'));
    result = await translateFile(input, { model: 'toy', outDir, formats: ['tmx', 'xlf', 'v12.xlf'], memory: false });
  });

  it.each(FORMAT_SCHEMAS)('writes %s valid against its schemas', async (_format, suffix, schemas) => {
    const path = result.outputs.find((p) => p.endsWith(suffix) && !(suffix === '.xlf' && p.endsWith('.v12.xlf')))!;
    const xml = await readFile(path, 'utf8');
    for (const schema of schemas) expect(await validate(schema, xml), schema).toEqual({ valid: true, errors: [] });
  });
});

describe('hostile text given to the writers directly (NUL and lone surrogates included)', () => {
  const segments = hostileDocument();

  it.each(FORMAT_SCHEMAS)('%s is valid against its schemas', async (format, _suffix, schemas) => {
    const xml = renderFormat(format, 'doc<&>"\u0001name', segments);
    for (const schema of schemas) expect(await validate(schema, xml), schema).toEqual({ valid: true, errors: [] });
  });

  it('an empty document is valid too', async () => {
    for (const [format, , schemas] of FORMAT_SCHEMAS)
      for (const schema of schemas) expect((await validate(schema, renderFormat(format, 'empty', []))).errors, schema).toEqual([]);
  });
});

describe('the validators reject what the schemas forbid', () => {
  const xlf2 = renderFormat('xlf', 'doc', [segment(1, 0, 'Teikums.', 'Sentence.')]);
  const xlf12 = renderFormat('v12.xlf', 'doc', [segment(1, 0, 'Teikums.', 'Sentence.'), segment(2, 0, 'Otrs.', 'Second.')]);
  const tmx = renderFormat('tmx', 'doc', [segment(1, 0, 'Teikums.', 'Sentence.')]);

  it('XLIFF 2: an unknown state and a broken metadata module', async () => {
    expect((await validate('xliff-2.1+metadata', xlf2.replace('state="translated"', 'state="machine"'))).valid).toBe(false);
    expect((await validate('xliff-2.1+metadata', xlf2.replace(/<mda:meta type="kind">/, '<mda:meta>'))).valid).toBe(false);
  });

  it('XLIFF 1.2: context-group names that repeat within a file (what lv2en wrote before)', async () => {
    const repeated = xlf12.replace(/name="lv2en:\d+"/g, 'name="lv2en"');
    for (const schema of ['xliff-1.2-strict', 'xliff-1.2-transitional'] as const) {
      const { valid, errors } = await validate(schema, repeated);
      expect(valid, schema).toBe(false);
      expect(errors.join('\n'), schema).toMatch(/U_context-group_name/);
    }
  });

  it('TMX: a header without its required attributes', async () => {
    expect((await validate('tmx-1.4b', tmx.replace(/ segtype="sentence"/, ''))).valid).toBe(false);
  });
});
