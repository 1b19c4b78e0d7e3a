/**
 * Turning what a user wrote into a question for the engine, and an answer into a reply.
 * Shared by mentions, DMs, answer channels and /ask.
 */
import type { Lang } from '../text/language.js';
import { detectLanguage } from '../text/language.js';
import { renderAnswer, type RenderedAnswer } from '../render/discord.js';
import { langFromLocale } from '../render/i18n.js';
import type { Surface } from '../ops/metrics.js';
import type { BotContext } from './context.js';
import { moreCustomId } from './more-cache.js';

/**
 * The question in a message that mentions the bot: its user mention ("<@id>", "<@!id>") and
 * its managed role (which Discord inserts when someone picks the bot's role from the @ menu)
 * are taken out, wherever they are.
 */
export function stripBotMentions(
  content: string,
  botId: string,
  botRoleIds: readonly string[] = [],
): string {
  let out = content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
  for (const role of botRoleIds) out = out.replace(new RegExp(`<@&${role}>`, 'g'), ' ');
  return out;
}

/**
 * Whitespace tidied, zero-width characters (e.g. from discord.js's mention cleaning) dropped,
 * and @everyone / @here taken out: they address the channel, they are not part of the question.
 */
export function tidyQuestion(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/(^|\s)@(everyone|here)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export type QuestionProblem = { kind: 'empty' } | { kind: 'tooLong'; length: number; max: number };

/** Characters as people count them (code points), not UTF-16 units. */
export function questionLength(text: string): number {
  return [...text].length;
}

export function checkQuestion(question: string, maxChars: number): QuestionProblem | null {
  if (question.length === 0) return { kind: 'empty' };
  const length = questionLength(question);
  if (length > maxChars) return { kind: 'tooLong', length, max: maxChars };
  return null;
}

/** The user's language: what they wrote when there is any, else their Discord locale. */
export function langFor(
  text: string | null | undefined,
  locale: string | null | undefined,
  fallback: Lang,
): Lang {
  if (text && /[\p{L}]/u.test(text)) return detectLanguage(text);
  return langFromLocale(locale, fallback);
}

/**
 * Ask the engine and render the answer; passages that do not fit go behind "More passages".
 * Counted by surface and outcome: answered only when the article says it.
 */
export function answerQuestion(
  ctx: BotContext,
  question: string,
  surface: Surface,
): Promise<RenderedAnswer> {
  return ctx.metrics
    .timed(
      surface,
      async () => {
        const answer = await ctx.engine.ask(question);
        const rendered = renderAnswer(answer, {
          registerMore: (excerpts, lang, tier) =>
            moreCustomId(ctx.more.put({ excerpts, lang, mode: answer.mode, tier })),
        });
        return { answer, rendered };
      },
      ({ answer }) => (answer.confidence === 'answer' ? 'answered' : 'abstained'),
    )
    .then(({ rendered }) => rendered);
}
