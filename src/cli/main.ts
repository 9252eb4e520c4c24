#!/usr/bin/env node
import { Command } from 'commander';
import { ERROR_EXIT_CODES, environmentError, INTERNAL_ERROR_EXIT, LV2EN_VERSION, Lv2enError } from '../index.js';
import { registerGlossary } from './glossary-command.js';
import { registerModels } from './models-command.js';
import { registerReview } from './review-command.js';
import { registerSegment } from './segment-command.js';
import { registerServe } from './serve-command.js';
import { registerTranslate } from './translate-command.js';
import { registerQueue } from './queue-command.js';
import { registerWorker } from './worker-command.js';

const program = new Command('lv2en')
  .version(LV2EN_VERSION)
  .description(
    'Latvian → English translation you can review: sentence-aligned output from a local MarianMT model, with glossary enforcement.',
  )
  .addHelpText(
    'after',
    `
Examples:
  lv2en translate article.lv.txt -o out/          translate with the default model (fetched once)
  lv2en translate *.txt --model toy -o out/       try the pipeline offline with the test model
  lv2en translate report.docx page.html -o out/   documents come back translated: out/report.en.docx…
  cat a.lv.txt | lv2en translate - > a.en.txt     stdin to stdout
  lv2en segment article.lv.txt --json             see the sentence split with offsets
  lv2en models list                               which models there are and where they live
  lv2en glossary forms Tihanovska                 the case forms a glossary entry matches
  lv2en review import out/belarus.xlf             store a reviewer's corrections for later runs
  lv2en serve --jobs out/                         the translation API and the live review of out/'s jobs

Exit status: 0 done; 2 usage; 3 input file; 4 configuration or glossary; 5 model;
6 review file; 7 translation memory; 8 permission denied; 9 read-only file system;
10 a file where a folder belongs; 11 a folder where a file belongs; 12 disk full;
13 too many open files; 14 translation memory read-only; 15 translation memory locked;
16 output folder in use by another lv2en; 17 queue unreachable;
18 no worker for the model; 19 a worker failed; 20 a damaged or cut-short document;
21 a password-protected document; 22 a macro-enabled document; 23 a ZIP bomb;
24 XML with DTD or entity declarations; 25 a file called .html that is not HTML;
26 an XLIFF version lv2en does not know; 27 broken subtitle timings;
130/143 stopped by SIGINT/SIGTERM (run again to go on); 70 a bug in lv2en (please report it).`,
  )
  .showHelpAfterError('(run with --help for usage)')
  // A mistyped command line is a usage error (exit 2) whichever option caught it; help and --version exit 0.
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : ERROR_EXIT_CODES.USAGE);
  });

registerTranslate(program);
registerSegment(program);
registerModels(program);
registerGlossary(program);
registerReview(program);
registerWorker(program);
registerQueue(program);
registerServe(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportError(error);
});

function reportError(thrown: unknown): number {
  const error = environmentError(thrown) ?? thrown;
  if (error instanceof Lv2enError) {
    process.stderr.write(`lv2en: ${error.toOneLine()}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `lv2en: internal error: ${message}. Please report it with the command you ran${process.env.LV2EN_DEBUG ? '' : ' (LV2EN_DEBUG=1 shows the stack)'}\n`,
  );
  if (process.env.LV2EN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return INTERNAL_ERROR_EXIT;
}
