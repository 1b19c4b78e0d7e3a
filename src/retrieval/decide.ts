/**
 * The last step of retrieval: from what was found out about a question and its passages
 * to a confidence, with the reason. The checks run in order; the first that fails says
 * why the article does not answer.
 */
import type { Confidence } from './answerability.js';

export interface DecisionFacts {
  units: number;
  ranked: number;
  aboutArticle: boolean;
  absent: number;
  /** Absent names written as a person's. */
  absentPeople: number;
  named: number;
  covered: boolean;
  typed: boolean;
  evidenced: boolean;
  headKnown: boolean;
  howTo: boolean;
  /** The one person the question names is not in the best passage or the one before it. */
  personMissing: boolean;
}

/** The reasons a retrieval can end with, in the order they are checked. */
export type Reason =
  | 'article-fact'
  | 'article-fact-missing'
  | 'no-content'
  | 'how-to'
  | 'no-match'
  | 'absent-entity'
  | 'low-coverage'
  | 'no-typed-evidence'
  | 'unknown-head'
  | 'person-missing'
  | 'covered';

export const CONFIDENCE: Record<Reason, Confidence> = {
  'article-fact': 'answer',
  'article-fact-missing': 'related',
  'no-content': 'none',
  'how-to': 'none',
  'no-match': 'none',
  'absent-entity': 'none',
  'low-coverage': 'none',
  'no-typed-evidence': 'related',
  'unknown-head': 'related',
  'person-missing': 'related',
  covered: 'answer',
};

export function decide(f: DecisionFacts): Reason {
  if (f.aboutArticle) return !f.typed || f.evidenced ? 'article-fact' : 'article-fact-missing';
  if (f.howTo) return 'how-to';
  if (f.units === 0) return 'no-content';
  if (f.ranked === 0) return 'no-match';
  // A name the article never mentions, and nothing it does: the question is about something else.
  if (f.absent > 0 && f.named === 0) return 'absent-entity';
  // Someone the article never names: whatever else the question names, it asks about them.
  if (f.absentPeople > 0) return 'absent-entity';
  if (!f.covered) return 'low-coverage';
  if (f.typed && !f.evidenced) return 'no-typed-evidence';
  if (!f.headKnown) return 'unknown-head';
  if (f.personMissing) return 'person-missing';
  return 'covered';
}
