import { defineFlag } from '../core/flags.js';

export const BOILERPLATE = defineFlag('boilerplate', 'info', 'web page furniture, kept as it is and not translated');
