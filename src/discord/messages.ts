/**
 * Questions asked in messages: a mention of the bot in a guild channel, a DM, any message
 * in an answer channel, or any message in a thread the bot started. Answers are replies to
 * the question (or, with ANSWER_IN_THREADS, a mention is answered in a new thread on it);
 * typing shows while the engine works.
 *
 * Cooldown on messages: the bot reacts with ⏳ rather than replying, so a busy answer
 * channel is not flooded with notices; if it may not react there, it replies briefly.
 */
import { cleanContent, type Message } from 'discord.js';
import type { Lang } from '../text/language.js';
import type { RenderedMessage } from '../render/discord.js';
import { admit } from './admission.js';
import type { BotContext } from './context.js';
import { handleFailure } from './errors.js';
import { denialNotice } from './notices.js';
import { answerTurn, langFor, stripBotMentions, tidyQuestion, type Answered } from './questions.js';
import type { TurnOptions } from '../conversation/converse.js';
import { messageOptions } from './respond.js';
import { langFromLocale } from '../render/i18n.js';
import { answerPlace, inPlace, isBotThread, type AnswerPlace } from './threads.js';

export const COOLDOWN_REACTION = '⏳';
/** Typing lasts about 10 s in Discord; renew it before it lapses. */
const TYPING_RENEW_MS = 8_000;

export type MessageTrigger = 'mention' | 'dm' | 'channel' | 'thread';

export interface MessageFacts {
  authorIsBot: boolean;
  /** System messages (joins, pins) and webhook posts are never questions. */
  isSystem: boolean;
  isDM: boolean;
  channelId: string;
  /** The thread's parent, so threads under an answer channel count too. */
  parentChannelId: string | null;
  /** A thread the bot started to answer in: everything said there continues that conversation. */
  inBotThread: boolean;
  mentionsBot: boolean;
}

/** Why a message is a question, or null when the bot should ignore it. */
export function messageTrigger(
  m: MessageFacts,
  answerChannelIds: readonly string[],
): MessageTrigger | null {
  if (m.authorIsBot || m.isSystem) return null;
  if (m.isDM) return 'dm';
  if (answerChannelIds.includes(m.channelId)) return 'channel';
  if (m.parentChannelId !== null && answerChannelIds.includes(m.parentChannelId)) return 'channel';
  if (m.inBotThread) return 'thread';
  if (m.mentionsBot) return 'mention';
  return null;
}

function botRoleIds(message: Message): string[] {
  const me = message.client.user.id;
  return [...message.mentions.roles.values()].filter((r) => r.tags?.botId === me).map((r) => r.id);
}

function facts(message: Message, ctx: BotContext): MessageFacts {
  const me = message.client.user.id;
  return {
    authorIsBot: message.author.bot,
    isSystem: message.system || message.webhookId !== null,
    isDM: !message.inGuild(),
    channelId: message.channelId,
    parentChannelId: message.channel.isThread() ? message.channel.parentId : null,
    inBotThread: isBotThread(message.channel, me, ctx.threads),
    // A reply to the bot that pings it counts too: Discord lists the bot among the mentions.
    mentionsBot:
      new RegExp(`<@!?${me}>`).test(message.content) ||
      message.mentions.users.has(me) ||
      botRoleIds(message).length > 0,
  };
}

/** The question as the user wrote it, without the mention of the bot, other mentions as names. */
export function questionFrom(message: Message): string {
  const stripped = stripBotMentions(message.content, message.client.user.id, botRoleIds(message));
  return tidyQuestion(cleanContent(stripped, message.channel));
}

function keepTyping(channel: Message['channel'], ctx: BotContext): () => void {
  if (!('sendTyping' in channel)) return () => undefined;
  const send = () => {
    channel.sendTyping().catch((err: unknown) => ctx.log.debug({ err }, 'sendTyping failed'));
  };
  send();
  const timer = setInterval(send, TYPING_RENEW_MS);
  return () => clearInterval(timer);
}

async function reply(message: Message, rendered: RenderedMessage): Promise<Message> {
  return message.reply(messageOptions(rendered));
}

