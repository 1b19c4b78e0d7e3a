/** What the feedback store keeps, as its callers (Discord, console, scripts) see it. */

export type Vote = 'up' | 'down';

/** The choices of the "what was wrong?" form after a 👎. */
export const REASONS = ['wrong-passage', 'not-in-article', 'bad-language', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/** What the user was shown: an answer, related passages under a caveat, "not in the article", or an error. */
export type Outcome = 'answered' | 'related' | 'abstained' | 'failed';

export interface ShownPassage {
  /** The passage id in its build; doc and paragraphs still say where it is after a reindex. */
  id: number;
  doc: string;
  paragraphs: number[];
}

export interface AnswerRecord {
  /** Generated when absent; goes into the feedback buttons' custom ids. */
  id?: string;
  /** Who asked; stored only as a salted hash. */
  userId?: string | null;
  /** Where it was asked: discord, console, … */
  surface: string;
  question: string;
  /** The follow-up as understood, when it was read as one. */
  understood?: string | null;
  /** The previous questions it was read against. */
  context?: readonly string[];
  lang: string;
  outcome: Outcome;
  confidence: string;
  passages: ShownPassage[];
  buildId?: string | null;
  latencyMs?: number | null;
}

/**
 * Every store call returns this instead of throwing: a feedback failure is logged and
 * reported to the caller, and never stops an answer.
 */
export type Stored<T> = { ok: true; value: T } | { ok: false; error: string };

export interface VoteResult {
  /** The user's vote before this one, if any. */
  previous: Vote | null;
  up: number;
  down: number;
}

export interface Forgotten {
  answers: number;
  votes: number;
}
