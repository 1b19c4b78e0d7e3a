/**
 * What retrieval tells about whether the article answers a question: a confidence
 * and the numbers it was decided on.
 */
import type { Lang } from '../text/language.js';

/**
 * How sure the bot is that the article answers:
 * - answer: the excerpts state it;
 * - related: the article has passages about it but does not state the answer; they are
 *   shown under a caveat, and the answer counts as an abstention;
 * - none: the article is not about it; nothing is quoted.
 */
export type Confidence = 'answer' | 'related' | 'none';

/** The numbers abstention was decided on, for `ask --json` and `eval -v`. */
export interface Answerability {
  /** Best coverage of the question's content by one of the top passages, 0..1. */
  bestCoverage: number;
  /** Share of the question's content the corpus mentions anywhere, 0..1. */
  corpusCoverage: number;
  /** What the lexical decision compares with its threshold, 0..1. */
  lexical: number;
  /** The vector leg's evidence, in hybrid mode. */
  dense?: DenseEvidence;
  /** Why the confidence is what it is: a short code, e.g. "covered", "low-coverage". */
  reason: string;
  /** Further numbers and findings the decision used (question type, evidence found …). */
  details?: Record<string, string | number | boolean | null>;
}

/**
 * The question's best cosine similarity to any passage, set against the null
 * distribution: the best similarities of unrelated probe questions, measured at
 * build time for this model and corpus.
 */
export interface DenseEvidence {
  similarity: number;
  /** Whose probes the question was set against: its language's, or all of them ('all'). */
  null: Lang | 'all';
  /** How many probes that null holds; z and exceedance are only as sure as this many. */
  probes: number;
  /** (similarity − probes' mean) / probes' standard deviation. */
  z: number;
  /** Share of probe questions whose best similarity was at least this high, 0..1. */
  exceedance: number;
}
