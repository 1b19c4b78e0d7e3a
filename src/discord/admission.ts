/**
 * The admission checks every question passes before the engine sees it, on every surface
 * (mentions, DMs, answer channels, /ask), in one place, as Sapphire's preconditions are:
 * something to ask, not too long, then the asker's cooldown. The cooldown comes last and is
 * taken only by a question that passed the rest, so a user told that a question is too long
 * can shorten it and ask again at once. Surfaces differ only in how they show a denial.
 */
import type { Surface } from '../ops/metrics.js';
import type { BotContext } from './context.js';
import { checkQuestion, type QuestionProblem } from './questions.js';

export type Denial = QuestionProblem | { kind: 'cooldown'; waitMs: number };

/** Null when the question may go to the engine; otherwise why not (counted as refused). */
export function admitQuestion(
  ctx: Pick<BotContext, 'config' | 'cooldown' | 'metrics'>,
  surface: Surface,
  question: string,
  userId: string,
): Denial | null {
  const denial = firstDenial(ctx, question, userId);
  if (denial) ctx.metrics.question(surface, 'refused');
  return denial;
}

function firstDenial(
  ctx: Pick<BotContext, 'config' | 'cooldown'>,
  question: string,
  userId: string,
): Denial | null {
  const problem = checkQuestion(question, ctx.config.MAX_QUESTION_CHARS);
  if (problem) return problem;
  const waitMs = ctx.cooldown.take(userId);
  return waitMs > 0 ? { kind: 'cooldown', waitMs } : null;
}
