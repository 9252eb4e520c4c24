/** The review page's stylesheet, inlined into the page (its CSP admits it by hash). */
export const PAGE_STYLE = String.raw`
:root {
  --bg: #f7f7f5; --paper: #fff; --ink: #1d1d1f; --muted: #6b6b72; --line: #e2e2e6;
  --accent: #2358c4; --warn: #b54708; --warn-bg: #fff4e5; --info-bg: #eef2f8; --info: #44546f;
  --ok: #18794e; --ok-bg: #e9f7ef; --term: #fff1b8; --term-missing: #ffd6d6; --current: #e8efff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
.bar {
  position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  padding: .6rem 1.2rem; background: var(--paper); border-bottom: 1px solid var(--line); box-shadow: 0 1px 3px rgba(0,0,0,.04);
}
.bar h1 { font-size: 1.05rem; margin: 0; font-weight: 600; }
.bar h1 small { font-weight: 400; color: var(--muted); margin-left: .4rem; }
.bar .grow { flex: 1; }
#counter { font-variant-numeric: tabular-nums; color: var(--ok); font-weight: 600; }
#counter .of { color: var(--muted); font-weight: 400; }
.bar input[type=search] { width: 16rem; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.bar select, .bar button { padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--paper); font: inherit; cursor: pointer; }
.bar button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
#notice { flex-basis: 100%; margin: 0; color: var(--warn); font-size: .85rem; }
#provenance { flex-basis: 100%; margin: 0; color: var(--muted); font-size: .8rem; }
#provenance.fixture { color: var(--warn); font-weight: 600; }
#help { margin: .5rem 1.2rem; padding: .6rem 1rem; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; font-size: .9rem; }
#help kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 .3rem; font-size: .85em; background: var(--bg); }
.head, .row { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr) minmax(0, 1fr) 12.5rem; gap: 0 1rem; }
.head { padding: .5rem 1.2rem .2rem; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
main { padding: 0 1.2rem 4rem; }
.para { margin: .8rem 0; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.para-label { padding: .25rem .8rem; font-size: .75rem; color: var(--muted); background: #fafafa; border-bottom: 1px solid var(--line); }
.row { padding: .55rem .8rem; border-left: 4px solid transparent; line-height: 1.45; }
.row + .row { border-top: 1px solid var(--line); }
.row.current { background: var(--current); }
.row.flagged { border-left-color: var(--warn); }
.row.reviewed { border-left-color: var(--ok); }
.row.boilerplate { color: var(--muted); font-style: italic; }
.row .id { color: var(--muted); font-size: .8rem; font-variant-numeric: tabular-nums; padding-top: .15rem; }
.src, .tgt { white-space: pre-wrap; overflow-wrap: anywhere; }
.tgt { border-radius: 4px; padding: 0 .2rem; margin: 0 -.2rem; }
.row:not(.boilerplate) .tgt { cursor: text; }
.row:not(.boilerplate) .tgt:hover { background: rgba(35,88,196,.06); outline: 1px dashed rgba(35,88,196,.35); }
.tgt.edited { background: var(--ok-bg); }
.tgt textarea { width: 100%; min-height: 3.2em; font: inherit; line-height: 1.45; padding: .2rem; border: 1px solid var(--accent); border-radius: 4px; resize: vertical; }
mark.term { background: var(--term); border-radius: 3px; padding: 0 1px; color: inherit; cursor: help; }
mark.term.missing { background: var(--term-missing); }
.chip { display: inline-block; font-size: .7rem; line-height: 1.3; padding: 0 .3rem; margin: 0 1px; border-radius: 4px; background: #ece8fb; color: #4b3aa3; border: 1px solid #cfc6f3; font-family: ui-monospace, monospace; vertical-align: .1em; cursor: help; }
.chip.i { background: #eef2f8; color: var(--info); border-color: #d3dbea; }
.tgt textarea.invalid { border-color: var(--warn); background: var(--warn-bg); }
.side { display: flex; flex-wrap: wrap; gap: .25rem; align-content: flex-start; align-items: flex-start; }
.badge { display: inline-block; font-size: .72rem; line-height: 1.5; padding: 0 .45rem; border-radius: 999px; white-space: nowrap; cursor: help; }
.badge.warn { background: var(--warn-bg); color: var(--warn); border: 1px solid #f5c48a; }
.badge.info { background: var(--info-bg); color: var(--info); border: 1px solid #d3dbea; }
.badge.edit { background: var(--ok-bg); color: var(--ok); border: 1px solid #a8dcc0; }
.side button { font-size: .72rem; line-height: 1.5; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line); background: var(--paper); cursor: pointer; }
.side button.ok[aria-pressed=true] { background: var(--ok); border-color: var(--ok); color: #fff; }
#empty { margin: 2rem 1.2rem; color: var(--muted); }
[hidden] { display: none !important; }
@media (max-width: 900px) { .head { display: none; } .row { grid-template-columns: 2.4rem minmax(0, 1fr); } .row .tgt { grid-column: 2; } .row .side { grid-column: 2; } }
`;
