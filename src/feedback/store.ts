/**
 * The feedback store: answers as shown, 👍/👎 votes (one per user per answer, which the
 * user can change), the reason given after a 👎, retention and "forget me". SQLite in
 * DATA_DIR, apart from the index builds, so it survives reindexes and restarts.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openFeedbackDatabase } from './open-database.js';
import { feedbackExport, feedbackReport, type ExportLine, type FeedbackReport } from './report.js';
import type { AnswerRecord, Forgotten, Reason, Stored, Vote, VoteResult } from './types.js';
import { feedbackSalt, userHasher, type UserHasher } from './user-hash.js';

export interface FeedbackOptions {
  dataDir: string;
  /** FEEDBACK_SALT; when absent, one is generated once and kept in dataDir. */
  salt?: string | undefined;
  /** FEEDBACK_RETENTION_DAYS: answers (and their votes) older than this are deleted; 0 keeps all. */
  retentionDays: number;
  log: Logger;
  now?: () => number;
}

const DAY_MS = 86_400_000;
/** A long-running bot prunes on open and then at most this often, when it records. */
const PRUNE_EVERY_MS = 3_600_000;

export interface FeedbackStore {
  /** False when the database could not be opened: every call then returns an error. */
  readonly enabled: boolean;
  recordAnswer(record: AnswerRecord): Stored<string>;
  vote(answerId: string, userId: string, vote: Vote): Stored<VoteResult>;
  /** The "what was wrong?" form: a 👎 with a reason and optional text. */
  explain(answerId: string, userId: string, reason: Reason, comment?: string): Stored<void>;
  /** Deletes the user's questions and votes. */
  forgetUser(userId: string): Stored<Forgotten>;
  /** Deletes what is older than the retention; returns the number of answers removed. */
  prune(): Stored<number>;
  report(limit?: number): Stored<FeedbackReport>;
  /** 👎 and abstained questions as eval lines with empty gold. */
  exportForEval(): Stored<ExportLine[]>;
  close(): void;
}

/** The store as configured: DATA_DIR, FEEDBACK_SALT, FEEDBACK_RETENTION_DAYS. */
export function openConfiguredFeedbackStore(config: Config, log: Logger): FeedbackStore {
  return openFeedbackStore({
    dataDir: config.DATA_DIR,
    salt: config.FEEDBACK_SALT,
    retentionDays: config.FEEDBACK_RETENTION_DAYS,
    log,
  });
}

export function openFeedbackStore(options: FeedbackOptions): FeedbackStore {
  const now = options.now ?? Date.now;
  try {
    const db = openFeedbackDatabase(options.dataDir, options.log, now);
    const hash = userHasher(feedbackSalt(options.dataDir, options.salt));
    const store = new SqliteFeedbackStore(db, hash, options, now);
    store.prune();
    return store;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    options.log.error(
      `Feedback storage is unavailable (${reason}); answering goes on without recording feedback.`,
    );
    return unavailableStore(reason);
  }
}

function unavailableStore(reason: string): FeedbackStore {
  const fail = <T>(): Stored<T> => ({
    ok: false,
    error: `feedback storage is unavailable: ${reason}`,
  });
  return {
    enabled: false,
    recordAnswer: fail,
    vote: fail,
    explain: fail,
    forgetUser: fail,
    prune: fail,
    report: fail,
    exportForEval: fail,
    close: () => undefined,
  };
}

const VOTE_VALUE: Record<Vote, 1 | -1> = { up: 1, down: -1 };

