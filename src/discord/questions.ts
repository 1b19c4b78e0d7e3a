/**
 * Turning what a user wrote into a question for the engine, and an answer into a reply.
 * Shared by mentions, DMs, answer channels and /ask.
 */
import { questionLength } from '../answers/admission.js';
import type { IndexMode, Reply } from '../answers/types.js';
import { converse, type TurnOptions } from '../conversation/converse.js';
import { conversationKey } from '../conversation/history.js';
import { answerRecord } from '../feedback/answer-record.js';
import { understoodNote } from '../render/follow-up-note.js';
import type { Intent } from '../intent/classify.js';
import type { Lang } from '../text/language.js';
import { detectLanguage } from '../text/language.js';
import {
  renderAnswer,
  renderGreeting,
  renderHelp,
  renderSummary,
  withFeedbackButtons,
  withUnderstoodNote,
  type AnswerRenderOptions,
  type RenderedMessage,
} from '../render/discord.js';
import { langFromLocale, type HelpParams } from '../render/i18n.js';
import type { Outcome, Surface } from '../ops/metrics.js';
import type { BotContext } from './context.js';
import { voteCustomId } from './feedback-ids.js';
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

/** Greetings and help cost nothing and ask nothing of the article: they never use up the cooldown. */
export function usesCooldown(intent: Intent): boolean {
  return intent === 'question' || intent === 'summary';
}

/** What /help and a help request show: every way to reach this bot here. */
export function helpParams(ctx: BotContext, botUserId: string): HelpParams {
  return {
    botMention: `<@${botUserId}>`,
    answerChannels: ctx.config.ANSWER_CHANNEL_IDS.map((id) => `<#${id}>`),
    maxQuestionChars: ctx.config.MAX_QUESTION_CHARS,
    cooldownSeconds: Math.ceil(ctx.config.USER_COOLDOWN_MS / 1000),
    answerInThreads: ctx.config.ANSWER_IN_THREADS,
  };
}

/** "More passages" for an answer's or a summary's left-out excerpts. */
export function moreRegistrar(ctx: BotContext, mode: IndexMode): AnswerRenderOptions {
  return {
    registerMore: (excerpts, lang, tier) =>
      moreCustomId(ctx.more.put({ excerpts, lang, mode, tier })),
  };
}

/** Render any reply; passages that do not fit go behind "More passages". */
export function renderReply(ctx: BotContext, reply: Reply, botUserId: string): RenderedMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, moreRegistrar(ctx, reply.answer.mode));
    case 'summary':
      return renderSummary(reply.summary, moreRegistrar(ctx, reply.summary.mode));
    case 'greeting':
      return renderGreeting(reply.greeting);
    case 'help':
      return renderHelp(reply.lang, helpParams(ctx, botUserId));
  }
}

/** Answered unless an answer says the article does not (a summary, greeting or help is served). */
function outcomeOf(reply: Reply): Outcome {
  if (reply.kind !== 'answer') return 'answered';
  return reply.answer.confidence === 'answer' ? 'answered' : 'abstained';
}

/** Who asks, where the conversation is held, and how the question relates to earlier ones. */
export interface Asker {
  userId: string;
  /** The thread or channel (or DM channel) the question was asked in. */
  place: string;
  turn: TurnOptions;
}

export interface Answered {
  rendered: RenderedMessage;
  /** The question as understood, when the reply is an answer one can follow up on. */
  understood: string | null;
}

/**
 * The answer as the user sees it: how a follow-up was understood above it, and 👍/👎 under
 * it once it is recorded. When recording fails the answer goes out without buttons: a vote
 * that could not be stored is worse than none.
 */
function answerMessage(
  ctx: BotContext,
  reply: Extract<Reply, { kind: 'answer' }>,
  rendered: RenderedMessage,
  meta: { userId: string; context: string[]; latencyMs: number },
): RenderedMessage {
  const { answer } = reply;
  const noted = withUnderstoodNote(rendered, understoodNote(answer));
  const stored = ctx.feedback.recordAnswer(
    answerRecord(answer, {
      userId: meta.userId,
      surface: 'discord',
      context: meta.context,
      buildId: ctx.engine.about().buildId,
      latencyMs: meta.latencyMs,
    }),
  );
  if (!stored.ok) return noted;
  return withFeedbackButtons(
    noted,
    { up: voteCustomId('up', stored.value), down: voteCustomId('down', stored.value) },
    answer.lang,
  );
}

/**
 * Ask the engine (summary, greeting, help or an answer, by intent) as a turn of the asker's
 * conversation and render the reply, counted by surface and outcome with its latency.
 */
export async function answerTurn(
  ctx: BotContext,
  question: string,
  intent: Intent,
  botUserId: string,
  surface: Surface,
  asker: Asker,
): Promise<Answered> {
  const { answered } = await ctx.metrics.timed(
    surface,
    async () => {
      const started = performance.now();
      const key = conversationKey(asker.place, asker.userId);
      const turn = await converse(ctx.engine, ctx.history, key, question, {
        ...asker.turn,
        intent,
      });
      const latencyMs = Math.round(performance.now() - started);
      const { reply } = turn;
      const rendered = renderReply(ctx, reply, botUserId);
      if (reply.kind !== 'answer')
        return { reply, answered: { rendered, understood: null } satisfies Answered };
      return {
        reply,
        answered: {
          rendered: answerMessage(ctx, reply, rendered, {
            userId: asker.userId,
            context: turn.context,
            latencyMs,
          }),
          understood: reply.answer.followUp?.understood ?? reply.answer.question,
        } satisfies Answered,
      };
    },
    ({ reply }) => outcomeOf(reply),
  );
  return answered;
}
