import type { Command } from 'commander';
import { createLv2en, FORMAT_LABEL, type ReviewImportReport } from '../index.js';

interface ImportFlags {
  all?: boolean;
  dryRun?: boolean;
  memory?: string;
}

/**
 * `lv2en review <job folder | name.jsonl>` rebuilds the review page;
 * `lv2en review import <files...>` stores reviewed translations in the
 * translation memory, where later runs find them.
 */
export function registerReview(program: Command): void {
  const review = program
    .command('review')
    .description('rebuild the HTML review page, or import reviewed translations (review import)')
    .argument('[path]', 'a job folder (<output>/.lv2en/<name>), an output folder, or a <name>.jsonl a run wrote')
    .option('-o, --output <dir>', 'folder for the page (default: next to the .jsonl, or the job’s output folder)')
    .addHelpText(
      'after',
      `
The page (<name>.html) shows source and translation side by side, sentence by
sentence, with glossary terms and QA flags. Click a translation to edit it;
edits stay in the browser, and "Export edits" saves <name>.edits.json.

Examples:
  lv2en review out/.lv2en/belarus        rebuild out/belarus.html from the job folder
  lv2en review out/belarus.jsonl         the same, from the JSONL output
  lv2en review import belarus.edits.json store the page's reviewed translations
  lv2en review import belarus.xlf        store what a CAT tool returns (XLIFF 2, 1.2, TMX)`,
    )
    .action(async (path: string | undefined, flags: { output?: string }) => {
      if (path === undefined) {
        review.help({ error: true });
        return;
      }
      const lv2en = await createLv2en({ memory: false, glossary: null });
      const pages = await lv2en.rebuildReviewPage(path, { outDir: flags.output });
      await lv2en.close();
      for (const page of pages) process.stderr.write(`lv2en: wrote ${page.path} (${page.segments} segment(s), ${page.flagged} flagged)\n`);
    });

  review
    .command('import')
    .description('store reviewed translations from review page edits, XLIFF 2.x / 1.2 or TMX in the translation memory')
    .argument('<files...>', '<name>.edits.json from the review page, <name>.xlf, <name>.v12.xlf or <name>.tmx')
    .option('--all', 'take every translated unit as reviewed, not only confirmed or edited ones')
    .option('-n, --dry-run', 'read and check the files, store nothing')
    .option(
      '--memory <path>',
      'translation store to write to (default: translations.sqlite in the lv2en cache, the one translate runs use)',
    )
    .addHelpText(
      'after',
      `
A unit counts as reviewed when the reviewer changed its translation, or
confirmed it (XLIFF 2 state reviewed/final; XLIFF 1.2 approved="yes",
signed-off or final; everything in a page export). Unchanged machine
translations are not stored unless --all is given. The next translate run
uses a reviewed translation for the same Latvian sentence and flags it
tm:reviewed. A damaged or cut-off file is refused whole.`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      const lv2en = await createLv2en({ memory: flags.memory, glossary: null });
      try {
        for (const file of files) {
          const [report] = await lv2en.importReview([file], { all: flags.all, dryRun: flags.dryRun });
          process.stderr.write(`${formatImportReport(report!)}\n`);
        }
        if (!flags.dryRun) process.stderr.write(`lv2en: translation memory: ${lv2en.memoryLocation}\n`);
      } finally {
        await lv2en.close();
      }
    });
}

export function formatImportReport(report: ReviewImportReport): string {
  const { skipped } = report;
  const lines = [
    `lv2en: ${report.file} (${FORMAT_LABEL[report.format]}${report.document ? `, ${report.document}` : ''}): ${report.units} unit(s), ${report.reviewed.length} reviewed translation(s)`,
  ];
  if (report.stored)
    lines.push(`  stored: ${report.stored.added} new, ${report.stored.updated} changed, ${report.stored.unchanged} already there`);
  else lines.push('  dry run: nothing stored');
  const skips = [
    [skipped.unchanged, 'unchanged machine translation(s)'],
    [skipped.empty, 'without a translation'],
    [skipped.notTranslatable, 'not for translation'],
    [skipped.unmarked, 'neither confirmed nor written by lv2en (--all takes them)'],
  ] as const;
  const listed = skips.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  if (listed.length > 0) lines.push(`  skipped: ${listed.join(', ')}`);
  return lines.join('\n');
}
