import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipArchive } from '../../src/formats/office/zip.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { createLv2en, type Lv2en } from '../../src/index.js';

/**
 * Round trips through the CAT tools themselves (Debian packages, installed by
 * .ci/run): translate-toolkit makes an XLIFF from a PO file or an ODT,
 * lv2en pre-translates it, and the toolkit turns it back; OmegaT (console
 * mode) reads lv2en's TMX with its inline codes into a web page.
 */
const run = promisify(execFile);
const tool = (command: string, args: string[], cwd: string) => run(command, args, { cwd, timeout: 120_000 });

const PO = `msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: zinas.c:1
msgid "Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ministriem."
msgstr ""

#: zinas.c:2
msgid "Opozīcija aicina neatzīt rezultātus."
msgstr ""

msgid "Rīga"
msgstr "Riga"
`;

/** msgid → [msgstr, fuzzy] of a PO file's single-line entries. */
function poEntries(po: string): Map<string, [string, boolean]> {
  const entries = new Map<string, [string, boolean]>();
  for (const entry of po.split(/\n\n+/)) {
    const id = /^msgid "(.*)"$/m.exec(entry)?.[1];
    const str = /^msgstr "(.*)"$/m.exec(entry)?.[1];
    if (id && str !== undefined) entries.set(id, [str, /^#, .*fuzzy/m.test(entry)]);
  }
  return entries;
}

describe('CAT tools round trips (toy model)', () => {
  let lv2en: Lv2en;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-cat-'));
    lv2en = await createLv2en({ model: 'toy', memory: false, formats: ['jsonl', 'tmx'] });
  });
  afterAll(() => lv2en.close());

  const translations = async (name: string) =>
    new Map(parseJsonl(await readFile(join(dir, 'out', `${name}.jsonl`), 'utf8')).map((s) => [s.source, s.target]));

  it('translate-toolkit: PO → po2xliff → lv2en → xliff2po gives the English, marked fuzzy (a machine translation), the rest as it was', async () => {
    await writeFile(join(dir, 'zinas.po'), PO);
    await tool('po2xliff', ['zinas.po', 'zinas.xlf'], dir);
    await lv2en.translateFile(join(dir, 'zinas.xlf'), { outDir: join(dir, 'out') });
    await tool('xliff2po', [join('out', 'zinas.en.xlf'), 'zinas.en.po'], dir);
    const english = await translations('zinas');
    const entries = poEntries(await readFile(join(dir, 'zinas.en.po'), 'utf8'));
    for (const source of ['Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ministriem.', 'Opozīcija aicina neatzīt rezultātus.']) {
      expect(english.get(source)).toMatch(/\w/);
      expect(entries.get(source)).toEqual([english.get(source), true]);
    }
    expect(english.get('Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ministriem.')).toContain('Tsikhanouskaya');
    expect(entries.get('Rīga')).toEqual(['Riga', false]);
  });

  it('translate-toolkit: ODT → odf2xliff → lv2en → xliff2odf gives the English with bold and italics on the right words', async () => {
    await writeFile(
      join(dir, 'zinas.md'),
      'Svetlana **Tihanovska** pirmdien tikās ar *Eiropas Savienības* ārlietu ministriem.\n\nOpozīcija aicina neatzīt rezultātus.\n',
    );
    await tool('pandoc', ['zinas.md', '-o', 'zinas.odt'], dir);
    await tool('odf2xliff', ['zinas.odt', 'zinas-odt.xlf'], dir);
    await lv2en.translateFile(join(dir, 'zinas-odt.xlf'), { outDir: join(dir, 'out') });
    const filled = await readFile(join(dir, 'out', 'zinas-odt.en.xlf'), 'utf8');
    // xliff2odf takes approved units only: the reviewer's approval in the CAT tool, which lv2en never gives itself.
    expect(filled).not.toContain('approved=');
    await writeFile(join(dir, 'approved.xlf'), filled.replace(/<trans-unit /g, '<trans-unit approved="yes" '));
    await tool('xliff2odf', ['-t', 'zinas.odt', 'approved.xlf', 'zinas.en.odt'], dir);
    const archive = await ZipArchive.open(await readFile(join(dir, 'zinas.en.odt')), 'zinas.en.odt', 'ODT');
    const content = (await archive.read('content.xml')).toString('utf8');
    const english = await translations('zinas-odt');
    const paragraphs = [...content.matchAll(/<text:p [^>]*>([\s\S]*?)<\/text:p>/g)].map((m) => m[1]!);
    expect(paragraphs.map((p) => p.replace(/<[^>]+>/g, ''))).toEqual([...english.values()]);
    const spans = [...paragraphs[0]!.matchAll(/<text:span text:style-name="([^"]+)">([^<]*)<\/text:span>/g)].map((m) => m[2]);
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatch(/Tsikhanouskaya$/);
    expect(spans[1]).toBe('European Union');
  });

  it('OmegaT (console mode) reads the TMX with its inline codes into the page: bold and italics on the same English words', async () => {
    const page = `<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>Ziņas</title></head>
<body>
<p>Svetlana <b>Tihanovska</b> pirmdien tikās ar <i>Eiropas Savienības</i> ārlietu ministriem.</p>
<p>Opozīcija aicina neatzīt rezultātus.</p>
</body></html>
`;
    await writeFile(join(dir, 'page.html'), page);
    await lv2en.translateFile(join(dir, 'page.html'), { outDir: join(dir, 'out') });
    const project = join(dir, 'omegat');
    for (const folder of ['source', 'target', 'tm/auto', 'glossary', 'dictionary', 'omegat', 'config'])
      await mkdir(join(project, folder), { recursive: true });
    await writeFile(
      join(project, 'omegat.project'),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0"><source_dir>source</source_dir><source_dir_excludes/><target_dir>target</target_dir><tm_dir>tm</tm_dir>
<glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file><dictionary_dir>dictionary</dictionary_dir>
<source_lang>LV</source_lang><target_lang>EN</target_lang><source_tok>org.omegat.tokenizer.LuceneLatvianTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok><sentence_seg>false</sentence_seg>
<support_default_translations>true</support_default_translations><remove_tags>false</remove_tags></project></omegat>
`,
    );
    // OmegaT matches TMX inline codes (<bpt>/<ept>) against its own tags only with "TMX level 2" on; its own config folder, not ~/.omegat.
    await writeFile(
      join(project, 'config', 'omegat.prefs'),
      '<?xml version="1.0" encoding="UTF-8" ?>\n<omegat><preference version="1.0"><ext_tmx_show_level2>true</ext_tmx_show_level2></preference></omegat>\n',
    );
    await copyFile(join(dir, 'page.html'), join(project, 'source', 'page.html'));
    await copyFile(join(dir, 'out', 'page.tmx'), join(project, 'tm', 'auto', 'page.tmx'));
    await tool('omegat', [project, '--mode=console-translate', `--config-dir=${join(project, 'config')}`], dir);
    const translated = await readFile(join(project, 'target', 'page.html'), 'utf8');
    const ours = await readFile(join(dir, 'out', 'page.en.html'), 'utf8');
    const paragraphs = (html: string) => [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs(translated)).toEqual(paragraphs(ours));
    expect(paragraphs(translated)[0]).toMatch(/<b>[^<]*Tsikhanouskaya<\/b>.*<i>European Union<\/i>/);
  }, 180_000);
});
