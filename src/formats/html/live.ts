import { describeFlag, flagDetail, flagName, flagSeverity } from '../../flags/index.js';

/**
 * The review page's live mode, for the page `lv2en serve` shows at
 * /review/<job>: the same page, whose edits go to the server instead of the
 * browser's storage. A second script, run after the page's own one, takes the
 * page's records and state (`window.lv2enReviewPage`) and:
 *
 * - applies the server's state of each segment (its translation, review
 *   state, version, and the glossary and QA verdict on it);
 * - sends every change as a save carrying the version it was made on, and
 *   shows the verdict that comes back; a save someone else overtook gets a
 *   409 and the current text, shown instead, with the unsaved text in a notice;
 * - follows the other reviewers' saves as server-sent events (and reloads the
 *   state on every reconnection, so nothing sent while away is missed); a
 *   segment being edited is updated only when its editor is closed;
 * - turns "Export edits" into "Re-export" (the job's outputs rebuilt from
 *   the reviewed state).
 *
 * Like the page's script it writes text with `textContent` only. Plain
 * ES2020 in a String.raw literal: no backticks and no dollar-brace in here.
 */

/** A flag as the live page needs it: the page's legend may not know it yet. */
export interface LiveFlag {
  name: string;
  warning: boolean;
  description: string;
  detail: string | null;
}

/** The server's state of one segment, over the machine record the page was built from. */
export interface LiveOverlay {
  version: number;
  state: 'todo' | 'edited' | 'approved';
  target: string | null;
  glossary: { start: number; end: number; lemma: string; target: string; status: string }[];
  flags: LiveFlag[];
  /** A document sentence's codes on `target`, as the page shows them: [kind's first letter, id, offset, type]. */
  targetTags?: (readonly [string, string, number, string])[];
}

/** What a live page carries in its data: its API and the segments whose state is not the machine record's. */
export interface LivePage {
  /** Path of the job's API on the page's own origin: `<api>/segments/<id>`, `<api>/events`, `<api>/reexport`. */
  api: string;
  segments: Record<string, LiveOverlay>;
}

export const liveFlag = (flag: string): LiveFlag => {
  const name = flagName(flag);
  return { name, warning: flagSeverity(flag) === 'warning', description: describeFlag(name), detail: flagDetail(flag) };
};

export const LIVE_STYLE = String.raw`
#live-status { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
#live-status.offline { color: var(--warn); font-weight: 600; }
`;

