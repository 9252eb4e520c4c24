import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type DefaultTreeAdapterMap, parse, serialize } from 'parse5';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en, Lv2enError } from '../../src/index.js';
import { untranslated } from '../../src/formats/document/index.js';
import type { DocumentBlock } from '../../src/formats/index.js';
import { webpage } from '../../src/formats/webpage/index.js';

type Element = DefaultTreeAdapterMap['element'];

const PAGE = `<!DOCTYPE html>
<!-- a comment &amp; stays -->
<html lang="lv">
<head><meta charset="utf-8"><title>Tihanovska aicina Eiropu</title>
<meta name="description" content="Baltkrievijas opozīcija">
<script>var x = "Tihanovska <b>";</script><style>p { color: red }</style></head>
<body>
<h1>Baltkrievijas opozīcija</h1>
<p>Svetlana <b>Tihanovska</b> pirmdien tikās ar <i>Eiropas Savienības</i> ārlietu ministriem.</p>
<p>Viņa aicināja <a href="https://eu.example/x?a=1&amp;b=2" title="Eiropas Savienība">neatzīt</a> rezultātus &ndash; 2020.</p>
<table><tr><td>Minska</td><td>80,1%</td></tr></table>
<p translate="no">Tihanovska</p>
<pre>Tihanovska</pre>
<p>Kods: <code>npm ci</code><br>Rīga</p>
<img src="a.png" alt="Tihanovska Viļņā">
</body></html>
`;

const bytes = (text: string) => new TextEncoder().encode(text);

async function rewrite(source: string, translate: (block: DocumentBlock) => DocumentBlock = (b) => b): Promise<string> {
  const blocks = await webpage.read(bytes(source), 'page.html');
  let i = 0;
  const chunks: string[] = [];
  await webpage.write(
    bytes(source),
    { next: async () => untranslated(translate(blocks[i++]!)) },
    { write: async (chunk) => void chunks.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)) },
    'page.html',
  );
  expect(i).toBe(blocks.length);
  return chunks.join('');
}

const elements = (node: DefaultTreeAdapterMap['parentNode'], name: string): Element[] =>
  node.childNodes.flatMap((child) => {
    if (!('tagName' in child)) return [];
    return [...(child.tagName === name ? [child] : []), ...elements(child, name)];
  });
const textOf = (node: DefaultTreeAdapterMap['node']): string =>
  node.nodeName === '#text'
    ? (node as DefaultTreeAdapterMap['textNode']).value
    : 'childNodes' in node
      ? node.childNodes.map(textOf).join('')
      : '';

