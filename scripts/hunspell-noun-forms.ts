/**
 * Builds the real-Latvian declension test set (test/fixtures/glossary/hunspell-nouns.jsonl) from the
 * Latvian Hunspell dictionary (npm `dictionary-lv` 2.0.0 = Jānis Eisaks' lv_LV 1.4.0, LGPL-2.1; see
 * test/fixtures/glossary/README.md). Nothing here knows lv2en's declension rules: every form is the
 * dictionary's own affix rule applied to the dictionary's own entry, the way `unmunch` expands them.
 *
 *   npx tsx scripts/hunspell-noun-forms.ts            # rewrite the fixture
 *   npx tsx scripts/hunspell-noun-forms.ts --stdout   # print it instead
 *   npx tsx scripts/hunspell-noun-forms.ts --seed 7 --stdout > /tmp/other.jsonl
 *                                                     # another sample, without the fixture's lemmas
 *
 * Selection: entries whose morphological field is `po:lietv<declension><kind>` (lietvārds = noun;
 * kind r common, i proper, d plural-only; g genitive-only attributes and f full-form exception rows
 * are left out because they carry no paradigm of their own). Lemmas are drawn per class with a fixed
 * seed, so the set is the same on every run and not hand-picked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Rule {
  flag: string;
  strip: string;
  add: string;
  /** Continuation flags: the rule derives another lemma (skolotājs → skolotāja), not a case form. */
  continued: boolean;
  condition: RegExp;
  morph: string;
}

/**
 * Flags that inflect a noun: O/o 1st declension singular/plural, Q/q 2nd, S/s 3rd–6th (chosen by the
 * stem's ending), j the reflexive -šanās noun of a verb. The diminutive flags (P p R r T t) and the
 * derivation flags (x J) make other lemmas and are not used.
 */
const NOUN_FLAGS = new Set(['O', 'o', 'Q', 'q', 'S', 's']);
const REFLEXIVE_NOUN_FLAG = 'j';
/** `is:` tags are number (v singular, d plural), p base / d diminutive, then the case letter. */
const CASE_NAMES: Record<string, string> = { n: 'nom', g: 'gen', d: 'dat', a: 'acc', i: 'ins', l: 'loc', v: 'voc' };

function parseAffix(text: string): Map<string, Rule[]> {
  const rules = new Map<string, Rule[]>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/u);
    if (f[0] !== 'SFX' || f.length < 5 || f[2] === 'Y' || f[2] === 'N') continue;
    const [, flag = '', strip = '', addField = '', condition = '.', ...morph] = f;
    const [add = '', cont] = addField.split('/');
    const list = rules.get(flag) ?? [];
    list.push({
      flag,
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add,
      continued: cont !== undefined && cont !== '',
      condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
      morph: morph.join(' '),
    });
    rules.set(flag, list);
  }
  return rules;
}

function apply(rule: Rule, word: string): string | undefined {
  if (!rule.condition.test(word) || !word.endsWith(rule.strip)) return undefined;
  return word.slice(0, word.length - rule.strip.length) + rule.add;
}

/** "pl.gen" from a rule's `is:` tag; the o flag's rows for plural-only -i lemmas are tagged dd<case>. */
function cellOf(rule: Rule): string | undefined {
  const m = /is:([vd])([pd])([ngdailv])\b/u.exec(rule.morph);
  if (!m) return undefined;
  const [, number, , gramCase = ''] = m;
  return `${number === 'v' ? 'sg' : 'pl'}.${CASE_NAMES[gramCase]}`;
}

export interface ReferenceLemma {
  lemma: string;
  set: 'names' | 'nouns';
  class: string;
  /** The dictionary's own tag, e.g. lietv2i. */
  po: string;
  /** [form, "sg.gen"…] in the dictionary's rule order, the lemma first. */
  forms: [string, string][];
}

interface DicEntry {
  word: string;
  flags: string;
  po: string;
}

