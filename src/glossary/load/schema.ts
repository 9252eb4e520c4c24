/**
 * Read one glossary YAML file into raw entries, reporting every schema problem
 * with file:line:column. Nothing here inflects or merges; see build.ts.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { CaseRule, DeclensionHint, Gender, GlossaryProblem, NumberHint, SourceLocation, TermType } from '../types.js';
import { closest } from '../text/similarity.js';
import { problem } from './problems.js';

export interface RawEntry {
  lemma: string;
  target: string;
  type?: TermType;
  declension?: DeclensionHint;
  gender?: Gender;
  number?: NumberHint;
  case?: CaseRule;
  fixed: string[];
  forms: string[];
  aliases: string[];
  notFollowedBy: string[];
  replace: string[];
  accept: string[];
  note?: string;
  origin: SourceLocation;
  /** Where each written surface (lemma, form, alias) sits, for conflict reports. */
  positions: Map<string, SourceLocation>;
}

export const ENTRY_KEYS = [
  'lemma',
  'target',
  'forms',
  'aliases',
  'type',
  'declension',
  'gender',
  'number',
  'case',
  'fixed',
  'notFollowedBy',
  'replace',
  'accept',
  'note',
] as const;
const TOP_KEYS = ['terms', 'description'];
const TYPES: readonly TermType[] = ['person', 'place', 'organisation', 'brand', 'term', 'acronym', 'other'];
const GENDERS: readonly Gender[] = ['masculine', 'feminine'];
const NUMBERS: readonly NumberHint[] = ['singular', 'plural', 'both'];
const CASES: readonly CaseRule[] = ['auto', 'exact', 'insensitive'];
const DECLENSIONS = ['1', '2', '3', '4', '5', '6', 'indeclinable', 'adjective'];

class FileReader {
  readonly problems: GlossaryProblem[] = [];
  private readonly lines = new LineCounter();

  constructor(readonly file: string) {}

  get lineCounter(): LineCounter {
    return this.lines;
  }

  at(node: Node | null | undefined): SourceLocation {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  error(node: Node | null | undefined, code: string, message: string, hint: string): void {
    this.problems.push(problem('error', code, message, hint, this.at(node)));
  }

  string(node: Node | null | undefined, key: string): string | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      const text = String(node.value).normalize('NFC').trim();
      if (text !== '') return text;
      this.error(node, 'empty-value', `\`${key}\` is empty`, `Give \`${key}\` a value or remove the key`);
      return undefined;
    }
    this.error(node, 'not-a-string', `\`${key}\` must be a text value`, `Write \`${key}: …\` with a single word or phrase`);
    return undefined;
  }

  strings(node: Node | null | undefined, key: string, positions?: Map<string, SourceLocation>): string[] {
    if (isScalar(node)) {
      const one = this.string(node, key);
      if (one !== undefined) positions?.set(one, this.at(node));
      return one === undefined ? [] : [one];
    }
    if (!isSeq(node)) {
      this.error(node, 'not-a-list', `\`${key}\` must be a list`, `Write \`${key}: [first, second]\` or one \`- item\` per line`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items as Node[]) {
      const value = this.string(item, key);
      if (value === undefined) continue;
      out.push(value);
      positions?.set(value, this.at(item));
    }
    return out;
  }

  choice<T extends string>(node: Node | null | undefined, key: string, options: readonly T[]): T | undefined {
    const value = this.string(node, key);
    if (value === undefined) return undefined;
    if ((options as readonly string[]).includes(value)) return value as T;
    const near = closest(value, options);
    this.error(
      node,
      'bad-value',
      `\`${key}: ${value}\` is not allowed`,
      `Use one of ${options.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
    );
    return undefined;
  }
}

function pairsOf(map: YAMLMap): Pair<Node, Node>[] {
  return map.items as Pair<Node, Node>[];
}

function keyName(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function readEntry(reader: FileReader, node: Node): RawEntry | undefined {
  if (!isMap(node)) {
    reader.error(
      node,
      'not-an-entry',
      'A glossary entry must be a mapping',
      'Write each entry as `- lemma: …` followed by `target: …` on the next line, indented to match',
    );
    return undefined;
  }
  const origin = reader.at(node);
  const positions = new Map<string, SourceLocation>();
  const entry: RawEntry = {
    lemma: '',
    target: '',
    fixed: [],
    forms: [],
    aliases: [],
    notFollowedBy: [],
    replace: [],
    accept: [],
    origin,
    positions,
  };
  const seen = new Set<string>();
  for (const pair of pairsOf(node)) {
    const key = keyName(pair);
    seen.add(key);
    const value = pair.value;
    switch (key) {
      case 'lemma': {
        const lemma = reader.string(value, key);
        if (lemma !== undefined) {
          entry.lemma = lemma;
          positions.set(lemma, reader.at(value));
        }
        break;
      }
      case 'target':
        entry.target = reader.string(value, key) ?? '';
        break;
      case 'note':
        if (value !== null) entry.note = reader.string(value, key);
        break;
      case 'forms':
        entry.forms = reader.strings(value, key, positions);
        break;
      case 'aliases':
        entry.aliases = reader.strings(value, key, positions);
        break;
      case 'fixed':
        entry.fixed = reader.strings(value, key);
        break;
      case 'notFollowedBy':
        entry.notFollowedBy = reader.strings(value, key);
        break;
      case 'replace':
        entry.replace = reader.strings(value, key);
        break;
      case 'accept':
        entry.accept = reader.strings(value, key);
        break;
      case 'type': {
        const raw = reader.string(value, key);
        // Accept the American spelling rather than make people guess.
        const type = raw === 'organization' ? 'organisation' : raw;
        if (type !== undefined && !(TYPES as readonly string[]).includes(type)) {
          const near = closest(type, TYPES);
          reader.error(
            value,
            'bad-value',
            `\`type: ${type}\` is not allowed`,
            `Use one of ${TYPES.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
          );
        } else if (type !== undefined) entry.type = type as TermType;
        break;
      }
      case 'declension': {
        const d = reader.choice(value, key, DECLENSIONS);
        if (d !== undefined) entry.declension = /^[1-6]$/.test(d) ? (Number(d) as DeclensionHint) : (d as DeclensionHint);
        break;
      }
      case 'gender': {
        const g = reader.choice(value, key, GENDERS);
        if (g) entry.gender = g;
        break;
      }
      case 'number': {
        const n = reader.choice(value, key, NUMBERS);
        if (n) entry.number = n;
        break;
      }
      case 'case': {
        const c = reader.choice(value, key, CASES);
        if (c) entry.case = c;
        break;
      }
      default: {
        const near = closest(key, ENTRY_KEYS);
        reader.error(
          pair.key,
          'unknown-key',
          `Unknown key \`${key}\``,
          near ? `Did you mean \`${near}\`? Allowed keys: ${ENTRY_KEYS.join(', ')}` : `Allowed keys: ${ENTRY_KEYS.join(', ')}`,
        );
      }
    }
  }
  if (!seen.has('lemma'))
    reader.error(
      node,
      'missing-lemma',
      'Entry has no `lemma`',
      'Add `lemma:` with the Latvian base form (nominative singular, or plural for names like Filipīnas)',
    );
  if (!seen.has('target'))
    reader.error(
      node,
      'missing-target',
      `Entry ${entry.lemma ? `\`${entry.lemma}\` ` : ''}has no \`target\``,
      'Add `target:` with the English text that must appear in the translation',
    );
  if (entry.lemma === '' || entry.target === '') return undefined;
  const words = entry.lemma.split(/[\s-]+/u);
  for (const word of entry.fixed) {
    if (!words.includes(word)) {
      reader.error(
        node,
        'bad-fixed',
        `\`fixed\` names \`${word}\`, which is not a word of \`${entry.lemma}\``,
        `List words exactly as written in the lemma: ${words.join(', ')}`,
      );
    }
  }
  return entry;
}

