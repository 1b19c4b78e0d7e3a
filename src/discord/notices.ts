/** The short notices users get for expected problems, in their language. */
import { renderNotice, type RenderedMessage } from '../render/discord.js';
import { ui } from '../render/i18n.js';
import type { Lang } from '../text/language.js';
import { waitSeconds } from './cooldown.js';
import type { QuestionProblem } from './questions.js';

export function problemNotice(problem: QuestionProblem, lang: Lang): RenderedMessage {
  const t = ui(lang);
  return renderNotice(
    problem.kind === 'empty' ? t.emptyQuestion : t.tooLong(problem.length, problem.max),
  );
}

export function cooldownNotice(waitMs: number, lang: Lang): RenderedMessage {
  return renderNotice(ui(lang).cooldown(waitSeconds(waitMs)));
}

export function errorNotice(errorId: string, lang: Lang): RenderedMessage {
  return renderNotice(ui(lang).error(errorId));
}
