import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { untranslated } from '../../src/formats/document/index.js';
import type { DocumentBlock } from '../../src/formats/index.js';
import { markdown } from '../../src/formats/markdown/index.js';

const DOC = `---
title: Tihanovska
---
# Baltkrievijas opozīcija

Svetlana **Tihanovska** pirmdien tikās ar *Eiropas Savienības* ārlietu ministriem.
Viņa aicināja [neatzīt](https://eu.example/x "Virsraksts") rezultātus.

> Citāts no **Tihanovskas**,\\
> otrā rinda.

- Punkts ar \`npm ci\` kodu un ~~svītru~~.
- ![Tihanovska Viļņā](img.png) un <https://lsm.lv>

| Pilsēta | Skaits |
|---|---|
| Minska | 80,1% |

\`\`\`
Tihanovska kods
\`\`\`

<div>Tihanovska HTML</div>

[ref]: https://example.org
`;

const bytes = (text: string) => new TextEncoder().encode(text);

async function rewrite(source: string, translate: (block: DocumentBlock, i: number) => DocumentBlock = (b) => b): Promise<string> {
  const blocks = await markdown.read(bytes(source), 'doc.md');
  let i = 0;
  const chunks: string[] = [];
  await markdown.write(
    bytes(source),
    { next: async () => untranslated(translate(blocks[i]!, i++)) },
    { write: async (chunk) => void chunks.push(String(chunk)) },
    'doc.md',
  );
  expect(i).toBe(blocks.length);
  return chunks.join('');
}

/** The text a Markdown reader sees per block (paragraph, heading, cell), markup aside. */
const plainBlocks = (md: string) => {
  const root = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const out: string[] = [];
  const text = (node: { type: string; value?: string; alt?: string | null; children?: unknown[] }): string =>
    node.type === 'text'
      ? node.value!
      : node.type === 'image'
        ? (node.alt ?? '')
        : node.type === 'break'
          ? '\n'
          : (node.children ?? []).map((c) => text(c as never)).join('');
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (['paragraph', 'heading', 'tableCell'].includes(node.type))
      out.push(
        text(node as never)
          .replace(/\s+/g, ' ')
          .trim(),
      );
    else for (const child of node.children ?? []) walk(child as never);
  };
  walk(root as never);
  return out.filter((t) => /\p{L}/u.test(t));
};

describe('the Markdown reader', () => {
  it('reads paragraphs, headings, quotes, list items and cells with their inline markup, leaving code, HTML and front matter', async () => {
    const blocks = await markdown.read(bytes(DOC), 'doc.md');
    expect(blocks.map((b) => b.text)).toEqual([
      'Baltkrievijas opozīcija',
      'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem. Viņa aicināja neatzīt rezultātus.',
      'Citāts no Tihanovskas,\notrā rinda.',
      'Punkts ar  kodu un svītru.',
      'Tihanovska Viļņā un ',
      'Pilsēta',
      'Skaits',
      'Minska',
    ]);
    expect(blocks[1]!.tags.map((t) => [t.kind, t.type, t.data])).toEqual([
      ['open', 'bold', '**'],
      ['close', 'bold', '**'],
      ['open', 'italic', '*'],
      ['close', 'italic', '*'],
      ['open', 'link', '['],
      ['close', 'link', '](https://eu.example/x "Virsraksts")'],
    ]);
    expect(blocks[4]!.tags.map((t) => [t.type, t.data])).toEqual([
      ['image', '!['],
      ['image', '](img.png)'],
      ['link', '<https://lsm.lv>'],
    ]);
  });

  it('writes the file back byte for byte where nothing changes', async () => {
    const out = await rewrite(DOC);
    // One change only: the soft line break inside the second paragraph is written as a space (blocks go on one line).
    expect(out).toBe(DOC.replace('ministriem.\nViņa', 'ministriem. Viņa'));
  });

  it('escapes translated text so Markdown reads back exactly that text', async () => {
    const tricky = [
      '# not a heading',
      '1. not a list',
      '*stars* and _under_',
      'a | pipe',
      '[brackets] `tick` <tag> \\back',
      '&amp; stays',
      '- dash',
      '+ plus',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...tricky, 'Rīga', 'ā'), { minLength: 1, maxLength: 4 }), async (parts) => {
        const english = parts.join(' ');
        const out = await rewrite('Teksts.\n\n| A |\n|---|\n| Šūna |\n', (block) => ({ ...block, text: english, tags: [] }));
        // Every block (the paragraph, the header cell, the body cell) became `english`.
        expect(plainBlocks(out)).toEqual([english, english, english].map((t) => t.replace(/\s+/g, ' ').trim()));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps any document as Markdown reads it when every block comes back unchanged', async () => {
    const inline = fc.constantFrom(
      'Rīga',
      ' ',
      'un',
      '**treknrakstā**',
      '*slīprakstā*',
      '[saite](http://x.lv)',
      '`kods`',
      '![attēls](a.png)',
      '~~svītra~~',
      '<sup>2</sup>',
      '\\*',
      'ā',
    );
    const block = fc.oneof(
      fc.array(inline, { minLength: 1, maxLength: 6 }).map((p) => p.join(' ')),
      fc.array(inline, { minLength: 1, maxLength: 4 }).map((p) => `## ${p.join(' ')}`),
      fc.array(inline, { minLength: 1, maxLength: 4 }).map((p) => `> ${p.join(' ')}`),
      fc.array(inline, { minLength: 1, maxLength: 4 }).map((p) => `- ${p.join(' ')}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 5 }), async (blocks) => {
        const source = `${blocks.join('\n\n')}\n`;
        expect(plainBlocks(await rewrite(source))).toEqual(plainBlocks(source));
      }),
      { numRuns: 200 },
    );
  });
});

describe('a Markdown file through the pipeline (toy model)', () => {
  let lv2en: Lv2en;
  let outDir: string;
  let translated: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-md-'));
    outDir = join(dir, 'out');
    await writeFile(join(dir, 'doc.md'), DOC);
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateFile(join(dir, 'doc.md'), { outDir });
    translated = await readFile(join(outDir, 'doc.en.md'), 'utf8');
  });
  afterAll(() => lv2en.close());

  it('puts the English in, with the emphasis on the right words and code, HTML and front matter untouched', () => {
    expect(translated).toContain('Sviatlana **Tsikhanouskaya** on Monday met with *European Union* foreign ministers.');
    expect(translated.startsWith('---\ntitle: Tihanovska\n---\n# Belarus')).toBe(true);
    expect(translated).toContain('```\nTihanovska kods\n```');
    expect(translated).toContain('<div>Tihanovska HTML</div>');
    expect(translated).toContain('[ref]: https://example.org');
    expect(translated).toContain('`npm ci`');
    expect(translated).toContain('| Minsk |');
  });

  it.skipIf(!hasPandoc())('is Markdown pandoc reads, with the emphasis where it belongs', () => {
    const html = execFileSync('pandoc', ['-f', 'gfm', '-t', 'html'], { input: translated, encoding: 'utf8' });
    expect(html).toContain('<strong>Tsikhanouskaya</strong>');
    expect(html).toContain('<em>European Union</em>');
    expect(html).toContain('<code>npm ci</code>');
  });
});

function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
