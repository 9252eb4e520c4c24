/**
 * Every stage lv2en knows, in the order data flows through them. A pipeline
 * file picks from this list (keeping its order); `required` ones cannot be
 * left out. To add a stage: a folder src/stages/<name>/ whose index.ts exports
 * a `Stage` called <name>, and one line here.
 */
import { glossary } from './glossary/index.js';
import { ingest } from './ingest/index.js';
import { qa } from './qa/index.js';
import { segment } from './segment/index.js';
import { tags } from './tags/index.js';
import { translate } from './translate/index.js';
import type { Stage } from './types.js';
import { write } from './write/index.js';

export const STAGES: readonly Stage[] = [ingest, segment, translate, glossary, tags, qa, write];

export const stageNames = (): string[] => STAGES.map((stage) => stage.name);

export type {
  IngestInstance,
  OutputSink,
  SegmentInstance,
  Stage,
  StageServices,
  WindowInstance,
  WindowPass,
  WindowProgress,
  WriteInstance,
} from './types.js';
