/**
 * One turn of a conversation, the same for the console and Discord: ask with the key's
 * recent questions as context, then remember the question as understood, so the next
 * follow-up leans on what was actually answered.
 */
import type { Answer, Engine } from '../answers/types.js';
import type { ConversationHistory } from './history.js';

export interface Turn {
  answer: Answer;
  /** The context the question was read against (for the feedback record). */
  context: string[];
}

export async function converse(
  engine: Pick<Engine, 'ask'>,
  history: ConversationHistory,
  key: string,
  question: string,
): Promise<Turn> {
  const context = history.context(key);
  const answer = await engine.ask(question, { context });
  history.remember(key, answer.followUp?.understood ?? answer.question);
  return { answer, context };
}
