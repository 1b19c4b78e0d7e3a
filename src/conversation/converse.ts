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

export interface TurnOptions {
  /**
   * Read the question as a follow-up (default). Discord passes false for a fresh mention,
   * true for a reply to one of its answers or a message in a thread it started.
   */
  followUp?: boolean;
  /** The exact question(s) followed up (the answer replied to), instead of the key's recent ones. */
  context?: readonly string[];
}

export async function converse(
  engine: Pick<Engine, 'ask'>,
  history: ConversationHistory,
  key: string,
  question: string,
  options: TurnOptions = {},
): Promise<Turn> {
  const context = options.followUp === false ? [] : [...(options.context ?? history.context(key))];
  const answer = await engine.ask(question, { context });
  history.remember(key, answer.followUp?.understood ?? answer.question);
  return { answer, context };
}
