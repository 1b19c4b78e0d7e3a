/**
 * Opens the feedback database, migrated. A file that is not a readable SQLite database
 * is moved aside (kept for a person to look at) and a new one started, with one clear
 * log line: feedback is worth less than answering.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { migrate } from './migrations.js';

export const DATABASE_FILE = 'feedback.sqlite';

/** SQLite's codes for a file that is damaged or is no database at all. */
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX']);

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT.has(code);
}

function openMigrated(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Cheap on a database this size, and finds damage now rather than at the first vote.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openFeedbackDatabase(dataDir: string, log: Logger, now = Date.now): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    return openMigrated(file);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const aside = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    log.error(
      `The feedback database ${file} is corrupt (${err instanceof Error ? err.message : String(err)}); ` +
        `moved it to ${path.basename(aside)} and started a new one.`,
    );
    return openMigrated(file);
  }
}
