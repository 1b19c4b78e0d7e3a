/**
 * The feedback store: votes persist and change, reasons are kept, user ids are stored
 * only as salted hashes, retention and "forget me" delete what they should, the database
 * survives a restart and a reindex, and a corrupt or unusable database never throws
 * into the caller.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../src/feedback/types.js';
import { DATABASE_FILE } from '../src/feedback/open-database.js';
import { SCHEMA_VERSION } from '../src/feedback/migrations.js';
import { openFeedbackStore, type FeedbackOptions } from '../src/feedback/store.js';
import { SALT_FILE } from '../src/feedback/user-hash.js';
import BetterSqlite3 from 'better-sqlite3';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'feedback-test-'));
  dirs.push(d);
  return d;
}

/** A logger whose lines the test can read. */
function capturingLog(): { log: FeedbackOptions['log']; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: 'info' },
    { write: (l: string) => void lines.push(JSON.parse(l) as { level: number; msg: string }) },
  );
  return { log, lines };
}

const record = (over: Partial<AnswerRecord> = {}): AnswerRecord => ({
  userId: 'user-1',
  surface: 'test',
  question: '潘梓正是誰？',
  lang: 'zh-Hant',
  outcome: 'answered',
  confidence: 'answer',
  passages: [{ id: 3, doc: 'a', paragraphs: [3] }],
  buildId: 'b1',
  latencyMs: 2.5,
  ...over,
});

