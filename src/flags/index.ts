/**
 * The complete flag registry. Each flag is defined by the module that sets it
 * (core/flags.ts explains the registry); this module loads every one of those
 * definitions, so whoever reads flags here (the writers, the review page, the
 * run summary) knows them all, whichever stages ran.
 */
import '../glossary/flags.js';
import '../inline/flags.js';
import '../memory/flags.js';
import '../qa/flags.js';
import '../segment/flags.js';
import '../translate/flags.js';

export {
  countFlags,
  describeFlag,
  type FlagDefinition,
  flagDetail,
  flagName,
  type FlagSeverity,
  flagSeverity,
  needsReview,
  registeredFlags,
  warningFlags,
} from '../core/flags.js';
