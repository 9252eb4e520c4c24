import { describe, expect, it } from 'vitest';
import { runTorture } from '../../scripts/torture.js';

/** The short torture run: `npm run torture` with the toy model, small files, and kills at commit points among the random ones. */
describe('torture: SIGKILL at random moments and at commit points, resumed each time', () => {
  it('ends byte-identical to an uninterrupted run, with nothing left over and at most the batch in flight redone per kill', async () => {
    const lines: string[] = [];
    const report = await runTorture({
      model: 'toy',
      files: 2,
      sentences: 16,
      // One of the two is a web page: its inline codes, tags stage and translated page are killed and resumed too.
      webPages: 1,
      kills: 10,
      commitKills: 5,
      seed: 7,
      log: (l) => lines.push(l),
    });
    console.log(lines.join('\n'));
    expect(report.kills.length).toBeGreaterThanOrEqual(10);
    expect(report.kills.filter((k) => k.kind === 'commit').length).toBe(5);
    expect(report.differing).toEqual([]);
    expect(report.identical).toBe(report.outputs);
    expect(report.outputs).toBeGreaterThanOrEqual(8);
    expect(report.compared).toContain('doc1.en.html');
    expect(report.temporaryFiles).toEqual([]);
    expect(report.integrity).toEqual([]);
    expect(report.worstRedonePerKill).toBeLessThanOrEqual(report.largestBatch);
    for (const lost of report.lostPerKill) expect(lost).toBeLessThanOrEqual(report.largestBatch);
  }, 180_000);
});
