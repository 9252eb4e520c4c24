/**
 * A 300-page Word report end to end: python-docx writes it (4,200 paragraphs
 * with bold runs mid-sentence, a table every 20 paragraphs, a header and a
 * footer), then the built `lv2en translate` translates it with the toy model,
 * and the Word format's own share is timed apart: reading the blocks and
 * writing the document back in this process, without a model.
 *
 *   npm run build && npm run bench:documents [-- --paragraphs 4200 --runs 1 --pages]
 *
 * Prints one JSON line: the document's size, the command's wall time and
 * peak RSS, sentences per second, and the read and write times of the format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { untranslated } from '../src/formats/document/index.js';
import { docx } from '../src/formats/docx/index.js';
import { benchSentences, numberOption } from './bench-input.js';

const args = process.argv.slice(2);
const paragraphs = numberOption(args, 'paragraphs', 4200);
const runs = numberOption(args, 'runs', 1);
/** Also count the report's pages as LibreOffice lays it out (a PDF conversion, some seconds more). */
const countPages = args.includes('--pages');

const MAKE_REPORT = `
import json, sys
from docx import Document
from docx.shared import Inches
out, paragraphs = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
document = Document()
section = document.sections[0]
section.header.paragraphs[0].text = "Baltkrievijas opozīcija"
section.footer.paragraphs[0].text = "Ziņojums par Baltkrieviju"
for i, (before, bold, after) in enumerate(paragraphs):
    if i % 100 == 0:
        document.add_heading(before, level=1)
        continue
    p = document.add_paragraph(before + " ")
    p.add_run(bold).bold = True
    p.add_run(" " + after)
    if i % 20 == 19:
        table = document.add_table(rows=3, cols=3)
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = paragraphs[(i + r * 3 + c) % len(paragraphs)][0]
document.save(out)
`;

const dir = mkdtempSync(join(tmpdir(), 'lv2en-bench-documents-'));
try {
  // Each paragraph: a sentence, its middle word bold, and a second sentence.
  const sentences = benchSentences(paragraphs * 2);
  const content = Array.from({ length: paragraphs }, (_, i) => {
    const words = sentences[2 * i]!.split(' ');
    const middle = Math.floor(words.length / 2);
    return [words.slice(0, middle).join(' '), words[middle] ?? '', `${words.slice(middle + 1).join(' ')} ${sentences[2 * i + 1]}`];
  });
  writeFileSync(join(dir, 'paragraphs.json'), JSON.stringify(content));
  writeFileSync(join(dir, 'make.py'), MAKE_REPORT);
  const input = join(dir, 'report.docx');
  const made = spawnSync('/usr/bin/python3', [join(dir, 'make.py'), input, join(dir, 'paragraphs.json')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`python-docx could not make the report: ${made.stderr}`);
  const bytes = readFileSync(input);
  let pages: number | undefined;
  if (countPages) {
    const profile = join(dir, 'soffice-profile');
    spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
      stdio: 'ignore',
    });
    pages = (readFileSync(join(dir, 'report.pdf'), 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }

  // The format alone: read the blocks, write the document back unchanged.
  const readStarted = performance.now();
  const blocks = await docx.read(bytes, input);
  const readMs = performance.now() - readStarted;
  const writeStarted = performance.now();
  let next = 0;
  let written = 0;
  await docx.write(
    bytes,
    { next: async () => untranslated(blocks[next++]!) },
    { write: async (chunk) => void (written += chunk.length) },
    input,
  );
  const writeMs = performance.now() - writeStarted;

  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const report = join(dir, 'report-rss.cjs');
  writeFileSync(report, "process.on('exit', () => process.stderr.write('lv2en-max-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const times: number[] = [];
  const peaks: number[] = [];
  let sentenceCount = 0;
  for (let run = 0; run < runs; run++) {
    const out = join(dir, `out-${run}`);
    const started = performance.now();
    const translated = spawnSync(
      process.execPath,
      ['--require', report, cli, 'translate', input, '-o', out, '-m', 'toy', '--no-memory', '-f', 'jsonl', '-q'],
      { encoding: 'utf8', env: { ...process.env, LV2EN_CACHE: process.env.LV2EN_CACHE ?? join(dir, 'cache') } },
    );
    times.push((performance.now() - started) / 1000);
    const peak = /lv2en-max-rss-kb (\d+)/.exec(translated.stderr);
    if (translated.status !== 0 || !peak)
      throw new Error(`lv2en translate failed (${translated.status}): ${translated.stderr.slice(-2000)} (is dist/ built? npm run build)`);
    peaks.push(Math.round(Number(peak[1]) / 1024));
    statSync(join(out, 'report.en.docx'));
    sentenceCount = readFileSync(join(out, 'report.jsonl'), 'utf8').trim().split('\n').length;
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const seconds = median(times);
  console.log(
    JSON.stringify({
      paragraphs,
      pages,
      blocks: blocks.length,
      sentences: sentenceCount,
      docxBytes: bytes.length,
      outputBytes: written,
      translateSeconds: Math.round(seconds * 10) / 10,
      sentencesPerSecond: Math.round((sentenceCount / seconds) * 10) / 10,
      peakRssMb: median(peaks),
      formatReadMs: Math.round(readMs),
      formatWriteMs: Math.round(writeMs),
      runs,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