class SqliteFeedbackStore implements FeedbackStore {
  readonly enabled = true;
  private lastPrune = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly hash: UserHasher,
    private readonly options: FeedbackOptions,
    private readonly now: () => number,
  ) {}

  /** Runs a storage call; a failure is logged and returned, never thrown into the answer path. */
  private guard<T>(what: string, run: () => T): Stored<T> {
    try {
      return { ok: true, value: run() };
    } catch (err) {
      this.options.log.warn({ err }, `Feedback storage failed to ${what}.`);
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  recordAnswer(r: AnswerRecord): Stored<string> {
    if (this.now() - this.lastPrune > PRUNE_EVERY_MS) this.prune();
    return this.guard('record an answer', () => {
      const id = r.id ?? randomUUID();
      this.db
        .prepare(
          `INSERT INTO answers (id, created_at, user_hash, surface, question, understood, context,
             lang, outcome, confidence, passages, build_id, latency_ms)
           VALUES (@id, @createdAt, @userHash, @surface, @question, @understood, @context,
             @lang, @outcome, @confidence, @passages, @buildId, @latencyMs)`,
        )
        .run({
          id,
          createdAt: this.now(),
          userHash: r.userId ? this.hash(r.userId) : null,
          surface: r.surface,
          question: r.question,
          understood: r.understood ?? null,
          context: r.context && r.context.length > 0 ? JSON.stringify(r.context) : null,
          lang: r.lang,
          outcome: r.outcome,
          confidence: r.confidence,
          passages: JSON.stringify(r.passages),
          buildId: r.buildId ?? null,
          latencyMs: r.latencyMs ?? null,
        });
      return id;
    });
  }

  vote(answerId: string, userId: string, vote: Vote): Stored<VoteResult> {
    return this.guard('record a vote', () =>
      this.db.transaction(() => {
        const user = this.hash(userId);
        const before = this.db
          .prepare('SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?')
          .get(answerId, user) as { vote: number } | undefined;
        const t = this.now();
        // A 👍 replaces a 👎: the reason given for the 👎 no longer holds.
        this.db
          .prepare(
            `INSERT INTO votes (answer_id, user_hash, vote, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (answer_id, user_hash) DO UPDATE SET
               vote = excluded.vote,
               updated_at = excluded.updated_at,
               reason = CASE WHEN excluded.vote = votes.vote THEN votes.reason END,
               comment = CASE WHEN excluded.vote = votes.vote THEN votes.comment END`,
          )
          .run(answerId, user, VOTE_VALUE[vote], t, t);
        const counts = this.db
          .prepare(
            `SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down
             FROM votes WHERE answer_id = ?`,
          )
          .get(answerId) as { up: number; down: number };
        const previous: Vote | null = before ? (before.vote > 0 ? 'up' : 'down') : null;
        return { previous, up: counts.up, down: counts.down };
      })(),
    );
  }

  explain(answerId: string, userId: string, reason: Reason, comment?: string): Stored<void> {
    return this.guard('record a reason', () => {
      const t = this.now();
      const text = comment?.trim() ? comment.trim() : null;
      this.db
        .prepare(
          `INSERT INTO votes (answer_id, user_hash, vote, reason, comment, created_at, updated_at)
           VALUES (?, ?, -1, ?, ?, ?, ?)
           ON CONFLICT (answer_id, user_hash) DO UPDATE SET
             vote = -1, reason = excluded.reason, comment = excluded.comment,
             updated_at = excluded.updated_at`,
        )
        .run(answerId, this.hash(userId), reason, text, t, t);
    });
  }

  forgetUser(userId: string): Stored<Forgotten> {
    return this.guard('forget a user', () =>
      this.db.transaction(() => {
        const user = this.hash(userId);
        const votes = this.db.prepare('DELETE FROM votes WHERE user_hash = ?').run(user).changes;
        // Their questions go too, with whatever votes others left on the answers.
        const answers = this.db
          .prepare('DELETE FROM answers WHERE user_hash = ?')
          .run(user).changes;
        return { answers, votes };
      })(),
    );
  }

  prune(): Stored<number> {
    this.lastPrune = this.now();
    const days = this.options.retentionDays;
    if (days <= 0) return { ok: true, value: 0 };
    return this.guard('prune old feedback', () => {
      const cutoff = this.now() - days * DAY_MS;
      return this.db.prepare('DELETE FROM answers WHERE created_at < ?').run(cutoff).changes;
    });
  }

  report(limit = 20): Stored<FeedbackReport> {
    return this.guard('read the report', () => feedbackReport(this.db, limit));
  }

  exportForEval(): Stored<ExportLine[]> {
    return this.guard('export questions', () => feedbackExport(this.db));
  }

  close(): void {
    try {
      this.db.close();
    } catch (err) {
      this.options.log.warn({ err }, 'Feedback storage failed to close.');
    }
  }
}
