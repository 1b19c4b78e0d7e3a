/**
 * The Discord bot: a thin layer over the Engine. It connects, logs what it serves, routes
 * messages and interactions to their handlers, and stops cleanly.
 *
 * Intents: Guilds, GuildMessages and DirectMessages always; MessageContent (privileged)
 * only when ANSWER_CHANNEL_IDS or ANSWER_IN_THREADS is set, because only then must the bot
 * read messages that do not mention it (every message in an answer channel, follow-ups in its
 * threads). Discord delivers the content of mentions and DMs without it.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  Partials,
  RESTEvents,
  type ClientOptions,
} from 'discord.js';
import type { Engine } from '../answers/types.js';
import { ConfigError, type Config } from '../config.js';
import { ConversationHistory } from '../conversation/history.js';
import { openConfiguredFeedbackStore } from '../feedback/store.js';
import type { Logger } from '../logger.js';
import { BotMetrics } from '../ops/metrics.js';
import { isLang } from '../render/i18n.js';
import type { Lang } from '../text/language.js';
import { AnsweredMessages } from './answered-messages.js';
import type { BotContext } from './context.js';
import { Cooldown } from './cooldown.js';
import { handleInteraction } from './interactions.js';
import { commandLabel, loadCommands } from './loader.js';
import { handleMessage } from './messages.js';
import { MoreCache } from './more-cache.js';
import { NO_PINGS } from './respond.js';
import { BotThreads } from './threads.js';

export interface RunningBot {
  client: Client<true>;
  stop(): Promise<void>;
}

export function botIntents(
  config: Pick<Config, 'ANSWER_CHANNEL_IDS' | 'ANSWER_IN_THREADS'>,
): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (config.ANSWER_CHANNEL_IDS.length > 0 || config.ANSWER_IN_THREADS)
    intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function clientOptions(config: Config): ClientOptions {
  return {
    intents: botIntents(config),
    // DM channels are not cached before their first message; without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    // Answer even if the question was deleted while the engine worked.
    failIfNotExists: false,
    ...(config.DISCORD_API_URL !== undefined && { rest: { api: config.DISCORD_API_URL } }),
  };
}

/** Close code 4014: the MessageContent intent is not switched on for this application. */
function explainLoginError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (
    /disallowed intent/i.test(message) ||
    (typeof err === 'object' && err && 'code' in err && err.code === 4014)
  ) {
    return new ConfigError(
      'Discord refused the Message Content intent, which ANSWER_CHANNEL_IDS and ANSWER_IN_THREADS need. ' +
        'Switch on "Message Content Intent" under Bot → Privileged Gateway Intents in the Developer Portal, ' +
        'or leave ANSWER_CHANNEL_IDS empty and ANSWER_IN_THREADS false.',
    );
  }
  if (/token/i.test(message) && /invalid/i.test(message)) {
    return new ConfigError(
      'Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot → Reset Token).',
    );
  }
  return err instanceof Error ? err : new Error(message);
}

function defaultLang(engine: Engine): Lang {
  const language = engine.about().documents[0]?.language;
  return isLang(language) ? language : 'zh-Hant';
}

export interface StartOptions {
  /** Where questions, reconnects and rate limits are counted; a fresh registry when omitted. */
  metrics?: BotMetrics;
  /** Called with the client before it logs in, so health checks can watch it connect. */
  onClient?: (client: Client) => void;
}

export async function startBot(
  engine: Engine,
  config: Config,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningBot> {
  if (!config.DISCORD_TOKEN)
    throw new ConfigError('DISCORD_TOKEN is not set: the bot cannot log in to Discord.');
  const commands = await loadCommands();
  const ctx: BotContext = {
    engine,
    config,
    log,
    cooldown: new Cooldown(config.USER_COOLDOWN_MS),
    more: new MoreCache(),
    history: new ConversationHistory(),
    answered: new AnsweredMessages(),
    threads: new BotThreads(),
    // Never throws: an unusable database is logged once and every call reports failure.
    feedback: openConfiguredFeedbackStore(config, log),
    metrics: options.metrics ?? new BotMetrics(),
    defaultLang: defaultLang(engine),
    deferAfterMs: 1_500,
  };
  const client = new Client(clientOptions(config));
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, ctx, commands);
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, ctx);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (warning) => log.warn(warning));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'Disconnected from Discord'),
  );
  client.on(Events.ShardReconnecting, (shard) => {
    ctx.metrics.gatewayReconnect();
    log.info({ shard }, 'Reconnecting to Discord');
  });
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'Reconnected to Discord'));

  client.rest.on(RESTEvents.RateLimited, (info) => ctx.metrics.restRateLimited(info.global));
  client.rest.on(RESTEvents.Response, (_request, response) =>
    ctx.metrics.restStatus(response.status),
  );
  options.onClient?.(client);

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    await client.destroy();
    ctx.feedback.close();
    throw explainLoginError(err);
  }
  const c = await ready;

  const about = engine.about();
  log.info(
    {
      user: c.user.tag,
      articles: about.documents.map((d) => d.title),
      passages: about.passages,
      people: about.people,
      mode: about.mode,
      ...(about.modeReason !== undefined && { modeReason: about.modeReason }),
      model: about.model,
      guilds: c.guilds.cache.map((g) => `${g.name} (${g.id})`),
      commands: [...commands.values()].map(commandLabel),
      answerChannels: config.ANSWER_CHANNEL_IDS,
      answerInThreads: config.ANSWER_IN_THREADS,
    },
    `Discord bot ready as ${c.user.tag}: ${about.documents.length} article(s), ${about.passages} passages, ` +
      `${about.mode} mode, in ${c.guilds.cache.size} guild(s)`,
  );

  let stopped = false;
  return {
    client: c,
    async stop() {
      if (stopped) return;
      stopped = true;
      client.removeAllListeners();
      await client.destroy();
      ctx.feedback.close();
      log.info('Discord bot stopped');
    },
  };
}
