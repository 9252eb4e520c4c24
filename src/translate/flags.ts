import { defineFlag } from '../core/flags.js';

export const SPLIT_LONG_FLAG = defineFlag('split-long', 'info', 'the sentence was too long for the model and was translated in parts');