export interface ParsedFile {
  entries: RawEntry[];
  problems: GlossaryProblem[];
}

/** Parse the text of one glossary file. `file` only labels the problems. */
export function parseGlossaryFile(text: string, file: string): ParsedFile {
  const reader = new FileReader(file);
  const doc = parseDocument(text, { lineCounter: reader.lineCounter, prettyErrors: true });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    const firstLine = error.message.split('\n')[0] ?? error.message;
    reader.problems.push(
      problem(
        'error',
        'yaml-syntax',
        `YAML syntax: ${firstLine.replace(/ at line \d+, column \d+:?$/u, '')}`,
        'Fix the YAML at this position (check indentation, quotes and colons)',
        {
          file,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        },
      ),
    );
  }
  if (doc.errors.length > 0) return { entries: [], problems: reader.problems };

  const root = doc.contents as Node | null;
  if (root === null) {
    reader.problems.push(
      problem('warning', 'empty-file', 'The glossary file is empty', 'Add a `terms:` list, or remove the file', {
        file,
        line: 1,
        column: 1,
      }),
    );
    return { entries: [], problems: reader.problems };
  }
  let list: Node | null | undefined = root;
  if (isMap(root)) {
    list = undefined;
    for (const pair of pairsOf(root)) {
      const key = keyName(pair);
      if (key === 'terms') list = pair.value;
      else if (!TOP_KEYS.includes(key))
        reader.error(
          pair.key,
          'unknown-key',
          `Unknown top-level key \`${key}\``,
          'A glossary file has `terms:` (the list of entries) and optionally `description:`',
        );
    }
    if (list === undefined)
      reader.error(root, 'missing-terms', 'The file has no `terms:` list', 'Put the entries under `terms:` as a list');
  }
  if (list === undefined || list === null) return { entries: [], problems: reader.problems };
  if (!isSeq(list)) {
    reader.error(list, 'not-a-list', '`terms` must be a list of entries', 'Start each entry with `- lemma: …`');
    return { entries: [], problems: reader.problems };
  }
  const entries: RawEntry[] = [];
  for (const item of list.items as Node[]) {
    const entry = readEntry(reader, item);
    if (entry) entries.push(entry);
  }
  const byPosition = [...reader.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { entries, problems: byPosition };
}
