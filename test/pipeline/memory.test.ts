import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { translateFile, type RunEvent } from 'lv2en';
import { importReviewFile } from '../../src/review/import.js';
import { openReviewed } from '../helpers/reviewed.js';
import { changeTarget } from '../review/cat-tool.js';

const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));

async function run(outDir: string, memory: string, extra: { fresh?: boolean; formats?: string[] } = {}) {
  const events: RunEvent[] = [];
  const result = await translateFile(example, { model: 'toy', outDir, memory, ...extra, onEvent: (e) => events.push(e) });
  const stats = events.find((e): e is Extract<RunEvent, { type: 'memory' }> => e.type === 'memory');
  return { result, stats };
}

describe('the translation memory across runs', () => {
  it('a second run over the same text makes zero model calls', async () => {
    const memory = join(await mkdtemp(join(tmpdir(), 'lv2en-memory-')), 'tm.sqlite');
    const first = await run(await mkdtemp(join(tmpdir(), 'lv2en-m1-')), memory);
    expect(first.stats!.misses).toBeGreaterThan(0);
    // Another output folder and --fresh: no stage result to reuse, only the memory.
    const second = await run(await mkdtemp(join(tmpdir(), 'lv2en-m2-')), memory, { fresh: true });
    expect(second.result.ran).toContain('translate');
    expect(second.stats).toMatchObject({ misses: 0, modelBatches: 0 });
    expect(second.stats!.hits).toBe(first.stats!.misses);
    expect(second.result.segments.map((s) => s.target)).toEqual(first.result.segments.map((s) => s.target));
  });

  it('a reviewer’s correction in the XLIFF comes back in the next run, flagged and still checked', async () => {
    const memory = join(await mkdtemp(join(tmpdir(), 'lv2en-memory-')), 'tm.sqlite');
    const outDir = await mkdtemp(join(tmpdir(), 'lv2en-review-run-'));
    const { result: first } = await run(outDir, memory, { formats: ['jsonl', 'xlf'] });
    const sentence = first.segments.find((s) => s.source.includes('80,1%'))!;
    const corrected = 'Officially, he won 80.1% of the vote, while Tsikhanouskaya was credited with only 10.1%.';
    const reviewed = join(outDir, 'reviewed.xlf');
    await writeFile(
      reviewed,
      changeTarget(await readFile(join(outDir, 'belarus-2020-09.xlf'), 'utf8'), 'unit', 'id', sentence.id, 'target', corrected),
    );
    const store = openReviewed(memory);
    try {
      expect((await importReviewFile(reviewed, store)).stored).toMatchObject({ added: 1 });
    } finally {
      store.close();
    }

    const { result: second, stats } = await run(outDir, memory, { formats: ['jsonl', 'xlf'] });
    expect(second.reused).toEqual(['segment']); // the import changed the translate stage's key
    expect(stats?.misses ?? 0).toBe(0);
    const again = second.segments.find((s) => s.id === sentence.id)!;
    expect(again.target).toBe(corrected);
    expect(again.flags).toContain('tm:reviewed');
    expect(again.flags.some((f) => f.startsWith('number-'))).toBe(false);
    expect(second.segments.filter((s) => s.flags.includes('tm:reviewed'))).toHaveLength(1);
    expect(await readFile(join(outDir, 'belarus-2020-09.xlf'), 'utf8')).toContain(corrected);
  });
});