function open(dataDir: string, over: Partial<FeedbackOptions> = {}) {
  const { log, lines } = capturingLog();
  const store = openFeedbackStore({ dataDir, retentionDays: 30, log, ...over });
  return { store, lines };
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('feedback store', () => {
  it('keeps one vote per user per answer, which the user can change', () => {
    const { store } = open(tempDir());
    const id = value(store.recordAnswer(record()));
    expect(value(store.vote(id, 'alice', 'up'))).toEqual({ previous: null, up: 1, down: 0 });
    expect(value(store.vote(id, 'bob', 'up'))).toEqual({ previous: null, up: 2, down: 0 });
    expect(value(store.vote(id, 'alice', 'down'))).toEqual({ previous: 'up', up: 1, down: 1 });
    expect(value(store.vote(id, 'alice', 'down'))).toEqual({ previous: 'down', up: 1, down: 1 });
    store.close();
  });

  it('keeps the reason and text of a 👎, and drops them when the vote turns 👍', () => {
    const { store } = open(tempDir());
    const id = value(store.recordAnswer(record()));
    value(store.vote(id, 'alice', 'down'));
    value(store.explain(id, 'alice', 'wrong-passage', '  引用的段落不對  '));
    let report = value(store.report());
    expect(report.worst).toEqual([
      {
        question: '潘梓正是誰？',
        lang: 'zh-Hant',
        up: 0,
        down: 1,
        reasons: ['wrong-passage'],
        comments: ['引用的段落不對'],
      },
    ]);
    value(store.vote(id, 'alice', 'up'));
    report = value(store.report());
    expect(report.worst).toEqual([]);
    expect(report.reasons).toEqual([]);
    store.close();
  });

  it('stores user ids only as salted hashes, with a salt kept in DATA_DIR', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const id = value(store.recordAnswer(record({ userId: 'discord-user-123456789' })));
    value(store.vote(id, 'discord-user-123456789', 'down'));
    store.close();
    const bytes = readFileSync(path.join(dir, DATABASE_FILE)).toString('latin1');
    const wal = existsSync(path.join(dir, `${DATABASE_FILE}-wal`))
      ? readFileSync(path.join(dir, `${DATABASE_FILE}-wal`)).toString('latin1')
      : '';
    expect(bytes + wal).not.toContain('discord-user-123456789');
    expect(readFileSync(path.join(dir, SALT_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    // The same salt after a restart: the user can still change their vote.
    const again = open(dir).store;
    expect(value(again.vote(id, 'discord-user-123456789', 'up')).previous).toBe('down');
    again.close();
  });

  it('uses FEEDBACK_SALT when given, and then writes no salt file', () => {
    const dir = tempDir();
    const { store } = open(dir, { salt: 'a-configured-salt-of-some-length' });
    value(store.recordAnswer(record()));
    store.close();
    expect(existsSync(path.join(dir, SALT_FILE))).toBe(false);
  });

  it('forgets one user: their questions and votes, and nobody else’s', () => {
    const { store } = open(tempDir());
    const mine = value(store.recordAnswer(record({ userId: 'alice' })));
    const theirs = value(store.recordAnswer(record({ userId: 'bob', question: '黃仁勛是誰？' })));
    value(store.vote(mine, 'bob', 'up'));
    value(store.vote(theirs, 'alice', 'down'));
    value(store.vote(theirs, 'bob', 'down'));
    expect(value(store.forgetUser('alice'))).toEqual({ answers: 1, votes: 1 });
    const report = value(store.report());
    expect(report.answers).toBe(1);
    expect(report.votes).toEqual({ up: 0, down: 1 });
    expect(value(store.forgetUser('alice'))).toEqual({ answers: 0, votes: 0 });
    store.close();
  });

  it('prunes answers and their votes older than the retention', () => {
    let now = Date.UTC(2026, 0, 1);
    const dir = tempDir();
    const { store } = open(dir, { retentionDays: 30, now: () => now });
    const old = value(store.recordAnswer(record()));
    value(store.vote(old, 'alice', 'down'));
    now += 20 * 86_400_000;
    value(store.recordAnswer(record({ question: '新的問題' })));
    now += 15 * 86_400_000;
    expect(value(store.prune())).toBe(1);
    const report = value(store.report());
    expect(report.answers).toBe(1);
    expect(report.votes).toEqual({ up: 0, down: 0 });
    store.close();
    // Retention 0 keeps everything.
    now += 365 * 86_400_000;
    const keep = open(dir, { retentionDays: 0, now: () => now }).store;
    expect(value(keep.report()).answers).toBe(1);
    keep.close();
  });

  it('survives a restart, migrated once', () => {
    const dir = tempDir();
    const first = open(dir).store;
    const id = value(first.recordAnswer(record()));
    value(first.vote(id, 'alice', 'up'));
    first.close();
    const second = open(dir).store;
    expect(value(second.report()).votes).toEqual({ up: 1, down: 0 });
    second.close();
    const db = new BetterSqlite3(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('moves a corrupt database aside with one clear line and starts a new one', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, DATABASE_FILE),
      'this is not a database, it is a text file'.repeat(200),
    );
    const { store, lines } = open(dir);
    expect(store.enabled).toBe(true);
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(
      /feedback database .* is corrupt .*moved it to feedback\.sqlite\.corrupt-/,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith(`${DATABASE_FILE}.corrupt-`))).toHaveLength(
      1,
    );
    value(store.recordAnswer(record()));
    expect(value(store.report()).answers).toBe(1);
    store.close();
  });

  it('never throws when storage fails: it logs and says so', () => {
    const dir = tempDir();
    // DATA_DIR is a file: nothing can be created under it.
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const { store, lines } = open(file);
    expect(store.enabled).toBe(false);
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
    expect(store.recordAnswer(record()).ok).toBe(false);
    expect(store.vote('x', 'alice', 'up').ok).toBe(false);
    expect(store.forgetUser('alice').ok).toBe(false);

    // A vote for an answer the store never recorded fails softly too.
    const working = open(tempDir());
    const r = working.store.vote('no-such-answer', 'alice', 'up');
    expect(r.ok).toBe(false);
    expect(working.lines.some((l) => l.level === 40)).toBe(true);
    working.store.close();
  });

  it('reports counts by outcome and language and the abstained questions, and exports them', () => {
    const { store } = open(tempDir());
    value(store.recordAnswer(record()));
    const down = value(store.recordAnswer(record({ question: 'Who is Pan?', lang: 'en' })));
    value(store.vote(down, 'alice', 'down'));
    value(
      store.recordAnswer(
        record({ question: '今天天氣如何？', outcome: 'abstained', confidence: 'none' }),
      ),
    );
    value(
      store.recordAnswer(
        record({ question: '今天天氣如何？', outcome: 'abstained', confidence: 'none' }),
      ),
    );
    value(
      store.recordAnswer(
        record({
          question: '那R1呢？',
          context: ['V3的成本？'],
          outcome: 'related',
          confidence: 'related',
        }),
      ),
    );
    const report = value(store.report());
    expect(report.byOutcome).toEqual([
      { outcome: 'abstained', lang: 'zh-Hant', count: 2 },
      { outcome: 'answered', lang: 'en', count: 1 },
      { outcome: 'answered', lang: 'zh-Hant', count: 1 },
      { outcome: 'related', lang: 'zh-Hant', count: 1 },
    ]);
    expect(report.abstained.map((a) => [a.question, a.count])).toEqual([
      ['今天天氣如何？', 2],
      ['那R1呢？', 1],
    ]);
    expect(value(store.exportForEval())).toEqual([
      { id: 'fb-001', lang: 'en', q: 'Who is Pan?', gold: [], source: 'downvoted' },
      { id: 'fb-002', lang: 'zh-Hant', q: '今天天氣如何？', gold: [], source: 'abstained' },
      {
        id: 'fb-003',
        lang: 'zh-Hant',
        q: '那R1呢？',
        gold: [],
        context: ['V3的成本？'],
        source: 'abstained',
      },
    ]);
    store.close();
  });
});
