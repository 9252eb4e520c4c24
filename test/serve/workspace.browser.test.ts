import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/index.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, skipBrowserTests as skip } from '../helpers/chromium.js';
import { jobsFolder, startServer, json } from './helpers.js';

/**
 * The live workspace in Debian's chromium, two reviewers in two browser
 * contexts on one job: an edit, its verdict, the other reviewer seeing it, a
 * stale save refused, a re-export. `.ci/run` installs chromium.
 */
const lacksTerm = 'Officially, he won 80.1% of the vote, while the opposition leader got 10.1%.';

describe.skipIf(skip)('the live review workspace in chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let outDir: string;
  let segments: Segment[];
  let browser: Browser;
  const reviewers: { context: BrowserContext; page: Page; problems: string[]; requests: string[] }[] = [];
  let pageUrl: string;

  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const reviewer = { context, page, problems: [] as string[], requests: [] as string[] };
    page.on('request', (request) => reviewer.requests.push(request.url()));
    page.on('pageerror', (error) => reviewer.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        reviewer.problems.push(`console ${message.type()}: ${message.text()}`);
    });
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-live="connected"]', { timeout: 10_000 });
    reviewers.push(reviewer);
    return reviewer;
  };
  /** Waits until the element's text is `test` (or matches it). A function, not a string: the page's CSP forbids eval. */
  const untilText = (page: Page, selector: string, test: string | RegExp, timeout = 5000) =>
    page.waitForFunction(
      ([where, exact, pattern]) => {
        const dom = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        const text = dom.querySelector(where)?.textContent ?? '';
        return pattern ? new RegExp(pattern).test(text) : text === exact;
      },
      [selector, typeof test === 'string' ? test : '', typeof test === 'string' ? '' : test.source] as const,
      { timeout },
    );
  const edit = async (page: Page, id: string, text: string) => {
    await page.locator(`#seg-${id} .tgt`).click();
    await page.locator(`#seg-${id} .tgt textarea`).fill(text);
    await page.locator(`#seg-${id} .tgt textarea`).press('Enter');
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or LV2EN_SKIP_BROWSER_TESTS=1 to skip this suite)`);
    const memory = join(await mkdtemp(join(tmpdir(), 'lv2en-live-memory-')), 'translations.sqlite');
    const jobs = await jobsFolder('live', memory, ['jsonl', 'txt', 'html', 'xlf']);
    ({ outDir, segments } = jobs);
    server = await startServer({ jobs: jobs.root, session: { memory } });
    pageUrl = `${server.url}/review/${encodeURIComponent('out/live')}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits a segment and shows the server’s glossary verdict; a second reviewer sees the save', async () => {
    const [a, b] = [await open(), await open()];
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    expect(await a.page.locator(`#seg-${flagged.id} .badge[data-flag="number-format"]`).count()).toBe(1);
    await edit(a.page, flagged.id, lacksTerm);
    // The verdict comes from the server: the edit drops Tsikhanouskaya, and it is now a reviewed translation.
    await a.page.waitForSelector(`#seg-${flagged.id} .badge.warn[data-flag="glossary-missing"]`, { timeout: 5000 });
    expect(await a.page.locator(`#seg-${flagged.id} .badge[data-flag="tm:reviewed"]`).count()).toBe(1);
    expect(await a.page.locator(`#seg-${flagged.id} .badge[data-flag="number-format"]`).count()).toBe(0);
    expect(await a.page.locator(`#seg-${flagged.id} .src mark.term.missing`).count()).toBeGreaterThan(0);
    expect(await a.page.locator('#live-status').getAttribute('data-approved')).toBe('1');
    // The other reviewer's page follows without a reload.
    await untilText(b.page, `#seg-${flagged.id} .tgt`, lacksTerm);
    expect(await b.page.locator(`#seg-${flagged.id} .badge.warn[data-flag="glossary-missing"]`).count()).toBe(1);
    expect(await b.page.locator('#counter').getAttribute('data-reviewed')).toBe('1');
  });

  it('refuses a save made on a version someone else saved over, with the current text and a notice', async () => {
    const [a, b] = reviewers;
    const sentence = segments.filter((s) => s.kind === 'sentence' && !s.source.includes('80,1%'))[2]!;
    // B starts editing; A saves the same segment first.
    await b!.page.locator(`#seg-${sentence.id} .tgt`).click();
    await b!.page.locator(`#seg-${sentence.id} .tgt textarea`).fill('B’s version, typed on the old one.');
    await edit(a!.page, sentence.id, 'A’s version.');
    await a!.page.waitForSelector(`#seg-${sentence.id} .badge[data-flag="tm:reviewed"]`, { timeout: 5000 });
    await b!.page.locator(`#seg-${sentence.id} .tgt textarea`).press('Enter');
    await untilText(b!.page, '#notice', /saved by someone else first/);
    expect(await b!.page.locator('#notice').textContent()).toContain('B’s version, typed on the old one.');
    await untilText(b!.page, `#seg-${sentence.id} .tgt`, 'A’s version.');
    const state = (await json(await fetch(`${server.url}/api/jobs/out%2Flive/segments`))).segments.find(
      (s: { id: string }) => s.id === sentence.id,
    );
    expect(state).toMatchObject({ target: 'A’s version.', version: 1 });
  });

  it('re-exports: the .jsonl carries tm:reviewed and the glossary verdict of the edit', async () => {
    const [a, b] = reviewers;
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    expect(await a!.page.locator('#export').textContent()).toBe('Re-export');
    await a!.page.click('#export');
    await untilText(a!.page, '#notice', /^Re-exported: /, 15_000).catch(async (error) => {
      throw new Error(`${error}; the notice says: ${await a!.page.locator('#notice').textContent()}`);
    });
    // The other page hears of it; the one that asked keeps its own answer.
    await untilText(b!.page, '#notice', /^Re-exported by another reviewer: .*live\.jsonl/);
    expect(await a!.page.locator('#notice').textContent()).toMatch(/^Re-exported: /);
    const jsonl = (await readFile(join(outDir, 'live.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Segment);
    const record = jsonl.find((s) => s.id === flagged.id)!;
    expect(record.target).toBe(lacksTerm);
    expect(record.flags).toEqual(expect.arrayContaining(['tm:reviewed', 'glossary-missing']));
    expect(record.glossary.find((h) => h.target === 'Tsikhanouskaya')?.status).toBe('missing');
  });

  it('keeps hostile segment text inert: shown as text, nothing run, nothing fetched elsewhere, no CSP violation', async () => {
    for (const { page, problems, requests } of reviewers) {
      expect(await page.evaluate('typeof window.__lv2enPwned')).toBe('undefined');
      expect(await page.locator('#rows script, #rows img, #rows a, #rows iframe').count()).toBe(0);
      const scriptRow = segments.find((s) => s.source.includes('<script>'))!;
      expect(await page.locator(`#seg-${scriptRow.id} .src`).textContent()).toBe(scriptRow.source);
      expect(requests.every((url) => url.startsWith(server.url))).toBe(true);
      // The browser logs the 409 of the stale save; nothing else may show up.
      expect(problems.filter((p) => !p.includes('status of 409 (Conflict)'))).toEqual([]);
    }
  });
});