function readDictionary(): { entries: DicEntry[]; rules: Map<string, Rule[]> } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('dictionary-lv'));
  const rules = parseAffix(readFileSync(join(dir, 'index.aff'), 'utf8'));
  const entries: DicEntry[] = [];
  for (const line of readFileSync(join(dir, 'index.dic'), 'utf8').split('\n').slice(1)) {
    const [head = '', ...rest] = line.trim().split(/\s+/u);
    if (head === '') continue;
    const [word = '', flags = ''] = head.split('/');
    const po = rest.find((r) => r.startsWith('po:'))?.slice(3) ?? '';
    entries.push({ word: word.normalize('NFC'), flags, po });
  }
  return { entries, rules };
}

function nounForms(entry: DicEntry, rules: Map<string, Rule[]>): [string, string][] {
  const [, declension = '', kind = ''] = /^lietv(\d)(\w)$/u.exec(entry.po) ?? [];
  const pluralLemma =
    kind === 'd' ||
    /[^aeiouāēīū]i$/u.test(entry.word) ||
    (kind === 'i' && /(as|es)$/u.test(entry.word)) ||
    (declension === '6' && entry.word.endsWith('is'));
  const nominative = pluralLemma ? 'pl.nom' : 'sg.nom';
  const forms: [string, string][] = [[entry.word, nominative]];
  for (const flag of entry.flags) {
    if (!NOUN_FLAGS.has(flag)) continue;
    for (const rule of rules.get(flag) ?? []) {
      if (rule.continued) continue;
      const cell = cellOf(rule);
      const form = cell === undefined ? undefined : apply(rule, entry.word);
      if (form !== undefined && cell !== undefined) forms.push([form, cell]);
    }
  }
  return forms;
}

