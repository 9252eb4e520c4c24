import type { StagedFile } from '../core/atomic.js';
import type { Segment } from '../core/segment-record.js';
import type { Provenance } from '../formats/index.js';
import type { Glossary } from '../glossary/index.js';
import type { ReadOptions, SourceDocument } from '../ingest/index.js';
import type { ReviewedTranslations } from '../memory/reviewed.js';
import type { Translator } from '../translate/index.js';

/**
 * A stage is a plugin: one folder under src/stages/, whose index.ts exports a
 * `Stage` named after the folder. It owns its settings and its key, and gets
 * what it needs from the session at setup, once for many documents (as a
 * unified processor is configured once and reused for many files). Data flows
 * one way over one record, `Segment`: ingest reads a file, segment splits it,
 * window stages (translate, glossary, qa, …) each take a window of segments
 * and return the same segments changed, write turns them into files.
 */
export interface StageServices {
  /** The model, loaded on first use (a run that reuses every translation never loads it). Calls are serialised. */
  translator(): Promise<Translator>;
  /** Model identity and decoding settings: what decides the model's output. */
  modelFingerprint: string;
  /** Padded source tokens × decoder rows per batch. */
  batchTokens: number;
  /** Null when the run has no glossary. */
  glossary: Glossary | null;
  /** Reviewed translations; null when the run has no translation memory. */
  reviewed: ReviewedTranslations | null;
  /** The output formats a run writes. */
  formats: readonly string[];
  /**
   * Where the translations come from, for the outputs to record (model name and
   * files' hash, lv2en version, decoding settings). Asked when a document's
   * outputs start, after its first window is translated.
   */
  provenance(): Promise<Provenance>;
}

/** Reports how many segments of the current window are done. */
export type WindowProgress = (doneInWindow: number) => void;

interface StageBase<Role extends string, Instance> {
  name: string;
  role: Role;
  /** A pipeline without it cannot run (a pipeline file may leave out the others). */
  required: boolean;
  /** One line for `--help` and the pipeline file's comments. */
  description: string;
  /** Settings are read here, once; null leaves the stage out of the run (a glossary stage with no glossary). */
  setup(services: StageServices): Instance | null;
}

export interface KeyedInstance {
  /** Everything besides its input that decides the stage's output: settings, dependencies, and a hash of its code. */
  key: string;
}

export interface IngestInstance {
  read(path: string, options?: ReadOptions): Promise<SourceDocument>;
  readStream(stream: NodeJS.ReadableStream, name?: string, options?: ReadOptions): Promise<SourceDocument>;
  /** A document from text already in memory (normalised as a file would be). */
  fromText(text: string, name?: string): SourceDocument;
}

export interface SegmentInstance extends KeyedInstance {
  run(document: SourceDocument): Segment[];
}

/** One document's pass through a window stage. */
export interface WindowPass {
  /**
   * Stages whose results depend on statistics of the whole document (QA's
   * usual length ratio) see every window here before `run` sees any, so no
   * result depends on where one window ends and the next begins.
   */
  learn?(window: readonly Segment[]): void;
  run(window: readonly Segment[], progress: WindowProgress): Promise<Segment[]>;
}

export interface WindowInstance extends KeyedInstance {
  /** A fresh pass for each document (documents may run in parallel). */
  start(): WindowPass;
  /** False: the stage has nothing to do for this document and is left out of its run (and of its stage keys). */
  appliesTo?(document: SourceDocument): boolean;
}

/** Where a document's outputs go, window by window; nothing is visible under the final names before `finish`. */
export interface OutputSink {
  readonly paths: readonly string[];
  add(window: readonly Segment[]): Promise<void>;
  finish(): Promise<void>;
  /** Like `finish`, but leaves the complete, synced files under temporary names for the caller to commit with others. */
  seal(): Promise<StagedFile[]>;
  abort(): Promise<void>;
}

export interface WriteInstance extends KeyedInstance {
  outputPaths(outDir: string, document: SourceDocument): string[];
  open(document: SourceDocument, outDir: string): Promise<OutputSink>;
}

export type IngestStage = StageBase<'ingest', IngestInstance>;
export type SegmentStage = StageBase<'segment', SegmentInstance>;
export type WindowStage = StageBase<'window', WindowInstance>;
export type WriteStage = StageBase<'write', WriteInstance>;

export type Stage = IngestStage | SegmentStage | WindowStage | WriteStage;
