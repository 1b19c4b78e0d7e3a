/**
 * One turn of a conversation, the same for the console and Discord: reply with the
 * key's recent questions as context, then remember the question as understood, so the
 * next follow-up leans on what was actually answered.
 */
import type { Engine, Reply } from '../answers/types.js';
import type { Intent } from '../intent/classify.js';
import type { ConversationHistory } from './history.js';

export interface Turn {
  reply: Reply;
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
  /** An article id: the question is answered from that article alone. */
  doc?: string;
  /** What the caller already classified the text as (Discord's admission does), so it is not done twice. */
  intent?: Intent;
}

export async function converse(
  engine: Pick<Engine, 'reply'>,
  history: ConversationHistory,
  key: string,
  text: string,
  options: TurnOptions = {},
): Promise<Turn> {
  const context = options.followUp === false ? [] : [...(options.context ?? history.context(key))];
  const reply = await engine.reply(text, options.intent, {
    context,
    ...(options.doc !== undefined && { doc: options.doc }),
  });
  // Only questions are something to follow up on; a greeting or a summary request is not.
  if (reply.kind === 'answer')
    history.remember(key, reply.answer.followUp?.understood ?? reply.answer.question);
  return { reply, context };
}