export const LIVE_SCRIPT = String.raw`
(function () {
  'use strict';
  var page = window.lv2enReviewPage;
  if (!page || !page.data.live) return;
  var api = page.data.live.api;
  // Names this page's own re-exports, whose event every page hears (this one too, possibly after its own answer).
  var reviewer = Math.random().toString(36).slice(2);
  var versions = Object.create(null);
  var pending = Object.create(null);
  var root = document.documentElement;

  var statusEl = document.createElement('span');
  statusEl.id = 'live-status';
  var counterEl = document.getElementById('counter');
  counterEl.parentNode.insertBefore(statusEl, counterEl.nextSibling);
  var exportEl = document.getElementById('export');
  exportEl.textContent = 'Re-export';
  exportEl.title = 'Rebuild this job’s output files from the reviewed translations';

  function legendIndex(flag) {
    for (var i = 0; i < page.legend.length; i++) if (page.legend[i][0] === flag.name) return i;
    page.legend.push([flag.name, flag.warning, flag.description]);
    return page.legend.length - 1;
  }
  /** The server's state of s, shown: its translation, verdict and review state. */
  function apply(s, o) {
    versions[s.id] = o.version;
    var entry = { reviewed: o.state === 'approved' };
    if (typeof o.target === 'string' && o.target !== s.target) entry.target = o.target;
    if (o.targetTags && s.tags && JSON.stringify(o.targetTags) !== JSON.stringify(s.tags.target)) entry.targetTags = o.targetTags;
    page.state.segments[s.id] = entry;
    s.hits = o.glossary.map(function (h) { return { start: h.start, end: h.end, lemma: h.lemma, target: h.target, status: h.status }; });
    s.notes = o.flags.map(function (f) { return [legendIndex(f), f.detail]; });
    s.liveState = o.state;
    page.renderRow(s);
  }
  /** Server states, each applied unless older than what the page shows; a segment being edited waits for its editor to close. */
  function applyAll(list) {
    list.forEach(function (o) {
      var s = page.byId.get(o.id);
      if (!s || (versions[s.id] !== undefined && o.version < versions[s.id])) return;
      if (page.editing() === s) { pending[s.id] = o; return; }
      apply(s, o);
    });
    page.refresh();
    showStatus();
  }
  function applyPending(s) {
    var o = pending[s.id];
    delete pending[s.id];
    if (o && o.version >= (versions[s.id] || 0)) { apply(s, o); page.refresh(); showStatus(); }
  }
  function showStatus() {
    var counts = { todo: 0, edited: 0, approved: 0 };
    page.segments.forEach(function (s) { if (s.kind !== 'boilerplate') counts[s.liveState || 'todo'] += 1; });
    statusEl.textContent = counts.todo + ' to do · ' + counts.edited + ' edited · ' + counts.approved + ' approved';
    statusEl.dataset.todo = String(counts.todo);
    statusEl.dataset.edited = String(counts.edited);
    statusEl.dataset.approved = String(counts.approved);
  }
  function send(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) { return { status: response.status, body: json }; });
    }, function (error) { return { status: 0, body: { error: String(error && error.message || error) } }; });
  }

  page.onChange = function (s, e) {
    var edited = typeof e.target === 'string' && e.target !== s.target;
    var state = e.reviewed ? 'approved' : edited ? 'edited' : 'todo';
    var body = { version: versions[s.id] || 0, state: state };
    var text = edited ? e.target : s.target;
    if (state !== 'todo') body.target = text;
    // A document sentence's codes go where the reviewer left them (the server checks that each is there once).
    if (state !== 'todo' && s.tags)
      body.targetTags = page.targetTagsOf(s).map(function (t) { return { kind: t[0] === 'o' ? 'open' : t[0] === 'c' ? 'close' : 'isolated', id: t[1], at: t[2] }; });
    s.liveState = state;
    showStatus();
    send('PUT', api + '/segments/' + encodeURIComponent(s.id), body).then(function (r) {
      if (r.status === 200 && r.body && r.body.segments) {
        page.notice('');
        applyAll(r.body.segments);
      } else if (r.status === 409 && r.body && r.body.current) {
        apply(s, r.body.current);
        page.refresh();
        showStatus();
        page.notice('Segment ' + s.id + ' was saved by someone else first, so yours was not saved; theirs is shown. Yours was: “' + text + '”');
      } else {
        page.notice('Segment ' + s.id + ' was not saved: ' + (r.body && r.body.error ? r.body.error : 'the server did not answer') + '.');
      }
      applyPending(s);
    });
  };

  exportEl.addEventListener('click', function () {
    exportEl.disabled = true;
    page.notice('Re-exporting…');
    send('POST', api + '/reexport', { reviewer: reviewer }).then(function (r) {
      exportEl.disabled = false;
      page.notice(r.status === 200 && r.body ? 'Re-exported: ' + r.body.outputs.join(', ') : 'Re-export failed: ' + (r.body && r.body.error ? r.body.error : 'the server did not answer'));
    });
  });

  function resync() {
    return send('GET', api + '/segments').then(function (r) { if (r.status === 200 && r.body) applyAll(r.body.segments); });
  }
  function connect() {
    if (typeof EventSource !== 'function') { setInterval(resync, 5000); return; }
    var events = new EventSource(api + '/events');
    events.addEventListener('hello', function () {
      statusEl.classList.remove('offline');
      resync().then(function () { root.dataset.live = 'connected'; });
    });
    events.addEventListener('saved', function (event) { applyAll(JSON.parse(event.data).segments); });
    events.addEventListener('reexported', function (event) {
      var data = JSON.parse(event.data);
      if (data.by !== reviewer) page.notice('Re-exported by another reviewer: ' + data.outputs.join(', '));
    });
    events.onerror = function () { statusEl.classList.add('offline'); statusEl.textContent = 'offline: reconnecting…'; root.dataset.live = 'offline'; };
  }

  Object.keys(page.data.live.segments).forEach(function (id) {
    var s = page.byId.get(id);
    if (s) apply(s, page.data.live.segments[id]);
  });
  page.refresh();
  showStatus();
  root.dataset.live = 'ready';
  connect();
})();
`;
