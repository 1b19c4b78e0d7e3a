/**
 * A question answered as part of a conversation: read against the previous questions,
 * answered as understood, and reported as asked, with how it was understood.
 */
import type { Answer } from '../answers/types.js';
import { detectLanguage } from '../text/language.js';
import { resolveFollowUp } from './resolve.js';
import type { ReferentFinder } from './referents.js';

export async function answerInContext(
  question: string,
  context: readonly string[],
  referents: ReferentFinder,
  answer: (question: string) => Promise<Answer>,
): Promise<Answer> {
  const r = context.length > 0 ? resolveFollowUp(question, context, referents) : null;
  if (!r || r.kind === null) return answer(question);
  const understood = await answer(r.understood);
  // Replies speak the asker's language, whatever the understood question is written in.
  const own = detectLanguage(question);
  const lang = own === 'en' || understood.lang === 'en' ? own : understood.lang;
  return { ...understood, question, lang, followUp: { kind: r.kind, understood: r.understood } };
}
