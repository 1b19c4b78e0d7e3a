/**
 * What the feedback says, for `npm run feedback`: counts by outcome and language, the
 * worst-rated questions, the questions the bot abstained on, and those (with 👎 ones)
 * as eval lines for a person to label.
 */
import type { Database } from 'better-sqlite3';

export interface FeedbackReport {
  answers: number;
  byOutcome: { outcome: string; lang: string; count: number }[];
  votes: { up: number; down: number };
  reasons: { reason: string; count: number }[];
  /** Questions with a 👎, most disliked first. */
  worst: {
    question: string;
    lang: string;
    up: number;
    down: number;
    reasons: string[];
    comments: string[];
  }[];
  /** Questions answered with "related" or "not in the article", most asked first. */
  abstained: { question: string; lang: string; outcome: string; count: number }[];
}

/** One line of an eval question set (test/eval/README.md), gold left for a person to fill. */
export interface ExportLine {
  id: string;
  lang: string;
  q: string;
  gold: string[];
  context?: string[];
  /** Why it was exported: a 👎, or an abstention. */
  source: 'downvoted' | 'abstained';
}

const list = (joined: string | null, separator: string): string[] =>
  joined ? joined.split(separator).filter(Boolean) : [];

/** Keeps comments apart in group_concat; a character nobody types. */
const SEP = '\u001f';

export function feedbackReport(db: Database, limit: number): FeedbackReport {
  const answers = (db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n;
  const byOutcome = db
    .prepare(
      'SELECT outcome, lang, COUNT(*) AS count FROM answers GROUP BY outcome, lang ORDER BY outcome, lang',
    )
    .all() as FeedbackReport['byOutcome'];
  const votes = db
    .prepare(
      'SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down FROM votes',
    )
    .get() as FeedbackReport['votes'];
  const reasons = db
    .prepare(
      `SELECT reason, COUNT(*) AS count FROM votes WHERE reason IS NOT NULL
       GROUP BY reason ORDER BY count DESC`,
    )
    .all() as FeedbackReport['reasons'];
  const worst = (
    db
      .prepare(
        `SELECT a.question, a.lang,
           SUM(v.vote = 1) AS up, SUM(v.vote = -1) AS down,
           group_concat(v.reason, '${SEP}') AS reasons,
           group_concat(v.comment, '${SEP}') AS comments
         FROM answers a JOIN votes v ON v.answer_id = a.id
         GROUP BY a.question, a.lang HAVING down > 0
         ORDER BY down - up DESC, down DESC, MAX(v.updated_at) DESC LIMIT ?`,
      )
      .all(limit) as {
      question: string;
      lang: string;
      up: number;
      down: number;
      reasons: string | null;
      comments: string | null;
    }[]
  ).map((r) => ({
    ...r,
    reasons: [...new Set(list(r.reasons, SEP))],
    comments: list(r.comments, SEP),
  }));
  const abstained = db
    .prepare(
      `SELECT question, lang, outcome, COUNT(*) AS count FROM answers
       WHERE outcome IN ('related', 'abstained')
       GROUP BY question, lang, outcome ORDER BY count DESC, MAX(created_at) DESC LIMIT ?`,
    )
    .all(limit) as FeedbackReport['abstained'];
  return { answers, byOutcome, votes, reasons, worst, abstained };
}

/** 👎 and abstained questions, once each (with their context), oldest first. */
export function feedbackExport(db: Database): ExportLine[] {
  const rows = db
    .prepare(
      `SELECT a.question, a.lang, a.context, a.outcome,
         EXISTS (SELECT 1 FROM votes v WHERE v.answer_id = a.id AND v.vote = -1) AS downvoted
       FROM answers a
       WHERE a.outcome IN ('related', 'abstained')
          OR EXISTS (SELECT 1 FROM votes v WHERE v.answer_id = a.id AND v.vote = -1)
       ORDER BY a.created_at`,
    )
    .all() as { question: string; lang: string; context: string | null; downvoted: number }[];
  const seen = new Set<string>();
  const lines: ExportLine[] = [];
  for (const r of rows) {
    const key = JSON.stringify([r.question, r.context]);
    if (seen.has(key)) continue;
    seen.add(key);
    const context = r.context ? (JSON.parse(r.context) as string[]) : undefined;
    lines.push({
      id: `fb-${String(lines.length + 1).padStart(3, '0')}`,
      lang: r.lang,
      q: r.question,
      gold: [],
      ...(context && { context }),
      source: r.downvoted ? 'downvoted' : 'abstained',
    });
  }
  return lines;
}
