import { defineFlag } from '../core/flags.js';

/** The flags the glossary stage sets. */
export const FLAG_REPAIRED = defineFlag('glossary-repaired', 'info', 'the glossary stage replaced a wrong rendering of a term');
export const FLAG_MISSING = defineFlag('glossary-missing', 'warning', 'a glossary term of the source is not in the translation');
const FLAG_UNSOURCED = defineFlag('glossary-unsourced', 'warning', 'a glossary target appears without its Latvian term in the source');
export const FLAG_UNSOURCED_PREFIX = `${FLAG_UNSOURCED}:`;