/** mulberry32: a small seeded generator, so the sample is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: readonly T[], n: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

interface ClassSpec {
  set: 'names' | 'nouns';
  name: string;
  take: number;
  select: (e: DicEntry, declension: string, kind: string) => boolean;
}

const endsPlural = (w: string) => /[^aeiouāēīū]i$/u.test(w);
const SIXTH_SIMPLE = (e: DicEntry, entries: ReadonlySet<string>) =>
  [...entries].some((other) => other !== e.word && e.word.length > other.length + 1 && e.word.endsWith(other));

export function buildReferenceSet(seed = 13, exclude: ReadonlySet<string> = new Set()): ReferenceLemma[] {
  const { entries, rules } = readDictionary();
  const sixthCommon = new Set(entries.filter((e) => e.po === 'lietv6r').map((e) => e.word));
  const classes: ClassSpec[] = [
    { set: 'names', name: '1st', take: 50, select: (e, d, k) => d === '1' && k === 'i' && !endsPlural(e.word) },
    { set: 'names', name: '2nd', take: 50, select: (e, d, k) => d === '2' && k === 'i' && !endsPlural(e.word) },
    { set: 'names', name: 'plural -i', take: 110, select: (e, d, k) => (d === '1' || d === '2') && k === 'i' && endsPlural(e.word) },
    { set: 'names', name: '3rd', take: 10, select: (_e, d, k) => d === '3' && k === 'i' },
    { set: 'names', name: '4th', take: 60, select: (e, d, k) => d === '4' && k === 'i' && !e.word.endsWith('as') },
    { set: 'names', name: 'plural -as', take: 14, select: (e, d, k) => d === '4' && k === 'i' && e.word.endsWith('as') },
    { set: 'names', name: '5th', take: 50, select: (e, d, k) => d === '5' && k === 'i' && !e.word.endsWith('es') },
    { set: 'names', name: 'plural -es', take: 7, select: (e, d, k) => d === '5' && k === 'i' && e.word.endsWith('es') },
    { set: 'names', name: '6th', take: 15, select: (_e, d, k) => d === '6' && k === 'i' },
    { set: 'nouns', name: '1st', take: 50, select: (_e, d, k) => d === '1' && k === 'r' },
    { set: 'nouns', name: '2nd', take: 50, select: (_e, d, k) => d === '2' && k === 'r' },
    { set: 'nouns', name: '3rd', take: 23, select: (_e, d, k) => d === '3' && k === 'r' },
    { set: 'nouns', name: '4th', take: 40, select: (_e, d, k) => d === '4' && k === 'r' },
    { set: 'nouns', name: '5th', take: 40, select: (_e, d, k) => d === '5' && k === 'r' },
    { set: 'nouns', name: '6th', take: 40, select: (e, d, k) => d === '6' && k === 'r' && !SIXTH_SIMPLE(e, sixthCommon) },
    { set: 'nouns', name: '6th compound', take: 40, select: (e, d, k) => d === '6' && k === 'r' && SIXTH_SIMPLE(e, sixthCommon) },
    { set: 'nouns', name: 'plural -i', take: 40, select: (_e, d, k) => (d === '1' || d === '2') && k === 'd' },
    { set: 'nouns', name: 'plural -as', take: 20, select: (_e, d, k) => d === '4' && k === 'd' },
    { set: 'nouns', name: 'plural -es', take: 20, select: (_e, d, k) => d === '5' && k === 'd' },
    { set: 'nouns', name: 'plural 6th -is', take: 19, select: (_e, d, k) => d === '6' && k === 'd' },
  ];
  const next = random(seed);
  const out: ReferenceLemma[] = [];
  const seen = new Set<string>(exclude);
  for (const spec of classes) {
    const pool: DicEntry[] = [];
    for (const e of entries) {
      const m = /^lietv([1-6])([rid])$/u.exec(e.po);
      if (!m || seen.has(e.word)) continue;
      if (!spec.select(e, m[1] ?? '', m[2] ?? '')) continue;
      pool.push(e);
    }
    const unique = [...new Map(pool.map((e) => [e.word, e])).values()].sort((a, b) => (a.word < b.word ? -1 : 1));
    for (const e of sample(unique, spec.take, next)) {
      seen.add(e.word);
      out.push({ lemma: e.word, set: spec.set, class: spec.name, po: e.po, forms: nounForms(e, rules) });
    }
  }
  // -šanās nouns: the j flag of a verb gives the noun's two spellings, -šanās and -šanos.
  const verbs = entries.filter((e) => e.flags.includes(REFLEXIVE_NOUN_FLAG) && e.po.startsWith('darb'));
  const reflexive: ReferenceLemma[] = [];
  for (const verb of verbs) {
    const forms: [string, string][] = [];
    for (const rule of rules.get(REFLEXIVE_NOUN_FLAG) ?? []) {
      const form = apply(rule, verb.word);
      if (form === undefined) continue;
      forms.push([form, rule.morph.includes('rldn') ? 'sg.nom' : 'sg.acc']);
    }
    const lemma = forms.find(([, cell]) => cell === 'sg.nom')?.[0];
    if (lemma !== undefined && !seen.has(lemma)) reflexive.push({ lemma, set: 'nouns', class: '-šanās', po: 'j', forms });
  }
  const uniqueReflexive = [...new Map(reflexive.map((r) => [r.lemma, r])).values()].sort((a, b) => (a.lemma < b.lemma ? -1 : 1));
  out.push(...sample(uniqueReflexive, 40, next));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seedAt = process.argv.indexOf('--seed');
  const path = fileURLToPath(new URL('../test/fixtures/glossary/hunspell-nouns.jsonl', import.meta.url));
  const set =
    seedAt === -1
      ? buildReferenceSet()
      : buildReferenceSet(
          Number(process.argv[seedAt + 1]),
          new Set(
            readFileSync(path, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((l) => (JSON.parse(l) as ReferenceLemma).lemma),
          ),
        );
  const text = `${set.map((l) => JSON.stringify(l)).join('\n')}\n`;
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(path, text);
    const by = new Map<string, number>();
    for (const l of set) by.set(`${l.set} ${l.class}`, (by.get(`${l.set} ${l.class}`) ?? 0) + 1);
    console.log(`wrote ${path}: ${set.length} lemmas, ${set.reduce((n, l) => n + l.forms.length, 0)} forms`);
    for (const [k, n] of by) console.log(`  ${k.padEnd(24)} ${n}`);
  }
}
