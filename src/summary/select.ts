/**
 * The extractive summary of one article: its lead sentence, then sentences chosen by
 * TextRank with maximal marginal relevance (Carbonell & Goldstein 1998) so that a
 * sentence repeating one already chosen gives way to one that adds something. Chosen
 * sentences are returned in the article's order; nothing is rewritten.
 */
import { similarityMatrix, termVectors } from './similarity.js';
import { DEFAULT_TEXTRANK, textRank, type TextRankOptions } from './textrank.js';

export interface SummaryCandidate {
  /** Verbatim sentence. */
  text: string;
  /** Its terms (the project's tokenizer), for similarity. */
  terms: string[];
  /** ¶ number of the paragraph it is in. */
  paragraph: number;
}

export interface SummaryOptions {
  minSentences: number;
  maxSentences: number;
  /** Past minSentences, stop before the summary would exceed this many characters. */
  maxChars: number;
  /** MMR's balance of rank (1) against novelty (0). */
  lambda: number;
  /** Sentences shorter than this say too little alone. */
  minSentenceChars: number;
  /** Sentences ranked after the summary, kept for "more passages". */
  further: number;
  textRank: TextRankOptions;
}

export const DEFAULT_SUMMARY: SummaryOptions = {
  minSentences: 3,
  maxSentences: 5,
  maxChars: 480,
  lambda: 0.5,
  minSentenceChars: 12,
  further: 5,
  textRank: DEFAULT_TEXTRANK,
};

export interface SummarySelection {
  /** Indices into the candidates, in article order. */
  chosen: number[];
  /** The candidate that is the lead. */
  lead: number;
  /** Further sentences by MMR order after the summary, in article order. */
  further: number[];
  /** TextRank score of each candidate. */
  scores: number[];
}

/** A question reads badly out of context ("是誰錯失了DeepSeek？"); a summary states. */
const ENDS_AS_QUESTION = /[?？][」』”’）)]*\s*$/;

/**
 * `candidates` in article order. The lead is the best-ranked sentence of the first
 * paragraph, which news writing puts the story in; it is always chosen.
 */
export function selectSummary(
  candidates: readonly SummaryCandidate[],
  options: SummaryOptions = DEFAULT_SUMMARY,
): SummarySelection | null {
  if (candidates.length === 0) return null;
  const vectors = termVectors(candidates.map((c) => c.terms));
  const sim = similarityMatrix(vectors);
  const scores = textRank(sim, options.textRank);
  const firstParagraph = candidates[0]!.paragraph;
  let lead = 0;
  candidates.forEach((c, i) => {
    if (c.paragraph === firstParagraph && scores[i]! > scores[lead]!) lead = i;
  });
  const top = Math.max(...scores);
  const eligible = (i: number) =>
    candidates[i]!.text.trim().length >= options.minSentenceChars &&
    !ENDS_AS_QUESTION.test(candidates[i]!.text);

  const picked = [lead];
  const remaining = new Set(candidates.map((_, i) => i).filter((i) => i !== lead && eligible(i)));
  const next = (): number | null => {
    let best: number | null = null;
    let bestValue = -Infinity;
    for (const i of remaining) {
      const redundancy = Math.max(...picked.map((p) => sim[i]![p]!));
      const value = options.lambda * (scores[i]! / top) - (1 - options.lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    return best;
  };
  let chars = candidates[lead]!.text.length;
  const chosen = [lead];
  while (chosen.length < options.maxSentences) {
    const i = next();
    if (i === null) break;
    const length = candidates[i]!.text.length;
    if (chosen.length >= options.minSentences && chars + length > options.maxChars) break;
    remaining.delete(i);
    picked.push(i);
    chosen.push(i);
    chars += length;
  }
  const further: number[] = [];
  while (further.length < options.further) {
    const i = next();
    if (i === null) break;
    remaining.delete(i);
    picked.push(i);
    further.push(i);
  }
  const byPosition = (a: number, b: number) => a - b;
  return {
    chosen: chosen.sort(byPosition),
    lead,
    further: further.sort(byPosition),
    scores,
  };
}
