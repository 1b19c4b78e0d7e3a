/** An answer as the feedback store records it: what was asked, shown and decided. */
import type { Answer } from '../answers/types.js';
import type { AnswerRecord, Outcome } from './types.js';

export interface AnswerMeta {
  id?: string;
  userId?: string | null;
  surface: string;
  context?: readonly string[];
  buildId?: string | null;
  latencyMs?: number | null;
}

const OUTCOME: Record<Answer['confidence'], Outcome> = {
  answer: 'answered',
  related: 'related',
  none: 'abstained',
};

export function answerRecord(answer: Answer, meta: AnswerMeta): AnswerRecord {
  return {
    ...meta,
    question: answer.question,
    understood: answer.followUp?.understood ?? null,
    lang: answer.lang,
    outcome: OUTCOME[answer.confidence],
    confidence: answer.confidence,
    // What the user saw with the answer; "more passages" are behind a button.
    passages: answer.excerpts.map((e) => ({
      id: e.passage.id,
      doc: e.passage.doc,
      paragraphs: e.citation.paragraphs,
    })),
  };
}
