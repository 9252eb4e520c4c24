import { createHash } from 'node:crypto';
import type { Glossary } from '../types.js';

/**
 * A content hash of everything in a glossary that affects matching and
 * enforcement (the glossary stage's key adds a hash of the matching and
 * enforcement code itself). Notes
 * and file locations are left out, so editing a comment or moving a file does
 * not invalidate finished jobs; entry order is kept because it settles
 * collisions.
 */
export function glossaryFingerprint(glossary: Glossary): string {
  const content = glossary.entries.map((e) => [
    e.lemma,
    e.target,
    e.type ?? '',
    e.case,
    e.forms,
    e.explicitForms,
    e.aliases,
    e.notFollowedBy,
    e.replace,
    e.accept,
  ]);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
