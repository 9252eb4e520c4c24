import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { claimOutputFolder } from '../../src/pipeline/output-folder.js';
import { outputsOf, runCli, temporaryFilesUnder } from './helpers.js';

const V1 = 'Tihanovska pirmdien tikās ar ministriem.\n\nTikmēr Minskā svētdien atkal notika plašs protesta gājiens.\n';
const V2 = V1.replace('ministriem', 'žurnālistiem');
const FORMATS = ['jsonl', 'tsv', 'txt', 'html'];

/**
 * A second run, on changed input, is SIGKILLed at each rename of its commit in
 * turn (LV2EN_TEST_KILL_AT_RENAME). After the next start a document's outputs
 * must all be of one run, none missing; and a run on the first input must
 * give that input's outputs, never the killed run's.
 */
describe('a commit killed at each of its renames', () => {
  let dir: string;
  let session: Lv2en;
  let v1: Map<string, string>;
  let v2: Map<string, string>;
  let afterV1: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lv2en-commit-'));
    session = await createLv2en({ model: 'toy', formats: FORMATS });
    const reference = async (text: string, name: string) => {
      writeFileSync(join(dir, 'doc.lv.txt'), text);
      await session.translateFiles([join(dir, 'doc.lv.txt')], { outDir: join(dir, name) });
      return outputsOf(join(dir, name));
    };
    v2 = await reference(V2, 'v2');
    v1 = await reference(V1, 'v1');
    afterV1 = join(dir, 'v1');
  });

  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves one run’s complete set after the next start, and the first input’s own outputs on a re-run', async () => {
    expect([...v1.keys()]).toEqual(['doc.en.txt', 'doc.html', 'doc.jsonl', 'doc.provenance.json', 'doc.tsv']);
    expect(v1.get('doc.jsonl')).not.toEqual(v2.get('doc.jsonl'));
    const seen = new Set<string>();
    let renames = 0;
    for (let n = 1; n <= 30; n++) {
      const out = join(dir, `kill${n}`);
      cpSync(afterV1, out, { recursive: true });
      writeFileSync(join(dir, 'doc.lv.txt'), V2);
      const killed = await runCli(['translate', 'doc.lv.txt', '-o', out, '--model', 'toy', '-f', FORMATS.join(','), '-q'], dir, {
        LV2EN_TEST_KILL_AT_RENAME: String(n),
      });
      if (killed.signal !== 'SIGKILL') {
        expect(killed.code, killed.stderr).toBe(0);
        break;
      }
      renames = n;

      // The next start finishes or drops the commit before anything else.
      await (await claimOutputFolder(out))();
      const outputs = outputsOf(out);
      const version = outputs.get('doc.jsonl') === v2.get('doc.jsonl') ? 'v2' : 'v1';
      seen.add(version);
      expect(outputs, `kill at rename ${n}: a whole set of ${version}`).toEqual(version === 'v2' ? v2 : v1);
      expect(temporaryFilesUnder(out), `kill at rename ${n}`).toEqual([]);

      writeFileSync(join(dir, 'doc.lv.txt'), V1);
      await session.translateFiles([join(dir, 'doc.lv.txt')], { outDir: out });
      expect(outputsOf(out), `kill at rename ${n}, then the first input again`).toEqual(v1);
    }
    // An intent, four stage files, four outputs, the provenance sidecar and the manifest.
    expect(renames).toBe(11);
    // Kills before the intent is durable keep the old set; after it, the new one is rolled forward.
    expect([...seen].sort()).toEqual(['v1', 'v2']);
    // It kills and restarts the CLI at every commit rename: 37 s on a quiet 2-core machine, over 60 s when it is shared.
  }, 180_000);
});
