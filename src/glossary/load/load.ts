/** Read glossary files and folders from disk. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultGlossaryDir } from '../default-path.js';
import type { Glossary, GlossaryProblem } from '../types.js';
import { buildGlossary } from './build.js';
import { errorFromProblems, problem } from './problems.js';
import type { RawEntry } from './schema.js';
import { parseGlossaryFile } from './schema.js';

const GLOSSARY_FILE = /\.ya?ml$/iu;

/** Expand folders to their *.yaml / *.yml files (sorted, so merge order is stable); report paths that do not exist. */
async function listFiles(paths: readonly string[]): Promise<{ files: string[]; problems: GlossaryProblem[] }> {
  const files: string[] = [];
  const problems: GlossaryProblem[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      problems.push(
        problem('error', 'not-found', `Glossary \`${path}\` does not exist`, 'Pass a .yaml file or a folder of .yaml files', {
          file: path,
        }),
      );
    } else if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => GLOSSARY_FILE.test(n)).sort();
      if (names.length === 0)
        problems.push(
          problem(
            'error',
            'empty-folder',
            `Folder \`${path}\` has no .yaml files`,
            'Add a glossary file ending in .yaml, or pass the file itself',
            { file: path },
          ),
        );
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return { files, problems };
}

export interface GlossaryCheck {
  files: string[];
  /** Errors and warnings, in file order. */
  problems: GlossaryProblem[];
  /** Present when there were no errors. */
  glossary?: Glossary;
}

function asList(path: string | readonly string[] | undefined): string[] {
  if (path === undefined) return [defaultGlossaryDir()];
  return typeof path === 'string' ? [path] : [...path];
}

/** Load and report every problem instead of stopping at the first (`lv2en glossary check`). */
export async function checkGlossaryFiles(path?: string | readonly string[]): Promise<GlossaryCheck> {
  const { files, problems } = await listFiles(asList(path));
  const raws: RawEntry[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      problems.push(
        problem('error', 'unreadable', `Cannot read \`${file}\`: ${(error as Error).message}`, 'Check the file exists and is readable', {
          file,
        }),
      );
      return undefined;
    });
    if (text === undefined) continue;
    const parsed = parseGlossaryFile(text, file);
    problems.push(...parsed.problems);
    raws.push(...parsed.entries);
  }
  const built = buildGlossary(raws, files);
  problems.push(...built.problems);
  const hasErrors = problems.some((p) => p.severity === 'error');
  return hasErrors ? { files, problems } : { files, problems, glossary: built.glossary };
}

/**
 * Load one or more glossary files or folders (default: the glossary shipped
 * with lv2en). Throws Lv2enError GLOSSARY_INVALID at the first error.
 */
export async function loadGlossary(path?: string | string[]): Promise<Glossary> {
  const checked = await checkGlossaryFiles(path);
  const error = errorFromProblems(checked.problems);
  if (error) throw error;
  if (!checked.glossary) throw new Error('unreachable: glossary without errors is always built');
  return checked.glossary;
}

/** Build a glossary from YAML text (tests, embedding); `file` labels positions in errors. */
export function glossaryFromYaml(text: string, file = '<glossary>'): Glossary {
  const parsed = parseGlossaryFile(text, file);
  const built = buildGlossary(parsed.entries, [file]);
  const error = errorFromProblems([...parsed.problems, ...built.problems]);
  if (error) throw error;
  return built.glossary;
}
