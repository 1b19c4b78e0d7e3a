/**
 * The feedback database's schema, as numbered migrations. SQLite's user_version holds
 * the number applied; each migration runs once, in a transaction, in order. Append
 * new ones; never edit one that has shipped, since databases in the field already ran it.
 */
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // 1: answers as shown, and one vote per user per answer.
  `
  CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    user_hash   TEXT,
    surface     TEXT NOT NULL,
    question    TEXT NOT NULL,
    understood  TEXT,
    context     TEXT,
    lang        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    confidence  TEXT NOT NULL,
    passages    TEXT NOT NULL,
    build_id    TEXT,
    latency_ms  REAL
  );
  CREATE INDEX answers_created ON answers (created_at);
  CREATE INDEX answers_user ON answers (user_hash);
  CREATE TABLE votes (
    answer_id   TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    user_hash   TEXT NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    reason      TEXT CHECK (reason IN ('wrong-passage', 'not-in-article', 'bad-language', 'other')),
    comment     TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
  );
  CREATE INDEX votes_user ON votes (user_hash);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

/** Brings a database up to SCHEMA_VERSION; refuses one written by a newer version. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new NewerSchemaError(
      `the feedback database has schema version ${current}, newer than this program's ${SCHEMA_VERSION}`,
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
