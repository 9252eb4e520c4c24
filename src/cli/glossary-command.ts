import type { Command } from 'commander';
import { createLv2en, type FormHint, formatDiagnostic, Lv2enError, readDocument, TextPositions } from '../index.js';
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
    .action(async (words: string[], flags: { type?: string; declension?: string; gender?: string; plural?: boolean; fixed?: string[] }) => {
      const hint = {
        type: flags.type,
        declension:
          flags.declension === undefined ? undefined : /^\d$/.test(flags.declension) ? Number(flags.declension) : flags.declension,
        gender: flags.gender,
        number: flags.plural ? 'plural' : undefined,
        fixed: flags.fixed,
      } as FormHint;
      const lv2en = await createLv2en({ memory: false, glossary: null });
      const result = lv2en.glossaryForms(words.join(' '), hint);
      await lv2en.close();
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
      const lv2en = await createLv2en({ memory: false, glossary: null });
      const report = await lv2en.checkGlossary(path, file);
      await lv2en.close();
      const out = report.problems.map((problem) => formatDiagnostic(problem));
      if (file && report.matches) {
        const positions = new TextPositions((await readDocument(file)).text);
        for (const match of report.matches) {
          const { line, column } = positions.at(match.start);
          out.push(`${file}:${line}:${column}: ${match.surface} → ${match.target} (${match.lemma})`);
        }
      }
      const errors = report.problems.filter((p) => p.severity === 'error').length;
      out.push(
        `${report.files.length} file(s), ${errors} error(s), ${report.problems.length - errors} warning(s)${report.matches ? `, ${report.matches.length} match(es)` : ''}`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
      if (!report.ok) throw new Lv2enError('GLOSSARY_INVALID', `${path} has ${errors} error(s)`, 'Fix the errors listed above');
    });
}
