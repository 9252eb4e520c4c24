import { createHash } from 'node:crypto';
import type { Glossary } from '../types.js';

/**
 * Bump when matching or enforcement logic changes in a way that changes
 * results for an unchanged glossary. Declension changes need no bump: the
 * generated forms are part of the hash.
 */
const ENGINE_VERSION = 2; // 2: vocatives, another person's first name, vetoes past adverbs

/**
 * A content hash of everything that affects matching and enforcement. Notes
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
  return createHash('sha256')
    .update(JSON.stringify({ engine: ENGINE_VERSION, content }))
    .digest('hex');
}
