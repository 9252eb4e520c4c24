import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProvenanceFile, type Provenance } from '../../src/formats/index.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { attribute, children, descendants, inlineText, parseXmlRoot } from '../../src/formats/xml-read.js';
import { translateFile, LV2EN_VERSION, type DocumentResult } from '../../src/index.js';
import { rebuildReviewPages } from '../../src/review/rebuild.js';

const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));
const NAME = 'belarus-2020-09';

describe('every output records where its translations come from', () => {
  let outDir: string;
  let result: DocumentResult;
  let provenance: Provenance;
  const read = (suffix: string) => readFile(join(outDir, NAME + suffix), 'utf8');

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'lv2en-provenance-'));
    result = await translateFile(example, {
      model: 'toy',
      outDir,
      memory: false,
      formats: ['jsonl', 'tsv', 'txt', 'tmx', 'xlf', 'v12.xlf', 'html'],
    });
    provenance = parseProvenanceFile(await read('.provenance.json'))!;
  });

  it('a sidecar beside the JSONL names the model, its files’ hash, lv2en and the decoding; the JSONL stays records only', async () => {
    expect(result.outputs).toContain(join(outDir, `${NAME}.provenance.json`));
    expect(provenance).toEqual({
      model: 'toy',
      fixture: true,
      modelFiles: expect.stringMatching(/^[0-9a-f]{64}$/),
      lv2en: LV2EN_VERSION,
      decoding: {
        numBeams: expect.any(Number),
        maxNewTokens: expect.any(Number),
        lengthPenalty: expect.any(Number),
        earlyStopping: expect.anything(),
      },
    });
    expect(parseJsonl(await read('.jsonl'))).toHaveLength(result.segments.length);
  });

  it('TMX header props, an XLIFF 2 file metadata group and an XLIFF 1.2 header note carry it', async () => {
    const tmx = parseXmlRoot(await read('.tmx'));
    const props = children(children(tmx, 'header')[0]!, 'prop').map((p) => [attribute(p, 'type'), inlineText(p)]);
    expect(props).toEqual(
      expect.arrayContaining([
        ['x-lv2en-model', 'toy'],
        ['x-lv2en-model-fixture', 'true'],
        ['x-lv2en-model-files', provenance.modelFiles],
      ]),
    );
    const xlf = parseXmlRoot(await read('.xlf'));
    const group = descendants(xlf, 'metaGroup').find((g) => attribute(g, 'category') === 'lv2en-provenance')!;
    expect(children(group, 'meta').map((m) => [attribute(m, 'type'), inlineText(m)])).toEqual(
      expect.arrayContaining([
        ['model', 'toy'],
        ['model-fixture', 'true'],
        ['model-files-sha256', provenance.modelFiles],
        ['lv2en-version', LV2EN_VERSION],
      ]),
    );
    const v12 = parseXmlRoot(await read('.v12.xlf'));
    const note = descendants(v12, 'header')[0]!;
    expect(inlineText(children(note, 'note')[0]!)).toContain(`model toy (a test fixture, not a translator`);
  });

  it('the review page says the model is a test fixture, and says it again when rebuilt', async () => {
    for (const page of [
      await read('.html'),
      await rebuildReviewPages(join(outDir, '.lv2en', NAME), { outDir: join(outDir, 'rebuilt') }).then((p) => readFile(p[0]!.path, 'utf8')),
    ]) {
      const data = JSON.parse(
        page.slice(page.indexOf('id="lv2en-data">') + 16, page.indexOf('</script>', page.indexOf('id="lv2en-data">'))),
      );
      expect(data.provenance).toMatchObject({ fixture: true, model: 'toy', text: expect.stringContaining(provenance.modelFiles) });
      expect(page).toContain('<p id="provenance" hidden></p>');
    }
  });
});
