/**
 * The translation store (SQLite, better-sqlite3 v12): today the machine
 * translation cache, later also the translation memory of reviewed
 * translations. One row per (key, normalised source):
 *
 *   key     sha256 of the model's identity (id + file hashes) and the
 *           decoding settings: a different model, a changed file or other
 *           settings make a different key, so stale output is never served;
 *   status  'machine' (from the model) or 'reviewed' (a person approved it). A
 *           machine result never overwrites a reviewed one.
 *
 * The `keys` table keeps the identity each key hashes, for inspection and
 * cleanup; `file_hashes` remembers the sha256 of model files by path, size and
 * mtime so a 300 MB model is hashed once, not on every run.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Lv2enError } from '../core/errors.js';

export type TranslationStatus = 'machine' | 'reviewed';

export interface StoredTranslation {
  target: string;
  status: TranslationStatus;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS translations (
  key        TEXT NOT NULL,
  source     TEXT NOT NULL,
  target     TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('machine', 'reviewed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (key, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS keys (
  key        TEXT PRIMARY KEY,
  identity   TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS file_hashes (
  path     TEXT PRIMARY KEY,
  size     INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  sha256   TEXT NOT NULL
) WITHOUT ROWID;
`;

/** SQLite's default limit on bound parameters is 32766; stay far below it. */
const LOOKUP_CHUNK = 500;

export class TranslationStore {
  private readonly db: Database.Database;
  private readonly statements: {
    upsert: Database.Statement<[string, string, string, TranslationStatus, number, number]>;
    registerKey: Database.Statement<[string, string, number]>;
    getFileHash: Database.Statement<[string], { size: number; mtime_ms: number; sha256: string }>;
    putFileHash: Database.Statement<[string, number, number, string]>;
  };

  private constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Several lv2en processes may share one cache: wait for a writer instead of failing.
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Lv2enError(
        'MEMORY_TOO_NEW',
        `the translation memory was written by a newer lv2en (schema ${version}; this one reads ${SCHEMA_VERSION})`,
        'Upgrade lv2en, or point --memory at another file (or use --no-memory)',
        { file: path },
      );
    }
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.statements = {
      upsert: this.db.prepare(
        `INSERT INTO translations (key, source, target, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key, source) DO UPDATE SET target = excluded.target, status = excluded.status, updated_at = excluded.updated_at
         WHERE translations.status = 'machine' OR excluded.status = 'reviewed'`,
      ),
      registerKey: this.db.prepare('INSERT OR IGNORE INTO keys (key, identity, created_at) VALUES (?, ?, ?)'),
      getFileHash: this.db.prepare('SELECT size, mtime_ms, sha256 FROM file_hashes WHERE path = ?'),
      putFileHash: this.db.prepare('INSERT OR REPLACE INTO file_hashes (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)'),
    };
  }

  static open(path: string): TranslationStore {
    return new TranslationStore(path);
  }

  /** Records what a key stands for (the JSON it is the hash of). */
  registerKey(key: string, identity: string): void {
    this.statements.registerKey.run(key, identity, Date.now());
  }

  /** Stored translations of these (normalised) sources under `key`. */
  lookup(key: string, sources: readonly string[]): Map<string, StoredTranslation> {
    const found = new Map<string, StoredTranslation>();
    const unique = [...new Set(sources)];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const chunk = unique.slice(i, i + LOOKUP_CHUNK);
      const rows = this.db
        .prepare(`SELECT source, target, status FROM translations WHERE key = ? AND source IN (${chunk.map(() => '?').join(',')})`)
        .all(key, ...chunk) as { source: string; target: string; status: TranslationStatus }[];
      for (const row of rows) found.set(row.source, { target: row.target, status: row.status });
    }
    return found;
  }

  /** Stores translations in one transaction; a 'machine' one never replaces a 'reviewed' one. */
  store(key: string, entries: readonly { source: string; target: string }[], status: TranslationStatus = 'machine'): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const { source, target } of entries) this.statements.upsert.run(key, source, target, status, now, now);
    })();
  }

  /** Removes the rows of these (normalised) sources under `key` that have `status`; returns how many went. */
  remove(key: string, sources: readonly string[], status: TranslationStatus): number {
    const statement = this.db.prepare('DELETE FROM translations WHERE key = ? AND source = ? AND status = ?');
    let removed = 0;
    this.db.transaction(() => {
      for (const source of new Set(sources)) removed += statement.run(key, source, status).changes;
    })();
    return removed;
  }

  /** Changes whenever a translation under `key` is added or updated: stage keys include it, so an import re-runs translate. */
  revision(key: string): string {
    const row = this.db.prepare('SELECT count(*) AS n, max(updated_at) AS t FROM translations WHERE key = ?').get(key) as {
      n: number;
      t: number | null;
    };
    return `${row.n}:${row.t ?? 0}`;
  }

  /** Number of stored translations (for one key, or all). */
  count(key?: string): number {
    const row = key
      ? (this.db.prepare('SELECT count(*) AS n FROM translations WHERE key = ?').get(key) as { n: number })
      : (this.db.prepare('SELECT count(*) AS n FROM translations').get() as { n: number });
    return row.n;
  }

  cachedFileHash(path: string, size: number, mtimeMs: number): string | undefined {
    const row = this.statements.getFileHash.get(path);
    return row && row.size === size && row.mtime_ms === mtimeMs ? row.sha256 : undefined;
  }

  rememberFileHash(path: string, size: number, mtimeMs: number, sha256: string): void {
    this.statements.putFileHash.run(path, size, mtimeMs, sha256);
  }

  close(): void {
    this.db.close();
  }
}
