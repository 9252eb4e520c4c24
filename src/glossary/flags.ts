import { defineFlag } from '../core/flags.js';

/** The flags the glossary stage sets. */
export const FLAG_REPAIRED = defineFlag('glossary-repaired', 'info', 'the glossary stage replaced a wrong rendering of a term');
export const FLAG_MISSING = defineFlag('glossary-missing', 'warning', 'a glossary term of the source is not in the translation');
const FLAG_UNSOURCED = defineFlag('glossary-unsourced', 'warning', 'a glossary target appears without its Latvian term in the source');
export const FLAG_UNSOURCED_PREFIX = `${FLAG_UNSOURCED}:`;
export const FLAG_CONSTRAINT_REFUSED = defineFlag(
  'constraint-refused',
  'info',
  'the glossary stage kept the plain translation, terms repaired, because its constrained re-decode lost words, repeated a term, changed the length or raised a QA warning',
);
