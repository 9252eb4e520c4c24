import { createHash } from 'node:crypto';
import type { InlineTag, Segment } from '../../core/segment-record.js';
import { LV2EN_VERSION } from '../../core/version.js';
import { flagDetail, flagName, flagSeverity, describeFlag } from '../../flags/index.js';
import { isReviewedFromMemory } from '../../memory/flags.js';
import { describeProvenance } from '../provenance.js';
import type { ChunkRenderer, DocumentInfo, WriteInput } from '../types.js';
import { PAGE_SCRIPT } from './client.js';
import { LIVE_SCRIPT, LIVE_STYLE, type LivePage } from './live.js';
import { PAGE_STYLE } from './style.js';

/**
 * The review page: one self-contained HTML file. The markup around the data
 * is fixed; the segments travel as JSON in a non-executing
 * `<script type="application/json">` block, with every `<`, `>` and `&`
 * written as a \u escape so no text can close the block. The page's own
 * script builds the rows with `textContent`. A Content-Security-Policy admits
 * only this script and stylesheet (by hash) and forbids every network fetch,
 * so even markup that slipped through could neither run nor call out.
 *
 * A long document stays quick to open (a 20 MB input is 234,000 segments):
 * each glossary term and each flag's meaning is written once, in tables after
 * the segments, which refer to them by number, and the page builds rows one
 * page of them at a time.
 */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const pageCsp = (scripts: readonly string[], styles: readonly string[], connect: string) =>
  [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${styles.map(sha256).join(' ')}`,
    "img-src 'none'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

const CSP = pageCsp([PAGE_SCRIPT], [PAGE_STYLE], "'none'");
/** The live page (served by lv2en serve) may talk to its own origin, and nothing else. */
export const LIVE_PAGE_CSP = pageCsp([PAGE_SCRIPT, LIVE_SCRIPT], [PAGE_STYLE, LIVE_STYLE], "'self'");

const pageHead = (csp: string, extraStyle = '') => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="lv2en ${LV2EN_VERSION}">
<meta name="referrer" content="no-referrer">
<title>lv2en review</title>
<style>${PAGE_STYLE}</style>${extraStyle}
</head>
<body>
<header class="bar">
  <h1>lv2en review <small id="doc-name"></small></h1>
  <span id="counter" aria-live="polite"></span>
  <span class="grow"></span>
  <input id="search" type="search" placeholder="Search  (/)" aria-label="Search source and translation" autocomplete="off">
  <select id="flag-filter" aria-label="Show segments"></select>
  <span id="pager" hidden><button id="page-prev" type="button" title="Previous page">‹</button> <span id="page-info"></span> <button id="page-next" type="button" title="Next page">›</button></span>
  <button id="export" class="primary" type="button" title="Download the reviewed translations for lv2en review import">Export edits</button>
  <button id="help-toggle" type="button" aria-controls="help" title="Keyboard shortcuts (?)">?</button>
  <p id="notice" hidden></p>
  <p id="provenance" hidden></p>
</header>
<div id="help" hidden>
  <kbd>j</kbd>/<kbd>↓</kbd> next · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>n</kbd>/<kbd>p</kbd> next/previous flagged ·
  <kbd>Enter</kbd> or <kbd>e</kbd> edit (<kbd>Enter</kbd> saves and marks reviewed, <kbd>Shift</kbd>+<kbd>Enter</kbd> new line, <kbd>Esc</kbd> cancels) ·
  <kbd>r</kbd> mark reviewed · <kbd>/</kbd> search · <kbd>f</kbd> flagged only · <kbd>?</kbd> this help.
  Click a translation to edit it. Edits stay in this browser; <b>Export edits</b> saves them as a file for <code>lv2en review import</code>.
</div>
<div class="head" aria-hidden="true"><span>#</span><span>Latvian</span><span>English</span><span>Flags</span></div>
<main id="rows" aria-label="Segments"></main>
<p id="empty" hidden>No segment matches the search and filter.</p>
<noscript><p>This page builds its rows with JavaScript. The same sentences are in the .tsv and .jsonl files next to it.</p></noscript>
<script type="application/json" id="lv2en-data">`;

const pageTail = (extraScript = '') => `</script>
<script>${PAGE_SCRIPT}</script>${extraScript}
</body>
</html>
`;

const HEAD = pageHead(CSP);
const TAIL = pageTail();
const LIVE_HEAD = pageHead(LIVE_PAGE_CSP, `\n<style>${LIVE_STYLE}</style>`);
const LIVE_TAIL = pageTail(`\n<script>${LIVE_SCRIPT}</script>`);

/** JSON safe inside a script element: nothing in it can end the element or start a comment. */
export const jsonForScript = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** Glossary terms and flag meanings, numbered as the segments first use them. */
class PageTables {
  private readonly terms = new Map<string, number>();
  private readonly flags = new Map<string, number>();
  private readonly termRows: [lemma: string, target: string][] = [];
  private readonly flagRows: [name: string, warning: boolean, description: string][] = [];

  term(lemma: string, target: string): number {
    const key = `${lemma}\u0000${target}`;
    let index = this.terms.get(key);
    if (index === undefined) {
      this.terms.set(key, (index = this.termRows.length));
      this.termRows.push([lemma, target]);
    }
    return index;
  }

  flag(flag: string): number {
    const name = flagName(flag);
    let index = this.flags.get(name);
    if (index === undefined) {
      this.flags.set(name, (index = this.flagRows.length));
      this.flagRows.push([name, flagSeverity(flag) === 'warning', describeFlag(name)]);
    }
    return index;
  }

  json(): string {
    return `"terms":${jsonForScript(this.termRows)},"flags":${jsonForScript(this.flagRows)}`;
  }
}

/** Bits of a page record's last field. */
const PAGE_BOILERPLATE = 1;
const PAGE_REVIEWED = 2;

/** A code as the page shows it: [kind's first letter, id, offset, type]; its markup stays out of the page. */
export const pageTag = (tag: InlineTag) => [tag.kind.charAt(0), tag.id, tag.at, tag.type] as const;

/**
 * What the page needs of a segment, as an array (no key repeated 234,000
 * times): [id, paragraph, source, target, hits, flags, bits] and, for a
 * document sentence with inline codes, [source codes, target codes]. Hits
 * are [start, end, term, status] and flags [flag, detail or null], numbers
 * into the tables; bits: PAGE_BOILERPLATE, PAGE_REVIEWED.
 */
function pageRecord(segment: Segment, tables: PageTables) {
  const codes = segment.sourceTags?.length ? [[segment.sourceTags.map(pageTag), (segment.targetTags ?? []).map(pageTag)]] : [];
  return [
    segment.id,
    segment.paragraph,
    segment.source,
    segment.target,
    segment.glossary.map((hit) => [hit.start, hit.end, tables.term(hit.lemma, hit.target), hit.status]),
    segment.flags.map((flag) => [tables.flag(flag), flagDetail(flag)]),
    (segment.kind === 'boilerplate' ? PAGE_BOILERPLATE : 0) | (isReviewedFromMemory(segment) ? PAGE_REVIEWED : 0),
    ...codes,
  ];
}

/** What the page says of where its translations come from; null when unknown. */
const pageProvenance = (provenance: DocumentInfo['provenance']) =>
  provenance ? { fixture: provenance.fixture, model: provenance.model, text: describeProvenance(provenance) } : null;

/** Streams the page: the fixed head, one JSON record per segment, the tables, the fixed tail. With `live`, the live page. */
export function reviewPageRenderer(document: Pick<DocumentInfo, 'name' | 'provenance'> & { live?: LivePage }): ChunkRenderer {
  const tables = new PageTables();
  let started = false;
  let first = true;
  const head = () => {
    if (started) return '';
    started = true;
    return (
      (document.live ? LIVE_HEAD : HEAD) +
      `{"format":"lv2en-review-page","version":3,"lv2en":${jsonForScript(LV2EN_VERSION)},"document":${jsonForScript(document.name)},` +
      `"provenance":${jsonForScript(pageProvenance(document.provenance))},` +
      `${document.live ? `"live":${jsonForScript(document.live)},` : ''}"segments":[\n`
    );
  };
  return {
    chunk: (segments) => {
      let out = head();
      for (const segment of segments) {
        out += (first ? '' : ',\n') + jsonForScript(pageRecord(segment, tables));
        first = false;
      }
      return out;
    },
    finish: () => `${head()}\n],${tables.json()}}${document.live ? LIVE_TAIL : TAIL}`,
  };
}

export function renderReviewPage(input: Pick<WriteInput, 'name' | 'segments' | 'provenance'> & { live?: LivePage }): string {
  const renderer = reviewPageRenderer(input);
  return renderer.chunk(input.segments) + renderer.finish();
}
