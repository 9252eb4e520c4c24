import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'parse5';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en, type Segment } from '../../src/index.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, skipBrowserTests as skip } from '../helpers/chromium.js';

/**
 * A web page's bold and italic words on the review page, in Debian's
 * chromium: the codes show as chips in both columns, a reviewer moves one by
 * moving its chip in the editor, a save that drops one is refused, and the
 * exported edits carry the codes where the reviewer left them, so the next
 * run writes the page with the bold where the reviewer put it.
 */
const PAGE = `<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>Ziņas</title></head>
<body>
<p>Svetlana <b>Tihanovska</b> pirmdien tikās ar <i>Eiropas Savienības</i> ārlietu ministriem.</p>
<p>Opozīcija neatzīst vēlēšanu rezultātus.</p>
</body></html>
`;

/** The text of every element named `name` in an HTML document, as parse5 reads it. */
function textsOf(html: string, name: string): string[] {
  type Node = { nodeName: string; value?: string; childNodes?: Node[] };
  const out: string[] = [];
  const text = (node: Node): string => (node.nodeName === '#text' ? node.value! : (node.childNodes ?? []).map(text).join(''));
  const walk = (node: Node) => {
    if (node.nodeName === name) out.push(text(node));
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return out;
}

describe.skipIf(skip)('inline codes on the review page in chromium', () => {
  let dir: string;
  let outDir: string;
  let lv2en: Lv2en;
  let segments: Segment[];
  let sentence: Segment;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or LV2EN_SKIP_BROWSER_TESTS=1 to skip this suite)`);
    dir = await mkdtemp(join(tmpdir(), 'lv2en-chips-'));
    outDir = join(dir, 'out');
    await writeFile(join(dir, 'news.html'), PAGE);
    lv2en = await createLv2en({ model: 'toy', memory: join(dir, 'memory.sqlite') });
    segments = (await lv2en.translateFile(join(dir, 'news.html'), { outDir })).segments;
    sentence = segments.find((s) => s.source.startsWith('Svetlana'))!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    await page.goto(pathToFileURL(join(outDir, 'news.html')).href);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 5000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await lv2en?.close();
  });

  const chips = (side: 'src' | 'tgt') =>
    page.locator(`#seg-${sentence.id} .${side} .chip`).evaluateAll((nodes) => nodes.map((n) => n.textContent));

  it('shows each code as a chip at its place in the Latvian and in the English', async () => {
    expect(sentence.sourceTags).toHaveLength(4);
    expect(await chips('src')).toEqual(['{1}', '{/1}', '{2}', '{/2}']);
    expect(await chips('tgt')).toHaveLength(4);
    // The chip sits where the code is: the bold word is the text between {1} and {/1}.
    const source = await page.locator(`#seg-${sentence.id} .src`).textContent();
    expect(source).toContain('{1}Tihanovska{/1}');
    const bold = sentence.targetTags!.filter((t) => t.id === sentence.sourceTags![0]!.id);
    const target = await page.locator(`#seg-${sentence.id} .tgt`).textContent();
    expect(target).toContain(`{1}${sentence.target!.slice(bold[0]!.at, bold[1]!.at)}{/1}`);
    // A sentence without codes has no chips.
    const plain = segments.find((s) => s.source.startsWith('Opozīcija'))!;
    expect(await page.locator(`#seg-${plain.id} .chip`).count()).toBe(0);
  });

  it('refuses a save that loses a code, and says which', async () => {
    await page.locator(`#seg-${sentence.id} .tgt`).click();
    const area = page.locator(`#seg-${sentence.id} .tgt textarea`);
    expect(await area.inputValue()).toMatch(/\{1\}.*\{\/1\}/);
    await area.fill((await area.inputValue()).replace('{/2}', ''));
    await area.press('Enter');
    expect(await page.locator('#notice').textContent()).toMatch(/not saved: keep every code: \{\/2\} is missing/);
    expect(await area.getAttribute('class')).toContain('invalid');
    await area.press('Escape');
    expect(await page.locator(`#seg-${sentence.id} .tgt.edited`).count()).toBe(0);
  });

  it('moves a code where the reviewer moves its chip, and exports it there; the next run writes it there', async () => {
    // The reviewer rewrites the sentence and makes the first word bold and "ministers" italic.
    const edited = '{1}Tsikhanouskaya{/1} met the EU foreign {2}ministers{/2} on Monday.';
    await page.locator(`#seg-${sentence.id} .tgt`).click();
    await page.locator(`#seg-${sentence.id} .tgt textarea`).fill(edited);
    await page.locator(`#seg-${sentence.id} .tgt textarea`).press('Enter');
    expect(await page.locator(`#seg-${sentence.id} .tgt`).textContent()).toBe(edited);
    expect(await page.locator(`#seg-${sentence.id} .tgt.edited`).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, 'utf8'));
    const entry = exported.segments.find((s: { id: string }) => s.id === sentence.id);
    const plainEdit = 'Tsikhanouskaya met the EU foreign ministers on Monday.';
    expect(entry.target).toBe(plainEdit);
    expect(entry.sourceTags).toEqual(sentence.sourceTags!.map(({ kind, id, at, type }) => ({ kind, id, at, type })));
    const ministers = plainEdit.indexOf('ministers');
    expect(entry.targetTags.map((t: { kind: string; at: number }) => [t.kind, t.at])).toEqual([
      ['open', 0],
      ['close', 'Tsikhanouskaya'.length],
      ['open', ministers],
      ['close', ministers + 'ministers'.length],
    ]);

    const [report] = await lv2en.importReview([saved]);
    expect(report!.stored?.added).toBe(1);
    const again = await lv2en.translateFile(join(dir, 'news.html'), { outDir: join(dir, 'again') });
    const record = again.segments.find((s) => s.id === sentence.id)!;
    expect(record.target).toBe(plainEdit);
    expect(record.flags).toContain('tm:reviewed');
    const english = await readFile(join(dir, 'again', 'news.en.html'), 'utf8');
    expect(textsOf(english, 'b')).toEqual(['Tsikhanouskaya']);
    expect(textsOf(english, 'i')).toEqual(['ministers']);
  });

  it('reports no script errors', () => {
    expect(problems).toEqual([]);
  });
});
