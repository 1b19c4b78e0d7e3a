/**
 * A question answered as part of a conversation: read against the previous questions,
 * answered as understood, and reported as asked, with how it was understood.
 */
import type { Answer } from '../answers/types.js';
import { detectLanguage } from '../text/language.js';
import { answeredPerson, asksForSomeone } from './answered.js';
import { findPronouns } from './pronouns.js';
import { previousUnderstood, resolveAgainst } from './resolve.js';
import type { Referent, ReferentFinder } from './referents.js';

export async function answerInContext(
  question: string,
  context: readonly string[],
  referents: ReferentFinder,
  answer: (question: string) => Promise<Answer>,
): Promise<Answer> {
  const previous = previousUnderstood(context, referents);
  if (previous === null) return answer(question);
  const focus = await whoAnswered(question, previous, referents, answer);
  const r = resolveAgainst(question, previous, referents, focus);
  if (r.kind === null) return answer(question);
  const understood = await answer(r.understood);
  // Replies speak the asker's language, whatever the understood question is written in.
  const own = detectLanguage(question);
  const lang = own === 'en' || understood.lang === 'en' ? own : understood.lang;
  return { ...understood, question, lang, followUp: { kind: r.kind, understood: r.understood } };
}

/**
 * The person who answered the previous question, when it asked for someone and the
 * follow-up has a pronoun for one person. Answering it again costs one retrieval, and
 * only then, so the console, Discord and `ask --json` context lines all get it alike.
 */
async function whoAnswered(
  question: string,
  previous: string,
  referents: ReferentFinder,
  answer: (question: string) => Promise<Answer>,
): Promise<Referent | null> {
  if (!findPronouns(question).some((p) => p.kind === 'person')) return null;
  if (!asksForSomeone(previous, referents)) return null;
  return answeredPerson(await answer(previous), previous, referents);
}
