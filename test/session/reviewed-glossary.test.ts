import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

describe('a reviewed translation against the glossary', () => {
  it('is checked for every term: a missing target is flagged glossary-missing and never rewritten', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-reviewed-'));
    const memory = join(dir, 'tm.sqlite');
    const source = 'Tihanovska aicina Eiropu rīkoties.';
    const reviewed = 'Tikhanovskaya urges Europe to act.';
    await writeFile(join(dir, 'doc.lv.txt'), `${source}\n`);
    await writeFile(
      join(dir, 'doc.edits.json'),
      JSON.stringify({
        format: 'lv2en-review-edits',
        version: 1,
        document: 'doc',
        exportedAt: new Date(0).toISOString(),
        segments: [{ id: '1', source, target: reviewed, machineTarget: null, edited: true }],
      }),
    );
    await run(process.execPath, [cli, 'review', 'import', 'doc.edits.json', '--memory', memory], { cwd: dir });
    await run(process.execPath, [cli, 'translate', 'doc.lv.txt', '--model', 'toy', '--memory', memory, '-o', 'out', '-q'], { cwd: dir });

    const [record] = (await readFile(join(dir, 'out', 'doc.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record.target).toBe(reviewed);
    expect(record.flags).toEqual(expect.arrayContaining(['tm:reviewed', 'glossary-missing']));
    expect(record.glossary).toEqual([expect.objectContaining({ lemma: 'Tihanovska', target: 'Tsikhanouskaya', status: 'missing' })]);
  });

  it('that carries the term is marked found', async () => {
    const { createLv2en } = await import('lv2en');
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-reviewed-'));
    const source = 'Tihanovska aicina Eiropu rīkoties.';
    const edits = join(dir, 'doc.edits.json');
    await writeFile(
      edits,
      JSON.stringify({
        format: 'lv2en-review-edits',
        version: 1,
        document: 'doc',
        exportedAt: new Date(0).toISOString(),
        segments: [{ id: '1', source, target: 'Tsikhanouskaya urges Europe to act.', machineTarget: null, edited: true }],
      }),
    );
    await using lv2en = await createLv2en({ model: 'toy', memory: join(dir, 'tm.sqlite') });
    await lv2en.importReview([edits]);
    const [segment] = await lv2en.translateText(source);
    expect(segment!.flags).toEqual(['tm:reviewed']);
    expect(segment!.glossary.map((h) => h.status)).toEqual(['found']);
  });
});
