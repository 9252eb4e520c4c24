import { join } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import { writeFilesAtomically, type PendingFile } from './atomic.js';
import { outputFormats, type WriteInput } from './formats.js';

export { rebuildLayout } from './layout.js';
export { outputFormats, DEFAULT_FORMATS, type OutputFormat, type WriteInput } from './formats.js';
export { writeFilesAtomically } from './atomic.js';

export function checkFormats(formats: readonly string[]): void {
  const unknown = formats.filter((format) => !(format in outputFormats));
  if (unknown.length > 0) {
    throw new Lv2enError('USAGE', `unknown output format "${unknown.join('", "')}"`, `Use a comma-separated list of: ${Object.keys(outputFormats).join(', ')}`);
  }
}

/** Renders the chosen formats and writes them all at once; returns the paths written. */
export async function writeOutputs(input: WriteInput, formats: readonly string[], outDir: string): Promise<string[]> {
  checkFormats(formats);
  const files: PendingFile[] = formats.map((format) => {
    const { suffix, render } = outputFormats[format]!;
    return { path: join(outDir, input.name + suffix), content: render(input) };
  });
  await writeFilesAtomically(files);
  return files.map((file) => file.path);
}
