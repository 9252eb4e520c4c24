import { fileURLToPath } from 'node:url';

/**
 * The glossary shipped with the package. This file must stay directly under
 * src/glossary/ so the same relative URL works from src (vitest, tsx) and from
 * the compiled dist/glossary/.
 */
export function defaultGlossaryDir(): string {
  return fileURLToPath(new URL('../../glossary/', import.meta.url));
}
