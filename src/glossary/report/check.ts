/** Everything `lv2en glossary check <glossary> [file]` reports, in one call. */
import { readFile } from 'node:fs/promises';
import { checkGlossaryFiles } from '../load/load.js';
import { problem } from '../load/problems.js';
import type { GlossaryProblem, TermMatch } from '../types.js';
import { checkText, lintGlossary } from './lint.js';

export interface GlossaryCheckReport {
  files: string[];
  /** Errors first, then warnings; each with file:line:column where known. */
  problems: GlossaryProblem[];
  /** True when there are no errors (warnings allowed). */
  ok: boolean;
  /** Terms found in the text file, when one was given and the glossary loaded. */
  matches?: TermMatch[];
}

export async function checkGlossary(path?: string | string[], textFile?: string): Promise<GlossaryCheckReport> {
  const checked = await checkGlossaryFiles(path);
  const problems = checked.problems.filter((p) => p.severity === 'error');
  const report: GlossaryCheckReport = { files: checked.files, problems, ok: problems.length === 0 };
  if (!checked.glossary) {
    report.problems.push(...checked.problems.filter((p) => p.severity === 'warning'));
    return report;
  }
  report.problems.push(...lintGlossary(checked.glossary));
  if (textFile !== undefined) {
    const raw = await readFile(textFile, 'utf8').catch(() => undefined);
    if (raw === undefined) {
      report.problems.unshift(
        problem('error', 'not-found', `Cannot read text file \`${textFile}\``, 'Pass an existing UTF-8 text file to match against', {
          file: textFile,
        }),
      );
      report.ok = false;
      return report;
    }
    const result = checkText(raw.normalize('NFC'), checked.glossary, textFile);
    report.matches = result.matches;
    report.problems.push(...result.problems);
  }
  return report;
}
