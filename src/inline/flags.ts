import { defineFlag } from '../core/flags.js';

export const TAG_PLACEMENT_FLAG = defineFlag(
  'tag-placement',
  'warning',
  'an inline code (formatting, a link, a note reference) could not be placed on the translation with confidence: check where it sits',
);
