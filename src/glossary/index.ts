/**
 * The glossary stage: load YAML glossaries, find terms through Latvian
 * inflection, and verify or repair the English.
 */
export type {
  CaseRule,
  DeclensionHint,
  FormHint,
  Gender,
  Glossary,
  GlossaryEntry,
  GlossaryProblem,
  NumberHint,
  ProblemSeverity,
  SourceLocation,
  TermMatch,
  TermType,
} from './types.js';

export { loadGlossary, checkGlossaryFiles, glossaryFromYaml } from './load/load.js';
export type { GlossaryCheck } from './load/load.js';
export { formatProblem } from './load/problems.js';
export { defaultGlossaryDir } from './default-path.js';

export { findTerms } from './match/find.js';

export { applyGlossary, FLAG_MISSING, FLAG_REPAIRED, FLAG_UNSOURCED_PREFIX } from './enforce/apply.js';
export type { ApplyOptions, ApplyResult } from './enforce/apply.js';
export { requiredTargets } from './enforce/required.js';
export type { RequiredTarget } from './enforce/required.js';

export { generateForms, paradigm } from './latvian/forms.js';
export type { Paradigm, ParadigmWord } from './latvian/forms.js';
export type { Cell as ParadigmCell } from './latvian/paradigm.js';

export { lintGlossary, checkText } from './report/lint.js';
export type { TextCheck } from './report/lint.js';
export { checkGlossary } from './report/check.js';
export type { GlossaryCheckReport } from './report/check.js';
export { formatParadigm } from './report/format.js';
export { summariseHits } from './report/summary.js';
export type { TermSummary } from './report/summary.js';
export { glossaryFingerprint } from './report/fingerprint.js';