describe('the web page reader', () => {
  it('finds the prose (title, headings, paragraphs, cells, attributes) and leaves code alone', async () => {
    const blocks = await webpage.read(bytes(PAGE), 'page.html');
    const texts = blocks.map((b) => b.text);
    expect(texts).toEqual([
      'Tihanovska aicina Eiropu',
      'Baltkrievijas opozīcija',
      'Baltkrievijas opozīcija',
      'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.',
      'Eiropas Savienība',
      'Viņa aicināja neatzīt rezultātus – 2020.',
      'Minska',
      'Kods: \nRīga',
      'Tihanovska Viļņā',
    ]);
    expect(blocks.map((b) => b.context)).toEqual([
      'title',
      'content attribute',
      'heading',
      undefined,
      'title attribute',
      undefined,
      'table',
      undefined,
      'alt text',
    ]);
    const paragraph = blocks[3]!;
    const span = (id: string) =>
      paragraph.text.slice(
        paragraph.tags.find((t) => t.id === id && t.kind === 'open')!.at,
        paragraph.tags.find((t) => t.id === id && t.kind === 'close')!.at,
      );
    expect(paragraph.tags.map((t) => [t.kind, t.type, t.data])).toEqual([
      ['open', 'bold', '<b>'],
      ['close', 'bold', '</b>'],
      ['open', 'italic', '<i>'],
      ['close', 'italic', '</i>'],
    ]);
    expect(span('1')).toBe('Tihanovska');
    expect(span('2')).toBe('Eiropas Savienības');
    expect(blocks[7]!.tags.map((t) => [t.type, t.data])).toEqual([
      ['code', '<code>npm ci</code>'],
      ['break', '<br>'],
    ]);
  });

  it('writes the page back byte for byte where nothing is translated, lang aside', async () => {
    expect(await rewrite(PAGE)).toBe(PAGE.replace('<html lang="lv">', '<html lang="en">'));
    const noLang = '<!doctype html><html><body><p>Sveiki, <b>pasaule</b>!</p></body></html>';
    expect(await rewrite(noLang)).toBe(noLang.replace('<html>', '<html lang="en">'));
  });

  // The same page to a reader: the same characters under the same elements, whitespace collapsed as CSS collapses it
  // (across inline elements, dropped at block edges and next to a line break), code kept whole.
  const rendered = (html: string) => {
    type Token = { space: true } | { edge: true } | { text: string };
    const tokens: Token[] = [];
    const walk = (node: DefaultTreeAdapterMap['node'], path: string) => {
      if (node.nodeName === '#text') {
        for (const c of (node as DefaultTreeAdapterMap['textNode']).value)
          tokens.push(/[ \t\n\r\f]/.test(c) ? { space: true } : { text: `${path}${c}` });
        return;
      }
      if (!('tagName' in node)) return;
      const attributes = node.attrs.map((a) => `${a.name}=${a.value}`).join(',');
      if (node.tagName === 'br') return void tokens.push({ edge: true }, { text: `${path}<br>` }, { edge: true });
      if (['code', 'script', 'style', 'img', 'pre'].includes(node.tagName))
        return void tokens.push({ text: `${path}${serialize({ ...node, childNodes: [node] } as never)}` });
      const block = !['b', 'i', 'a', 'span'].includes(node.tagName);
      if (block) tokens.push({ edge: true });
      for (const child of node.childNodes) walk(child, block ? '' : `${path}${node.tagName}[${attributes}]/`);
      if (block) tokens.push({ edge: true });
    };
    for (const child of parse(html).childNodes) walk(child, '');
    const out: string[] = [];
    let pendingSpace = false;
    for (const token of tokens) {
      if ('space' in token) pendingSpace = out.length > 0 && out.at(-1) !== '|';
      else if ('edge' in token) {
        pendingSpace = false;
        if (out.at(-1) !== '|') out.push('|');
      } else {
        if (pendingSpace) out.push(' ');
        pendingSpace = false;
        out.push(token.text);
      }
    }
    return out.join('\u0000');
  };

  it('keeps any page as it renders when every block comes back unchanged', async () => {
    const text = fc.constantFrom('Rīga', ' ', 'un &amp; ', '&lt;', 'ā', '\n', 'Tihanovska. Viņa', '&nbsp;');
    const leaf = fc.oneof(
      text,
      fc.constant('<br>'),
      fc.constant('<img src="x" alt="Bilde">'),
      fc.constant('<!-- c -->'),
      fc.constant('<code>x&lt;y</code>'),
    );
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .tuple(
            fc.constantFrom('b', 'i', 'a href="#"', 'span title="Virsraksts"', 'p', 'div', 'li', 'td'),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(fc.array(node, { maxLength: 6 }), async (body) => {
        const page = `<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>${body.join('')}</body></html>`;
        expect(rendered(await rewrite(page))).toBe(rendered(page));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a passage the parser had to repair as it was, and says where', async () => {
    const page = '<html><body>\n<p>Labs <b>teksts</p>\n<p>Otrs <b>teksts</b>.</p></body></html>';
    const warnings: string[] = [];
    const blocks = await webpage.read(bytes(page), 'page.html', { warn: (m) => warnings.push(m) });
    expect(blocks.map((b) => b.text)).toEqual(['Otrs teksts.']);
    expect(warnings).toEqual([
      'line 2: markup the HTML parser had to repair (unclosed or misnested tags); that passage is left untranslated',
    ]);
    expect(await rewrite(page)).toBe(page.replace('<html>', '<html lang="en">'));
  });

  it('escapes translated text and attribute values', async () => {
    const out = await rewrite('<html lang="lv"><body><p title="x">Rīga</p></body></html>', (block) => ({
      ...block,
      text: `<${block.text}> & "q"`,
    }));
    expect(out).toBe('<html lang="en"><body><p title="&lt;x&gt; &amp; &quot;q&quot;">&lt;Rīga&gt; &amp; "q"</p></body></html>');
  });

  it('refuses what is not a web page, each with its own error', async () => {
    const read = (content: Uint8Array) => webpage.read(content, 'page.html');
    await expect(read(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]))).rejects.toMatchObject({ code: 'HTML_INVALID', message: /ZIP archive/ });
    await expect(read(new Uint8Array([0x3c, 0x70, 0, 0]))).rejects.toMatchObject({ code: 'HTML_INVALID', message: /binary/ });
    await expect(read(bytes('<?xml version="1.0"?><xliff version="1.2"><file/></xliff>'))).rejects.toMatchObject({
      code: 'HTML_INVALID',
      message: /XML/,
    });
    await expect(read(bytes('Tikai teksts bez marķējuma.'))).rejects.toMatchObject({ code: 'HTML_INVALID', message: /no HTML element/ });
  });

  it('reads a page in the charset it declares and writes it as UTF-8, saying so', async () => {
    const words = new TextEncoder().encode('<html><head><meta charset="windows-1257"></head><body><p>R\u0012ga</p></body></html>');
    words[words.indexOf(0x12)] = 0xee; // ī
    expect((await webpage.read(words, 'page.html')).map((b) => b.text)).toEqual(['Rīga']);
    const chunks: (string | Uint8Array)[] = [];
    let i = 0;
    const read = await webpage.read(words, 'page.html');
    await webpage.write(words, { next: async () => untranslated(read[i++]!) }, { write: async (c) => void chunks.push(c) }, 'page.html');
    expect(chunks.join('')).toBe('<html lang="en"><head><meta charset="utf-8"></head><body><p>Rīga</p></body></html>');
  });
});

describe('a web page through the pipeline (toy model)', () => {
  let lv2en: Lv2en;
  let outDir: string;
  let dir: string;
  let translated: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-page-'));
    outDir = join(dir, 'out');
    await writeFile(join(dir, 'page.html'), PAGE);
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateFile(join(dir, 'page.html'), { outDir });
    translated = await readFile(join(outDir, 'page.en.html'), 'utf8');
  });
  afterAll(() => lv2en.close());

  it('writes page.en.html beside the usual outputs', async () => {
    expect((await readdir(outDir)).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'page.en.html',
      'page.en.txt',
      'page.html',
      'page.jsonl',
      'page.provenance.json',
      'page.tsv',
    ]);
    const records = (await readFile(join(outDir, 'page.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(5);
  });

  it('keeps bold, italics and the link on the right English words, and code untouched', () => {
    const document = parse(translated);
    expect(elements(document, 'b').map(textOf)).toEqual(['Tsikhanouskaya']);
    expect(elements(document, 'i').map(textOf)).toEqual(['European Union']);
    const [link] = elements(document, 'a');
    expect(link!.attrs).toEqual([
      { name: 'href', value: 'https://eu.example/x?a=1&b=2' },
      { name: 'title', value: 'European Union' },
    ]);
    expect(translated).toContain('<script>var x = "Tihanovska <b>";</script><style>p { color: red }</style>');
    expect(translated).toContain('<p translate="no">Tihanovska</p>');
    expect(translated).toContain('<pre>Tihanovska</pre>');
    expect(translated).toContain('<code>npm ci</code>');
    expect(translated.startsWith('<!DOCTYPE html>\n<!-- a comment &amp; stays -->\n<html lang="en">')).toBe(true);
    expect(elements(document, 'title').map(textOf)).toEqual(['Tsikhanouskaya urges Europe']);
    expect(elements(document, 'img')[0]!.attrs.find((a) => a.name === 'alt')!.value).toMatch(/Tsikhanouskaya/);
  });

  it('refuses a page that is not HTML with its own exit status, writing nothing', async () => {
    await writeFile(join(dir, 'fake.html'), new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]));
    const error = await lv2en.translateFile(join(dir, 'fake.html'), { outDir: join(dir, 'fake-out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Lv2enError);
    expect(error).toMatchObject({ code: 'HTML_INVALID', exitCode: 25 });
    expect(existsSync(join(dir, 'fake-out'))).toBe(false);
  });

  it('refuses to write its outputs over the input', async () => {
    await expect(lv2en.translateFile(join(dir, 'page.html'), { outDir: dir })).rejects.toMatchObject({
      code: 'USAGE',
      message: /overwrite the input/,
    });
  });

  it.skipIf(process.env.LV2EN_SKIP_BROWSER_TESTS === '1')('renders in Chromium as an English page', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${join(outDir, 'page.en.html')}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('b').textContent()).toBe('Tsikhanouskaya');
      expect(await page.title()).toBe('Tsikhanouskaya urges Europe');
    } finally {
      await browser.close();
    }
  });
});