/**
 * How the question relates to earlier ones: a Discord reply to one of the bot's answers
 * follows up on exactly that answer's question; a reply to a bot message it does not know
 * (its send not yet confirmed) follows up on the asker's recent questions here; anything
 * else is read on its own, since a fresh mention in a busy channel rarely continues the
 * asker's last one. In a thread the bot started, everything follows up on the asker's recent
 * questions there, since the thread is one conversation.
 */
function turnOf(message: Message, ctx: BotContext, trigger: MessageTrigger): TurnOptions {
  const repliedTo = message.reference?.messageId;
  const understood = repliedTo === undefined ? undefined : ctx.answered.understood(repliedTo);
  if (understood !== undefined) return { context: [understood] };
  if (trigger === 'thread') return {};
  if (repliedTo === undefined) return { followUp: false };
  return message.mentions.repliedUser?.id === message.client.user.id ? {} : { followUp: false };
}

function fallbackLang(message: Message, ctx: BotContext): Lang {
  return message.guild
    ? langFromLocale(message.guild.preferredLocale, ctx.defaultLang)
    : ctx.defaultLang;
}

/**
 * Why the message is a question, or null; null too when that cannot be told (logged). And
 * whether the bot was addressed: in an answer channel, only a mention or reply-ping is.
 */
function triggerOf(
  message: Message,
  ctx: BotContext,
): { trigger: MessageTrigger; addressed: boolean } | null {
  try {
    const f = facts(message, ctx);
    const trigger = messageTrigger(f, ctx.config.ANSWER_CHANNEL_IDS);
    // In answer channels and the bot's threads people also talk to each other.
    const overheard = trigger === 'channel' || trigger === 'thread';
    return trigger && { trigger, addressed: !overheard || f.mentionsBot };
  } catch (err) {
    // Answering with an error notice could mean replying to messages never meant for the bot.
    ctx.log.error(
      { err, message: message.id, channel: message.channelId },
      'Could not tell whether a message is for the bot; left it unanswered',
    );
    return null;
  }
}

export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const seen = triggerOf(message, ctx);
  if (seen === null) return;
  const { trigger, addressed } = seen;
  const where = {
    trigger,
    user: message.author.id,
    guild: message.guildId,
    channel: message.channelId,
  };
  let lang = ctx.defaultLang;
  try {
    lang = fallbackLang(message, ctx);
    const question = questionFrom(message);
    lang = langFor(question, null, lang);
    // In an answer channel or the bot's thread an empty message (an image, a sticker) is not meant for the bot.
    if (question.length === 0 && (trigger === 'channel' || trigger === 'thread')) return;
    const admission = admit(ctx, trigger, question, message.author.id);
    if (!admission.ok) {
      const { denial } = admission;
      if (denial.kind === 'cooldown') {
        await message.react(COOLDOWN_REACTION).catch(async (err: unknown) => {
          ctx.log.debug({ err, ...where }, 'Cannot react; replying with the cooldown instead');
          await reply(message, denialNotice(denial, lang));
        });
      } else {
        await reply(message, denialNotice(denial, lang));
      }
      return;
    }
    const { intent } = admission;
    // "hi" in an answer channel greets the people there, not the bot.
    if (intent === 'greeting' && !addressed) return;
    // The thread, when one is opened, is where the conversation is held from the first question.
    const place: AnswerPlace =
      trigger === 'mention' ? await answerPlace(message, ctx, question) : inPlace(message);
    const stopTyping = keepTyping(place.channel, ctx);
    let answered: Answered;
    try {
      answered = await answerTurn(ctx, question, intent, message.client.user.id, trigger, {
        userId: message.author.id,
        place: place.id,
        turn: turnOf(message, ctx, trigger),
      });
    } finally {
      stopTyping();
    }
    const sent = await place.send(messageOptions(answered.rendered));
    if (answered.understood !== null) ctx.answered.remember(sent.id, answered.understood);
  } catch (err) {
    await handleFailure(ctx.log, err, {
      where,
      lang,
      tell: (notice) => reply(message, notice),
    });
  }
}
