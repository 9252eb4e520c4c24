import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Lv2enError } from '../core/errors.js';
import { checkGlossary, formatProblem, paradigm, type FormHint } from '../glossary/index.js';
import { formatTable } from './report.js';

export function registerGlossary(program: Command): void {
  const glossary = program.command('glossary').description('inspect glossaries: the case forms they match, and lint them against a text');

  glossary
    .command('forms')
    .description('print the Latvian forms lv2en generates and matches for a lemma')
    .argument('<lemma...>', 'a Latvian lemma in the nominative, e.g. Tihanovska or "ANO Cilvēktiesību padome"')
    .option('--type <type>', 'person, place, organisation, … (as in glossary YAML)')
    .option('--declension <n>', 'force a declension (1–6) or "indeclinable"')
    .option('--gender <g>', 'masculine or feminine')
    .option('--plural', 'a plural-only name (Filipīnas)')
    .option('--fixed <words...>', 'words of a multiword lemma that never change (genitive modifiers)')
    .action((words: string[], flags: { type?: string; declension?: string; gender?: string; plural?: boolean; fixed?: string[] }) => {
      const hint = {
        type: flags.type,
        declension:
          flags.declension === undefined ? undefined : /^\d$/.test(flags.declension) ? Number(flags.declension) : flags.declension,
        gender: flags.gender,
        number: flags.plural ? 'plural' : undefined,
        fixed: flags.fixed,
      } as FormHint;
      const result = paradigm(words.join(' '), hint);
      const out = [`${result.lemma}: ${result.words.map((w) => `${w.word} (${w.description})`).join(', ')}`];
      out.push(
        ...formatTable(
          ['case', 'number', 'form'],
          result.cells.map((c) => [c.case, c.number, c.form]),
        ),
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });

  glossary
    .command('check')
    .description('lint glossary files (errors with file:line:column) and show where their terms occur in a text')
    .argument('<glossary>', 'a glossary YAML file or a folder of them')
    .argument('[file]', 'a Latvian text file to match against')
    .action(async (path: string, file: string | undefined) => {
      const report = await checkGlossary(path, file);
      const out = report.problems.map(formatProblem);
      if (file && report.matches) {
        const text = (await readFile(file, 'utf8')).normalize('NFC');
        for (const match of report.matches)
          out.push(`${file}:${lineColumn(text, match.start)}: ${match.surface} → ${match.target} (${match.lemma})`);
      }
      const errors = report.problems.filter((p) => p.severity === 'error').length;
      out.push(
        `${report.files.length} file(s), ${errors} error(s), ${report.problems.length - errors} warning(s)${report.matches ? `, ${report.matches.length} match(es)` : ''}`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
      if (!report.ok) throw new Lv2enError('GLOSSARY_INVALID', `${path} has ${errors} error(s)`, 'Fix the errors listed above');
    });
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${[...before[before.length - 1]!].length + 1}`;
}
