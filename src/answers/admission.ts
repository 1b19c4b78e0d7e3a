/**
 * The one rule every surface applies before a question reaches retrieval: it has
 * text, and not too much of it. Discord replies with a friendly line; the console
 * and the CLI print the same refusal. Long inputs are refused rather than cut,
 * because a cut question may ask something else.
 */
import { ExpectedError } from '../errors.js';

/** Characters as people count them (code points), not UTF-16 units. */
export function questionLength(text: string): number {
  return [...text].length;
}

export class QuestionRefusedError extends ExpectedError {
  override name = 'QuestionRefusedError';
}

/** Throws QuestionRefusedError for an empty question or one over `maxChars`. */
export function admitQuestion(question: string, maxChars: number): void {
  if (question.trim().length === 0) throw new QuestionRefusedError('The question is empty.');
  const length = questionLength(question);
  if (length > maxChars) {
    throw new QuestionRefusedError(
      `The question is ${length} characters long; the limit is ${maxChars} (MAX_QUESTION_CHARS).`,
    );
  }
}
