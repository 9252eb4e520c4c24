/**
 * The review page's script, inlined into the page and admitted by its CSP
 * hash. It reads the segments from the page's JSON data block and builds
 * every row with DOM calls and `textContent`, never `innerHTML`: text from
 * the source or the translation can only ever be text.
 *
 * Edits live in localStorage under the document's name and a hash of its
 * sources, so a rebuilt page for the same text finds them again; "Export
 * edits" writes them as `<name>.edits.json` for `lv2en review import`.
 *
 * Rows are built when their page is first shown (PAGE_SIZE rows a page): a
 * page of 234,000 segments then opens as fast as its data parses. Glossary
 * hits and flags refer to the data's `terms` and `flags` tables by number.
 *
 * A document sentence's inline codes (bold, a link, an image) show as chips
 * in both texts: {1} opens code 1, {/1} closes it, {3/} stands alone. The
 * editor holds the same chips as text, so a reviewer moves a code by moving
 * its chip; a save that loses, doubles or misnests one is refused.
 *
 * Plain ES2020 in a String.raw literal: no backticks and no dollar-brace in here.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lv2en-data').textContent);
  // Served by lv2en serve: edits go to the server (live.ts), not to this browser's storage.
  var live = data.live || null;
  var segments = data.segments.map(function (r, i) {
    return { id: r[0], paragraph: r[1], source: r[2], target: r[3], glossary: r[4], notes: r[5], kind: r[6] & 1 ? 'boilerplate' : 'sentence', reviewed: !!(r[6] & 2), index: i, tags: r[7] ? { source: r[7][0], target: r[7][1] } : null };
  });
  var terms = data.terms;
  var legend = data.flags;
  var PAGE_SIZE = 500;
  var byId = new Map();
  var rowsEl = document.getElementById('rows');
  var counterEl = document.getElementById('counter');
  var searchEl = document.getElementById('search');
  var filterEl = document.getElementById('flag-filter');
  var emptyEl = document.getElementById('empty');
  var noticeEl = document.getElementById('notice');
  var helpEl = document.getElementById('help');
  var current = null;

  document.title = data.document + ' — lv2en review';
  document.getElementById('doc-name').textContent = data.document;
  if (data.provenance) {
    var provenanceEl = document.getElementById('provenance');
    provenanceEl.textContent = (data.provenance.fixture ? 'Test fixture model “' + data.provenance.model + '”: this English is not a translation. ' : '') +
      data.provenance.text.charAt(0).toUpperCase() + data.provenance.text.slice(1) + '.';
    provenanceEl.classList.toggle('fixture', !!data.provenance.fixture);
    provenanceEl.hidden = false;
  }

  // ---- storage -------------------------------------------------------------
  /** FNV-1a over every id and source (id NUL source, segments joined by U+0001), without building that string. */
  function hashText(list) {
    var h = 0x811c9dc5;
    function feed(text) { for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } }
    list.forEach(function (s, k) { if (k > 0) feed('\u0001'); feed(s.id); feed('\u0000'); feed(s.source); });
    return h.toString(16);
  }
  var storageKey = 'lv2en-review:' + data.document + ':' + hashText(segments);
  // Edits by segment id, in a null-prototype object: an id read from a file may be any text, "__proto__" too.
  var state = { version: 1, segments: Object.create(null) };
  var storage = null;
  if (!live) try {
    storage = window.localStorage;
    var saved = storage.getItem(storageKey);
    if (saved) { var parsed = JSON.parse(saved); if (parsed && parsed.version === 1 && parsed.segments) state.segments = Object.assign(Object.create(null), parsed.segments); }
  } catch (e) {
    storage = null;
    noticeEl.textContent = 'This browser keeps no edits for pages opened from a file: export them before closing the page.';
    noticeEl.hidden = false;
  }
  function save() {
    if (!storage) return;
    try { storage.setItem(storageKey, JSON.stringify(state)); } catch (e) {
      noticeEl.textContent = 'Edits could not be saved in the browser (' + e.name + '): export them.';
      noticeEl.hidden = false;
    }
  }
  function entry(s) { return state.segments[s.id] || null; }
  function targetOf(s) { var e = entry(s); return e && typeof e.target === 'string' ? e.target : (s.target === null ? '' : s.target); }
  function targetTagsOf(s) { var e = entry(s); return e && e.targetTags ? e.targetTags : s.tags ? s.tags.target : []; }
  function sameTags(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function isEdited(s) {
    var e = entry(s);
    return !!(e && ((typeof e.target === 'string' && e.target !== s.target) || (e.targetTags && s.tags && !sameTags(e.targetTags, s.tags.target))));
  }
  function isReviewed(s) { var e = entry(s); return e ? !!e.reviewed : !!s.reviewed; }
  function isFlagged(s) { return s.notes.some(function (n) { return legend[n[0]][1]; }); }
  function editable(s) { return s.kind !== 'boilerplate'; }
  function hitsOf(s) {
    if (!s.hits) s.hits = s.glossary.map(function (h) { return { start: h[0], end: h[1], lemma: terms[h[2]][0], target: terms[h[2]][1], status: h[3] }; });
    return s.hits;
  }
  function notesOf(s) {
    return s.notes.map(function (n) {
      var l = legend[n[0]];
      var detail = n[1];
      return { name: l[0], warning: l[1], flag: detail === null ? l[0] : l[0] + ':' + detail, text: detail === null ? l[2] : l[2] + ': ' + detail };
    });
  }

  // ---- rendering -------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function termTitle(hit) { return hit.lemma + ' → ' + hit.target + ' (' + hit.status + ')'; }
  function mark(hit, text) {
    var m = el('mark', 'term' + (hit.status === 'missing' ? ' missing' : ''), text);
    m.title = termTitle(hit);
    m.dataset.status = hit.status;
    return m;
  }
  // ---- inline codes: tags are [kind's first letter, id, offset, type] ----------------
  function chipText(tag) { return tag[0] === 'o' ? '{' + tag[1] + '}' : tag[0] === 'c' ? '{/' + tag[1] + '}' : '{' + tag[1] + '/}'; }
  function chip(tag) {
    var c = el('span', 'chip ' + tag[0], chipText(tag));
    c.title = (tag[0] === 'o' ? 'start of ' : tag[0] === 'c' ? 'end of ' : '') + tag[3] + ' ' + tag[1];
    c.dataset.tag = tag[1];
    c.dataset.kind = tag[0];
    return c;
  }
  /** Sorted by offset, keeping the record's order where offsets are equal (a close before the next open). */
  function byOffset(tags) { return (tags || []).map(function (t, i) { return [t, i]; }).sort(function (a, b) { return a[0][2] - b[0][2] || a[1] - b[1]; }).map(function (p) { return p[0]; }); }
  /** The text with each code's chip written in: what the editor holds. */
  function withChips(text, tags) {
    var out = '';
    var at = 0;
    byOffset(tags).forEach(function (t) { var to = Math.min(Math.max(t[2], at), text.length); out += text.slice(at, to) + chipText(t); at = to; });
    return out + text.slice(at);
  }
  /** An edited text back as plain text and codes, or the problem: each of the source's codes once, spans closed in order. */
  function readChips(value, sourceTags) {
    var known = Object.create(null);
    sourceTags.forEach(function (t) { known[t[0] + ':' + t[1]] = t; });
    var text = '';
    var tags = [];
    var seen = Object.create(null);
    var open = [];
    var last = 0;
    var pattern = /\{(\/?)([^{}\/\s]+)(\/?)\}/g;
    var m;
    while ((m = pattern.exec(value))) {
      var kind = m[1] && !m[3] ? 'c' : m[3] && !m[1] ? 'i' : !m[1] ? 'o' : '';
      var source = known[kind + ':' + m[2]];
      // Braces that are none of this sentence's codes are the translation's own text.
      if (!source) continue;
      text += value.slice(last, m.index);
      last = pattern.lastIndex;
      if (seen[kind + ':' + m[2]]) return { problem: m[0] + ' is there twice' };
      seen[kind + ':' + m[2]] = true;
      if (kind === 'o') open.push(m[2]);
      else if (kind === 'c') {
        if (open[open.length - 1] !== m[2]) return { problem: m[0] + ' must close ' + (open.length ? '{/' + open[open.length - 1] + '} first' : 'after {' + m[2] + '}') };
        open.pop();
      }
      tags.push([kind, source[1], text.length, source[3]]);
    }
    text += value.slice(last);
    var missing = sourceTags.filter(function (t) { return !seen[t[0] + ':' + t[1]]; }).map(chipText);
    if (missing.length) return { problem: 'keep every code: ' + missing.join(' ') + (missing.length > 1 ? ' are' : ' is') + ' missing' };
    // The saved text is trimmed: codes move with it.
    var lead = text.length - text.replace(/^\s+/, '').length;
    var trimmed = text.trim();
    return { text: trimmed, tags: tags.map(function (t) { return [t[0], t[1], Math.min(trimmed.length, Math.max(0, t[2] - lead)), t[3]]; }) };
  }
  function fullTag(t) { return { kind: t[0] === 'o' ? 'open' : t[0] === 'c' ? 'close' : 'isolated', id: t[1], at: t[2], type: t[3] }; }

  /** Text with marked spans (spans are [start, end, hit], non-overlapping after sorting) and chips for its codes. */
  function fillMarked(node, text, spans, tags) {
    node.textContent = '';
    var codes = byOffset(tags);
    var next = 0;
    /** text[from, to) into parent, each code that sits at an offset in it as a chip. */
    function put(parent, from, to) {
      var at = from;
      for (; next < codes.length && codes[next][2] < to; next++) {
        var x = Math.max(codes[next][2], at);
        if (x > at) parent.appendChild(document.createTextNode(text.slice(at, x)));
        parent.appendChild(chip(codes[next]));
        at = x;
      }
      if (to > at) parent.appendChild(document.createTextNode(text.slice(at, to)));
    }
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    spans.forEach(function (span) {
      if (span[0] < at || span[1] > text.length || span[0] >= span[1]) return;
      if (span[0] > at) put(node, at, span[0]);
      var m = mark(span[2], '');
      node.appendChild(m);
      put(m, span[0], span[1]);
      at = span[1];
    });
    put(node, at, text.length);
    for (; next < codes.length; next++) node.appendChild(chip(codes[next]));
  }
  function sourceSpans(s) { return hitsOf(s).map(function (h) { return [h.start, h.end, h]; }); }
  function targetSpans(s, text) {
    var lower = text.toLocaleLowerCase();
    var taken = [];
    hitsOf(s).forEach(function (h) {
      if (!h.target) return;
      var needle = h.target.toLocaleLowerCase();
      var from = 0;
      while (from <= lower.length) {
        var i = lower.indexOf(needle, from);
        if (i < 0) return;
        var end = i + needle.length;
        var clash = taken.some(function (t) { return i < t[1] && end > t[0]; });
        if (!clash) { taken.push([i, end, h]); return; }
        from = i + 1;
      }
    });
    return taken;
  }
  function renderTarget(s) {
    var node = s.row.querySelector('.tgt');
    var text = targetOf(s);
    fillMarked(node, text, targetSpans(s, text), targetTagsOf(s));
    node.classList.toggle('edited', isEdited(s));
  }
  function renderSide(s) {
    var side = s.row.querySelector('.side');
    side.textContent = '';
    notesOf(s).forEach(function (n) {
      var b = el('span', 'badge ' + (n.warning ? 'warn' : 'info'), n.name);
      b.title = n.text;
      b.dataset.flag = n.name;
      side.appendChild(b);
    });
    if (isEdited(s)) {
      side.appendChild(el('span', 'badge edit', 'edited'));
      var revert = el('button', 'revert', '↺ machine');
      revert.type = 'button';
      revert.title = 'Put the machine translation back';
      revert.addEventListener('click', function (event) { event.stopPropagation(); revertEdit(s); });
      side.appendChild(revert);
    }
    if (editable(s)) {
      var ok = el('button', 'ok', isReviewed(s) ? '✓ reviewed' : '✓ mark reviewed');
      ok.type = 'button';
      ok.setAttribute('aria-pressed', String(isReviewed(s)));
      ok.title = 'Mark this translation as reviewed (r)';
      ok.addEventListener('click', function (event) { event.stopPropagation(); toggleReviewed(s); });
      side.appendChild(ok);
    }
  }
  function renderRow(s) {
    s.row.classList.toggle('reviewed', editable(s) && isReviewed(s));
    s.row.classList.toggle('flagged', isFlagged(s) && !(editable(s) && isReviewed(s)));
    renderTarget(s);
    renderSide(s);
  }

  var paragraphs = new Map();
  segments.forEach(function (s) { byId.set(s.id, s); });
  /** The row of a segment, built the first time it is shown, in segment order within its paragraph's section. */
  function rowOf(s) {
    if (s.row) return s.row;
    var section = paragraphs.get(s.paragraph);
    if (!section) {
      section = el('section', 'para');
      section.dataset.paragraph = String(s.paragraph);
      section.appendChild(el('div', 'para-label', '¶ ' + (s.paragraph + 1)));
      paragraphs.set(s.paragraph, section);
    }
    var row = el('article', 'row' + (s.kind === 'boilerplate' ? ' boilerplate' : ''));
    row.id = 'seg-' + s.id;
    row.dataset.id = s.id;
    row.tabIndex = -1;
    row.appendChild(el('div', 'id', s.id));
    var src = el('div', 'src');
    src.lang = 'lv';
    fillMarked(src, s.source, sourceSpans(s), s.tags && s.tags.source);
    row.appendChild(src);
    var tgt = el('div', 'tgt');
    tgt.lang = 'en';
    if (editable(s)) { tgt.tabIndex = 0; tgt.title = 'Click to edit (Enter saves, Esc cancels)'; }
    row.appendChild(tgt);
    row.appendChild(el('div', 'side'));
    var after = null;
    for (var node = section.lastElementChild; node && node.classList.contains('row') && byId.get(node.dataset.id).index > s.index; node = node.previousElementSibling) after = node;
    section.insertBefore(row, after);
    s.row = row;
    renderRow(s);
    row.addEventListener('click', function () { setCurrent(s, false); });
    if (editable(s)) tgt.addEventListener('click', function (event) { event.stopPropagation(); setCurrent(s, false); startEdit(s); });
    return row;
  }

  // ---- review actions -------------------------------------------------------
  function update(s, change) {
    var e = state.segments[s.id] || { reviewed: !!s.reviewed };
    change(e);
    e.at = new Date().toISOString();
    if (typeof e.target === 'string' && e.target === s.target) delete e.target;
    if (e.targetTags && (!s.tags || sameTags(e.targetTags, s.tags.target))) delete e.targetTags;
    state.segments[s.id] = e;
    save();
    if (page.onChange) page.onChange(s, e);
    renderRow(s);
    refreshCounts();
    applyFilter(true);
  }
  function toggleReviewed(s) { if (editable(s)) update(s, function (e) { e.reviewed = !isReviewed(s); }); }
  function revertEdit(s) { update(s, function (e) { delete e.target; delete e.targetTags; e.reviewed = false; }); }

  var editing = null;
  function startEdit(s) {
    if (!editable(s) || editing === s) return;
    if (editing) finishEdit(true);
    editing = s;
    var node = s.row.querySelector('.tgt');
    var area = document.createElement('textarea');
    area.value = s.tags ? withChips(targetOf(s), targetTagsOf(s)) : targetOf(s);
    area.setAttribute('aria-label', 'Translation of segment ' + s.id);
    area.spellcheck = true;
    area.lang = 'en';
    node.textContent = '';
    node.appendChild(area);
    area.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); finishEdit(true, true); }
      else if (event.key === 'Escape') { event.preventDefault(); finishEdit(false); }
      event.stopPropagation();
    });
    area.addEventListener('blur', function () { if (editing === s) finishEdit(true); });
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }
  /** Enter confirms even an unchanged translation (it was read); leaving the field only keeps a change. */
  function finishEdit(keep, confirm) {
    var s = editing;
    if (!s) return;
    editing = null;
    var area = s.row.querySelector('textarea');
    var read = area && s.tags ? readChips(area.value, s.tags.source) : null;
    if (keep && read && read.problem) {
      // Enter keeps the editor open to mend it; leaving the field drops the edit, and says why.
      if (confirm) {
        editing = s;
        area.classList.add('invalid');
        page.notice('Segment ' + s.id + ' was not saved: ' + read.problem + '.');
        return;
      }
      page.notice('Your edit of segment ' + s.id + ' was not kept: ' + read.problem + '.');
      renderRow(s);
      return;
    }
    var value = read ? read.text : area ? area.value.replace(/\s+$/, '').replace(/^\s+/, '') : targetOf(s);
    var moved = read && !sameTags(read.tags, targetTagsOf(s));
    if (keep && (value !== targetOf(s) || moved || confirm)) {
      update(s, function (e) { e.target = value; if (read) e.targetTags = read.tags; e.reviewed = true; });
    } else {
      renderRow(s);
    }
    s.row.focus();
  }

  // ---- counter, search, filter -------------------------------------------------
  var sentences = segments.filter(editable);
  function refreshCounts() {
    var reviewed = sentences.filter(isReviewed).length;
    counterEl.textContent = '';
    counterEl.appendChild(document.createTextNode(reviewed + ' / ' + sentences.length));
    counterEl.appendChild(el('span', 'of', ' reviewed'));
    counterEl.dataset.reviewed = String(reviewed);
    counterEl.dataset.total = String(sentences.length);
    Array.prototype.forEach.call(filterEl.options, function (option) {
      var f = filters[option.value];
      if (f) option.textContent = f.label + ' (' + segments.filter(f.test).length + ')';
    });
  }
  var filters = {
    all: { label: 'All segments', test: function () { return true; } },
    flagged: { label: 'Needs review (flagged)', test: function (s) { return isFlagged(s) && !(editable(s) && isReviewed(s)); } },
    'any-flag': { label: 'Any warning, reviewed or not', test: isFlagged },
    unreviewed: { label: 'Not yet reviewed', test: function (s) { return editable(s) && !isReviewed(s); } },
    reviewed: { label: 'Reviewed', test: function (s) { return editable(s) && isReviewed(s); } },
    edited: { label: 'Edited', test: isEdited },
  };
  Object.keys(filters).forEach(function (key) { var o = el('option'); o.value = key; filterEl.appendChild(o); });
  legend.map(function (l, index) { return { name: l[0], index: index }; })
    .sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; })
    .forEach(function (flag) {
      filters['flag:' + flag.name] = { label: 'Flag: ' + flag.name, test: function (s) { return s.notes.some(function (n) { return n[0] === flag.index; }); } };
      var o = el('option'); o.value = 'flag:' + flag.name; filterEl.appendChild(o);
    });

  function fold(text) { return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(); }
  function foldedSource(s) { if (s.foldedSource === undefined) s.foldedSource = fold(s.source); return s.foldedSource; }

  // ---- paging -----------------------------------------------------------------------
  var shown = [];
  var onPage = [];
  var pageNumber = 0;
  var pagerEl = document.getElementById('pager');
  var pageInfoEl = document.getElementById('page-info');
  var pageCount = function () { return Math.max(1, Math.ceil(shown.length / PAGE_SIZE)); };
  function showPage() {
    pageNumber = Math.max(0, Math.min(pageNumber, pageCount() - 1));
    onPage.forEach(function (s) { s.row.hidden = true; });
    onPage = shown.slice(pageNumber * PAGE_SIZE, (pageNumber + 1) * PAGE_SIZE);
    var sections = [];
    onPage.forEach(function (s) {
      var row = rowOf(s);
      row.hidden = false;
      if (sections[sections.length - 1] !== row.parentNode) sections.push(row.parentNode);
    });
    rowsEl.replaceChildren.apply(rowsEl, sections);
    pagerEl.hidden = pageCount() <= 1;
    pageInfoEl.textContent = 'page ' + (pageNumber + 1) + ' of ' + pageCount();
    pagerEl.dataset.page = String(pageNumber + 1);
    pagerEl.dataset.pages = String(pageCount());
  }
  /** Shows the page holding s (it must pass the filter). */
  function reveal(s) {
    if (s.row && !s.row.hidden && s.row.isConnected) return;
    var at = shown.indexOf(s);
    if (at >= 0) { pageNumber = Math.floor(at / PAGE_SIZE); showPage(); }
  }
  document.getElementById('page-prev').addEventListener('click', function () { pageNumber--; showPage(); window.scrollTo(0, 0); });
  document.getElementById('page-next').addEventListener('click', function () { pageNumber++; showPage(); window.scrollTo(0, 0); });

  function applyFilter(keepPage) {
    var f = filters[filterEl.value] || filters.all;
    var query = fold(searchEl.value.trim());
    shown = segments.filter(function (s) {
      return f.test(s) && (query === '' || foldedSource(s).indexOf(query) >= 0 || fold(targetOf(s)).indexOf(query) >= 0 || s.id === query);
    });
    if (keepPage !== true) pageNumber = 0;
    showPage();
    emptyEl.hidden = shown.length > 0;
    rowsEl.dataset.shown = String(shown.length);
  }
  searchEl.addEventListener('input', function () { applyFilter(); });
  filterEl.addEventListener('change', function () { applyFilter(); });

  // ---- export ---------------------------------------------------------------------
  if (!live) document.getElementById('export').addEventListener('click', function () {
    var out = {
      format: 'lv2en-review-edits',
      version: 1,
      document: data.document,
      exportedAt: new Date().toISOString(),
      segments: sentences.filter(function (s) { return state.segments[s.id] && isReviewed(s); }).map(function (s) {
        var edit = { id: s.id, source: s.source, target: targetOf(s), machineTarget: s.target, edited: isEdited(s) };
        if (s.tags) { edit.sourceTags = s.tags.source.map(fullTag); edit.targetTags = targetTagsOf(s).map(fullTag); }
        return edit;
      }),
    };
    var blob = new Blob([JSON.stringify(out, null, 2) + '\n'], { type: 'application/json' });
    var link = el('a');
    link.href = URL.createObjectURL(blob);
    link.download = data.document + '.edits.json';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  // ---- keyboard ---------------------------------------------------------------------
  function visible() { return shown; }
  function setCurrent(s, scroll) {
    if (current && current.row) current.row.classList.remove('current');
    current = s;
    if (!s) return;
    reveal(s);
    rowOf(s).classList.add('current');
    if (scroll !== false) { s.row.scrollIntoView({ block: 'nearest' }); s.row.focus({ preventScroll: true }); }
  }
  function move(step, onlyFlagged) {
    var list = visible().filter(function (s) { return !onlyFlagged || isFlagged(s); });
    if (list.length === 0) return;
    var i = current ? list.indexOf(current) : -1;
    if (i < 0) { setCurrent(step > 0 ? list[0] : list[list.length - 1]); return; }
    setCurrent(list[Math.max(0, Math.min(list.length - 1, i + step))]);
  }
  document.getElementById('help-toggle').addEventListener('click', function () { helpEl.hidden = !helpEl.hidden; });
  document.addEventListener('keydown', function (event) {
    var t = event.target;
    if (t === searchEl) {
      if (event.key === 'Escape' || event.key === 'Enter') { event.preventDefault(); searchEl.blur(); move(1); }
      return;
    }
    if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.tagName === 'INPUT')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // A row reached with Tab becomes the current one.
    var focusedRow = t && t.closest ? t.closest('article.row') : null;
    if (focusedRow && (!current || current.row !== focusedRow)) setCurrent(byId.get(focusedRow.dataset.id), false);
    var key = event.key;
    if (key === 'j' || key === 'ArrowDown') { event.preventDefault(); move(1); }
    else if (key === 'k' || key === 'ArrowUp') { event.preventDefault(); move(-1); }
    else if (key === 'n') { event.preventDefault(); move(1, true); }
    else if (key === 'p') { event.preventDefault(); move(-1, true); }
    else if ((key === 'Enter' || key === 'e') && current) { event.preventDefault(); startEdit(current); }
    else if (key === 'r' && current) { event.preventDefault(); toggleReviewed(current); }
    else if (key === '/') { event.preventDefault(); searchEl.focus(); searchEl.select(); }
    else if (key === 'f') { event.preventDefault(); filterEl.value = filterEl.value === 'flagged' ? 'all' : 'flagged'; applyFilter(); }
    else if (key === '?') { helpEl.hidden = !helpEl.hidden; }
  });

  // What the live mode (live.ts) works with: the page's records and state, and a hook called after every change.
  var page = window.lv2enReviewPage = {
    data: data, segments: segments, byId: byId, state: state, legend: legend, terms: terms,
    renderRow: function (s) { if (s.row) { fillMarked(s.row.querySelector('.src'), s.source, sourceSpans(s), s.tags && s.tags.source); renderRow(s); } },
    refresh: function () { refreshCounts(); if (!editing) applyFilter(true); },
    editing: function () { return editing; },
    targetTagsOf: targetTagsOf,
    notice: function (text) { noticeEl.textContent = text; noticeEl.hidden = text === ''; },
    onChange: null,
  };

  refreshCounts();
  applyFilter();
  document.documentElement.dataset.ready = 'true';
})();
`;
