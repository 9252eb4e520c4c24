import { defineFlag } from '../core/flags.js';

/** The flags QA's checks set; each is registered with its severity and meaning. */
export const FLAG = {
  emptyTarget: defineFlag('empty-target', 'warning', 'the translation is empty'),
  untranslated: defineFlag('untranslated', 'warning', 'the translation repeats the Latvian or keeps Latvian words'),
  numberMissing: defineFlag('number-missing', 'warning', 'a number or date of the source is not in the translation'),
  numberFormat: defineFlag('number-format', 'warning', 'a number keeps Latvian notation (80,1 → 80.1; 150 000 → 150,000)'),
  lengthRatio: defineFlag('length-ratio', 'warning', 'the translation is much shorter or longer than this model usually writes'),
  repeatedNgram: defineFlag('repeated-ngram', 'warning', 'words repeat as in a decoder loop'),
  symbolMissing: defineFlag('symbol-missing', 'warning', 'an emoji or symbol of the source (€, °, ©, ✓) is not in the translation'),
  xmlCharDropped: defineFlag(
    'xml-char-dropped',
    'warning',
    'a character XML cannot hold (a control character, U+FFFE, U+FFFF) is left out of the TMX and XLIFF 1.2 files',
  ),
} as const;
