/**
 * The admission checks every question passes before the engine sees it, on every surface
 * (mentions, DMs, answer channels, /ask), in one place, as Sapphire's preconditions are:
 * something to ask, not too long, then the asker's cooldown. The cooldown comes last and is
 * taken only by a question that passed the rest, so a user told that a question is too long
 * can shorten it and ask again at once; greetings and help never take it. Surfaces differ only
 * in how they show a denial.
 */
import { classifyIntent, type Intent } from '../intent/classify.js';
import type { Surface } from '../ops/metrics.js';
import type { BotContext } from './context.js';
import { checkQuestion, usesCooldown, type QuestionProblem } from './questions.js';

export type Denial = QuestionProblem | { kind: 'cooldown'; waitMs: number };

export type Admission = { ok: true; intent: Intent } | { ok: false; denial: Denial };

/** Whether the question may go to the engine, and as what (its intent); a denial counts as refused. */
export function admit(
  ctx: Pick<BotContext, 'config' | 'cooldown' | 'metrics'>,
  surface: Surface,
  question: string,
  userId: string,
): Admission {
  const problem = checkQuestion(question, ctx.config.MAX_QUESTION_CHARS);
  if (problem) return refused(ctx, surface, problem);
  const intent = classifyIntent(question);
  const waitMs = usesCooldown(intent) ? ctx.cooldown.take(userId) : 0;
  if (waitMs > 0) return refused(ctx, surface, { kind: 'cooldown', waitMs });
  return { ok: true, intent };
}

function refused(ctx: Pick<BotContext, 'metrics'>, surface: Surface, denial: Denial): Admission {
  ctx.metrics.question(surface, 'refused');
  return { ok: false, denial };
}
