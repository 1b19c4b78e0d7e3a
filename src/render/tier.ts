/** Which of the three ways an answer is shown in; one rule for every renderer. */
import type { Answer, Confidence } from '../answers/types.js';

/**
 * "answer": the excerpts as the answer; "related": the excerpts under a caveat that the
 * article does not say it; "none": that the article does not say it, with suggestions.
 */
export function shownAs(answer: Answer): Confidence {
  // Nothing to quote reads as "not in the article", whatever the confidence.
  if (answer.confidence === 'none' || answer.excerpts.length === 0) return 'none';
  // An abstention is never dressed as an answer, even if the two fields disagree.
  if (answer.abstained || answer.confidence === 'related') return 'related';
  return 'answer';
}
