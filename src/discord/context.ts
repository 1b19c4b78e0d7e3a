/** What every handler gets: the core, configuration, and the bot's own per-process state. */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../answers/types.js';
import type { Config } from '../config.js';
import type { ConversationHistory } from '../conversation/history.js';
import type { FeedbackStore } from '../feedback/store.js';
import type { Logger } from '../logger.js';
import type { BotMetrics } from '../ops/metrics.js';
import type { Lang } from '../text/language.js';
import type { AnsweredMessages } from './answered-messages.js';
import type { Cooldown } from './cooldown.js';
import type { MoreCache } from './more-cache.js';
import type { BotThreads } from './threads.js';

export interface BotContext {
  engine: Engine;
  config: Config;
  log: Logger;
  cooldown: Cooldown;
  more: MoreCache;
  /** Recent questions per channel or thread and user, for follow-ups. */
  history: ConversationHistory;
  /** The bot's answers by message id, so a reply to one follows up on it. */
  answered: AnsweredMessages;
  /** Threads the bot started to answer in (ANSWER_IN_THREADS): what is said there is a follow-up. */
  threads: BotThreads;
  /** Answers shown and their votes; never throws, so a broken database never stops answers. */
  feedback: FeedbackStore;
  /** Questions by surface and outcome, and their latency (GET /metrics). */
  metrics: BotMetrics;
  /** Wording when nothing tells us the user's language: the article's language. */
  defaultLang: Lang;
  /** How long /ask waits for the engine before deferring (Discord allows 3 s for the first response). */
  deferAfterMs: number;
}

/** A slash command: /name with options. */
export interface SlashCommand {
  readonly kind: 'slash';
  /** A SlashCommandBuilder, or anything that serialises to a chat-input command. */
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Required when an option has autocomplete; must answer fast and never throw. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message command: right-click (or long-press) a message → Apps → its name. */
export interface MessageMenuCommand {
  readonly kind: 'message';
  /** A ContextMenuCommandBuilder of type Message, or anything that serialises to one. */
  data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

export type Command = SlashCommand | MessageMenuCommand;
