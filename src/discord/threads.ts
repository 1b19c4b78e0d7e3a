/**
 * Answering in threads (ANSWER_IN_THREADS): a mention in a server text channel is answered in a
 * public thread started on the question, so a conversation about the article does not bury the
 * channel, and everything said in that thread afterwards is a follow-up without a mention.
 *
 * The bot checks its permissions before starting a thread rather than trying and failing: a
 * refused thread would otherwise cost a REST error on every question in that channel. Whenever
 * no thread is opened although threads are on, it replies in the channel as before and logs one
 * line saying why, so a server admin can fix the channel.
 */
import {
  ChannelType,
  PermissionFlagsBits,
  PermissionsBitField,
  type Channel,
  type Message,
  type PermissionsString,
} from 'discord.js';
import { shorten } from '../render/citation.js';
import type { BotContext } from './context.js';
import type { messageOptions } from './respond.js';

/** Discord's limit on a channel (and so thread) name. */
export const MAX_THREAD_NAME = 100;

/** What the bot needs in a channel to answer there in a thread. */
export const THREAD_PERMISSIONS = [
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
] as const;

/**
 * The threads this process started, newest last, bounded so a long-running bot does not grow
 * without end. A thread forgotten here (evicted, or from before a restart) is still recognised
 * by its owner, which Discord records as the bot.
 */
export class BotThreads {
  private readonly ids = new Set<string>();

  constructor(private readonly maxEntries = 10_000) {}

  remember(threadId: string): void {
    this.ids.delete(threadId);
    this.ids.add(threadId);
    // A Set keeps insertion order: the first ids are the oldest.
    for (const oldest of this.ids) {
      if (this.ids.size <= this.maxEntries) break;
      this.ids.delete(oldest);
    }
  }

  has(threadId: string): boolean {
    return this.ids.has(threadId);
  }
}

/** Whether `channel` is a thread the bot started. */
export function isBotThread(channel: Channel, botUserId: string, threads: BotThreads): boolean {
  return channel.isThread() && (threads.has(channel.id) || channel.ownerId === botUserId);
}

/** The thread's name: the question, on one line, cut to Discord's limit. */
export function threadName(question: string): string {
  const name = shorten(question.replace(/\s+/g, ' ').trim(), MAX_THREAD_NAME);
  return name.length > 0 ? name : '?';
}

/** "CreatePublicThreads" → "Create Public Threads", as Discord's settings name it. */
function permissionLabel(name: PermissionsString): string {
  return name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ');
}

/** Why no thread can be opened for this message, or null when one can. */
async function whyNoThread(message: Message<true>): Promise<string | null> {
  const channel = message.channel;
  if (channel.type !== ChannelType.GuildText)
    return `threads are opened only in server text channels, and this is a ${ChannelType[channel.type]} channel`;
  const me = message.guild.members.me ?? (await message.guild.members.fetchMe());
  const granted = channel.permissionsFor(me);
  const missing = new PermissionsBitField(THREAD_PERMISSIONS)
    .toArray()
    .filter((p) => !granted.has(p));
  if (missing.length === 0) return null;
  return `the bot lacks ${missing.map(permissionLabel).join(' and ')} in this channel`;
}

/** Where an answer goes: the conversation's place (a channel or thread id) and how to send there. */
export interface AnswerPlace {
  /** The channel or thread whose conversation the question belongs to. */
  id: string;
  /** Where typing shows while the engine works. */
  channel: Message['channel'];
  send(options: ReturnType<typeof messageOptions>): Promise<Message>;
}

/** A reply to the question, where it was asked. */
export function inPlace(message: Message): AnswerPlace {
  return {
    id: message.channelId,
    channel: message.channel,
    send: (options) => message.reply(options),
  };
}

/**
 * For a mention: a new public thread on the question when threads are on and this is a server
 * text channel the bot may start threads in; else a reply in place (with one log line saying
 * why, when threads are on).
 */
export async function answerPlace(
  message: Message,
  ctx: Pick<BotContext, 'config' | 'log' | 'threads'>,
  question: string,
): Promise<AnswerPlace> {
  if (!ctx.config.ANSWER_IN_THREADS || !message.inGuild()) return inPlace(message);
  const where = { guild: message.guildId, channel: message.channelId, message: message.id };
  try {
    const why = await whyNoThread(message);
    if (why !== null) {
      ctx.log.info(where, `Answering in the channel, not in a thread: ${why}`);
      return inPlace(message);
    }
    const thread = await message.startThread({ name: threadName(question) });
    ctx.threads.remember(thread.id);
    return { id: thread.id, channel: thread, send: (options) => thread.send(options) };
  } catch (err) {
    // Fetching the bot's member or starting the thread failed: the answer matters more.
    ctx.log.warn(
      { err, ...where },
      'Answering in the channel, not in a thread: starting one failed',
    );
    return inPlace(message);
  }
}
