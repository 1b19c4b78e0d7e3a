/**
 * Discord stand-in for end-to-end tests: a local HTTP + WebSocket server speaking enough of Discord's
 * real protocol (REST v10 and gateway v10, JSON encoding) that an unmodified discord.js 14 client logs
 * in, receives events and answers them. Nothing leaves 127.0.0.1.
 *
 * Usage:
 *   const standIn = await startStandIn();
 *   const client = new Client({ intents: [...], partials: [Partials.Channel], rest: { api: standIn.apiUrl } });
 *   await client.login(standIn.token);
 *   await standIn.waitForReady();
 *   standIn.injectMessage({ content: `<@${standIn.botUser.id}> hello`, mentions: [standIn.botUser] });
 *   const call = await standIn.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${standIn.channelId}/messages`);
 *   ...
 *   await client.destroy();   // first: a client left connected would try to reconnect
 *   await standIn.close();
 *
 * Public API (kept stable; other test files build on it):
 *   startStandIn(opts?: { token?, guildName?, heartbeatIntervalMs?, shards? }): Promise<StandIn>
 *   StandIn:
 *     apiUrl            value for `rest.api` / DISCORD_API_URL (`http://127.0.0.1:PORT/api`; discord.js adds /v10)
 *     token             bot token the stand-in accepts (REST `Authorization: Bot <token>` and IDENTIFY)
 *     applicationId     equals botUser.id, as for every bot created since 2018
 *     botUser           { id, username } of the bot account
 *     guildId, channelId   the first guild and its text channel `#general`
 *     shards            the shard count the gateway requires and GET /gateway/bot recommends (opts.shards, 1)
 *     guilds            every guild { id, name, channelId, shard }: with N shards, one per shard, so each shard
 *                       has a guild of its own; all share the members, roles' permissions and commands
 *     userId, dmChannelId  the default human user (`tester`, a plain member) and their DM channel with the bot
 *     calls             every HTTP request, in arrival order, recorded before it was answered: RecordedCall
 *                       { method, path (no /api/v10, percent-decoded: `/webhooks/…/messages/@original`), query,
 *                         body (JSON, or multipart's payload_json), files, headers (lower-case), status, at }
 *     identifiedIntents intents bitfield of the bot's last IDENTIFY (undefined before)
 *     gatewayFrames     every gateway frame the bot sent ({ op, d, at })
 *     waitForCall(pred, timeoutMs = 10000)  first past or future call matching pred
 *     waitForReady(timeoutMs = 15000)       resolves once a bot has IDENTIFYed and was sent READY + GUILD_CREATE,
 *                                           on every shard
 *     injectMessage(o)      MESSAGE_CREATE from a user (guild channel, or DM with `dm: true`) → { id, channelId }
 *     injectCommand(o)      INTERACTION_CREATE type 2 (chat-input command) → { id, token }
 *     injectAutocomplete(o) INTERACTION_CREATE type 4 → { id, token }
 *     injectButton(o)       INTERACTION_CREATE type 3 (button on a stored message, e.g. one the bot sent) → { id, token }
 *     injectModalSubmit(o)  INTERACTION_CREATE type 5 (a form opened from a stored message's button; fields by
 *                           custom_id, a string for a text input, an array for a select in a label) → { id, token }
 *     injectMessageCommand(o) INTERACTION_CREATE type 2 with data.type 3 (a message command used on a stored
 *                           message: target_id, resolved.messages) → { id, token }
 *     injectMessage({ replyTo }) makes the message a Discord reply to a stored message;
 *                           { channelId: threadId } posts it in a thread
 *     thread(id)            a thread the bot started (POST /channels/:id/messages/:id/threads), or undefined;
 *                           its id is the starter message's, as on Discord, and THREAD_CREATE told the bot
 *     setPermissionOverwrites(channelId, overwrites)  replaces #general's overwrites (@everyone's id is the
 *                           guild id) and sends CHANNEL_UPDATE, as a server admin's change would
 *     createUser(o)         another guild member → { id, username }
 *     channelMessages(id)   the messages now in a channel (injected and the bot's, after edits/deletes, ephemeral
 *                           ones included with flags & 64), oldest first
 *     requestReconnect()    sends op 7; discord.js reconnects and RESUMEs, missed events are replayed
 *     close()               closes sockets and the server; pending waits reject
 *
 * Behaviour worth knowing when writing tests:
 *   - Unknown routes answer 404 `{ message, code }` and are recorded; assert
 *     `standIn.calls.every((c) => c.status < 400)` to catch both unknown routes and refused payloads.
 *   - Payloads are checked against Discord's documented limits (content ≤ 2000, embeds, components, autocomplete
 *     choices, command definitions); a violation answers 400 code 50035 like Discord, so discord.js throws.
 *   - Interaction rules: one initial response per interaction, of a type valid for it (else 40060 / 400);
 *     follow-ups and `@original` only after it; the first follow-up after a deferral fills the placeholder.
 *   - The bot receives MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE for its own non-ephemeral messages,
 *     as on Discord. Message events are filtered by intents (GuildMessages, DirectMessages, MessageContent
 *     blanking content unless DM, own message or bot mentioned); DMs reach discord.js only with Partials.Channel.
 *   - Permissions are computed per channel as Discord does (guild roles, then the channel's overwrites; a
 *     thread has its parent's): sending needs Send Messages (Send Messages in Threads in a thread), starting a
 *     thread Create Public Threads, else 403 code 50013.
 *   - Mentions in the bot's messages are resolved from content and `allowed_mentions`, so the returned and
 *     stored message's `mentions` / `mention_everyone` say who would really have been pinged.
 *   - Injected interaction timing is not enforced (no 3-second deadline): CI machines are slow.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  MessageType,
  type APIMessage,
  type APIOverwrite,
  type APIThreadChannel,
  type APIUser,
  type MessageFlags,
} from 'discord.js';
import { CallLog, type RecordedCall } from './calls.js';
import { CommandStore } from './commands.js';
import { ApiError } from './errors.js';
import { gatewayMessage } from './events.js';
import { GATEWAY_PATH, Gateway, type ReceivedFrame } from './gateway.js';
import { parseRequest, send, toCall, type ParsedRequest, type Reply } from './http.js';
import { Interactions, type CommandOptionInput, type MessageEvents } from './interactions.js';
import { handle } from './routes.js';
import { shardOfGuild, snowflakeTimestamp } from './snowflake.js';
import { World } from './world.js';

export type { RecordedCall } from './calls.js';
export type { ReceivedFrame } from './gateway.js';
export type { CommandOptionInput } from './interactions.js';
export type { UploadedFile } from './messages.js';

export interface StandInOptions {
  token?: string;
  guildName?: string;
  /** HELLO's heartbeat_interval; Discord uses 41250 ms. Lower it to exercise heartbeats in a test. */
  heartbeatIntervalMs?: number;
  /**
   * Shards the bot must run: IDENTIFY must carry `shard: [id, shards]` when above 1, and there is
   * one guild on each shard. Default 1 (unsharded; `shard: [0, 1]` or none).
   */
  shards?: number;
}

export interface StandInGuild {
  id: string;
  name: string;
  channelId: string;
  /** The shard its events go to. */
  shard: number;
}

export interface InjectMessageOptions {
  content: string;
  /** Author; defaults to the default human user, or to another bot account when `authorBot` is set. */
  authorId?: string;
  authorBot?: boolean;
  /** Defaults to the guild text channel, or to the author's DM channel when `dm` is set. */
  channelId?: string;
  dm?: boolean;
  mentions?: { id: string; username: string; bot?: boolean }[];
  mentionEveryone?: boolean;
  /** A Discord reply to this stored message (message_reference and referenced_message set). */
  replyTo?: string;
}

export interface InjectCommandOptions {
  name: string;
  options?: CommandOptionInput[];
  userId?: string;
  dm?: boolean;
  /** Guild channel to invoke it in; defaults to `#general`. Ignored with `dm`. */
  channelId?: string;
  /** The invoking user's client locale, e.g. 'zh-TW'; defaults to 'en-US'. */
  locale?: string;
}

export interface InjectAutocompleteOptions {
  name: string;
  options: CommandOptionInput[];
  userId?: string;
  dm?: boolean;
  channelId?: string;
  locale?: string;
}

export interface InjectMessageCommandOptions {
  /** The message command's name, e.g. as registered by the bot. */
  name: string;
  /** The stored message it was used on (Discord's `target_id`, resolved in `data.resolved.messages`). */
  targetId: string;
  userId?: string;
  locale?: string;
}

export interface InjectButtonOptions {
  customId: string;
  /** A stored message carrying the button, typically one the bot sent. */
  messageId: string;
  userId?: string;
  locale?: string;
}

export interface InjectModalSubmitOptions {
  customId: string;
  /** Field values by custom_id: a string for a text input, an array for a select. */
  fields: Record<string, string | string[]>;
  /** The stored message whose button opened the form. */
  messageId: string;
  userId?: string;
  locale?: string;
}

export interface StandIn {
  apiUrl: string;
  token: string;
  applicationId: string;
  botUser: { id: string; username: string };
  guildId: string;
  channelId: string;
  shards: number;
  guilds: StandInGuild[];
  dmChannelId: string;
  userId: string;
  calls: RecordedCall[];
  readonly identifiedIntents: number | undefined;
  gatewayFrames: ReceivedFrame[];
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForReady(timeoutMs?: number): Promise<void>;
  injectMessage(o: InjectMessageOptions): { id: string; channelId: string };
  injectCommand(o: InjectCommandOptions): { id: string; token: string };
  injectAutocomplete(o: InjectAutocompleteOptions): { id: string; token: string };
  injectMessageCommand(o: InjectMessageCommandOptions): { id: string; token: string };
  injectButton(o: InjectButtonOptions): { id: string; token: string };
  injectModalSubmit(o: InjectModalSubmitOptions): { id: string; token: string };
  createUser(o: { username: string; bot?: boolean }): { id: string; username: string };
  channelMessages(channelId: string): APIMessage[];
  thread(id: string): APIThreadChannel | undefined;
  setPermissionOverwrites(channelId: string, overwrites: APIOverwrite[]): void;
  requestReconnect(): void;
  close(): Promise<void>;
}

function defaultToken(botId: string): string {
  // Shaped like a real bot token (base64 user id . timestamp . hmac) so log redaction is exercised.
  const stamp = Buffer.from(String(Math.floor(Date.now() / 1000))).toString('base64url');
  return `${Buffer.from(botId).toString('base64url')}.${stamp}.stand-in-${Math.random().toString(36).slice(2, 14)}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const shardCount = opts.shards ?? 1;
  const world = new World(opts.guildName ?? 'Stand-in Guild');
  // The first guild's events may go to any shard; make sure each shard has a guild of its own.
  for (let shard = 0; shard < shardCount; shard++) {
    if (world.guilds().some((g) => shardOfGuild(g.id, shardCount) === shard)) continue;
    world.addGuild(
      `Stand-in Guild (shard ${shard})`,
      (id) => shardOfGuild(id, shardCount) === shard,
    );
  }
  const token = opts.token ?? defaultToken(world.bot.id);
  const log = new CallLog();
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;
  const gatewayUrl = () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`;

  const server = createServer();
  const gateway = new Gateway(
    server,
    world,
    token,
    opts.heartbeatIntervalMs ?? 41_250,
    gatewayUrl,
    shardCount,
  );
  const events: MessageEvents = {
    created: (m) => gateway.dispatch(GatewayDispatchEvents.MessageCreate, gatewayMessage(world, m)),
    updated: (m) => gateway.dispatch(GatewayDispatchEvents.MessageUpdate, gatewayMessage(world, m)),
    deleted: (m) =>
      gateway.dispatch(GatewayDispatchEvents.MessageDelete, {
        id: m.id,
        channel_id: m.channel_id,
        ...(world.guildOfChannel(m.channel_id)
          ? { guild_id: world.guildOfChannel(m.channel_id)?.id }
          : {}),
      }),
  };
  const interactions = new Interactions(world, origin, events);
  const services = {
    world,
    interactions,
    commands: new CommandStore(world),
    events,
    channelEvents: {
      // newly_created: Discord's mark on the THREAD_CREATE of a thread just made (not a join).
      threadCreated: (thread: APIThreadChannel) =>
        gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }),
    },
    token,
    origin,
    gatewayUrl,
    shardCount,
  };

  server.on('request', (req, res) => {
    const at = Date.now();
    void parseRequest(req).then(({ request, error }) => {
      const reply = answer(request, error);
      log.add(toCall(request, reply.status, at));
      send(res, reply);
    });
  });

  function answer(request: ParsedRequest, parseError: ApiError | undefined): Reply {
    if (parseError) return { status: parseError.status, json: parseError.toJSON() };
    try {
      return handle(request, services);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, json: error.toJSON() };
      // A bug in the stand-in itself: make it loud rather than a silent retry loop in discord.js.
      console.error('stand-in: internal error on', request.method, request.path, error);
      return { status: 500, json: { message: '500: Internal Server Error', code: 0 } };
    }
  }

  port = await listen(server);

  function dispatchOrThrow(event: GatewayDispatchEvents, data: unknown): void {
    if (!gateway.dispatch(event, data)) {
      throw new Error(
        `stand-in: cannot deliver ${event}: no bot has logged in (await waitForReady() first)`,
      );
    }
  }

  function userOrDefault(userId: string | undefined): APIUser {
    return userId ? world.ensureUser(userId) : world.human;
  }

  function interactionChannel(
    user: APIUser,
    dm: boolean | undefined,
    channelId: string | undefined,
  ): string {
    if (dm) return world.dmChannelFor(user.id).id;
    const id = channelId ?? world.channelId;
    if (world.guildOfChannel(id) === undefined)
      throw new Error(`stand-in: ${id} is not a guild channel or thread`);
    return id;
  }

  const standIn: StandIn = {
    apiUrl: `${origin()}/api`,
    token,
    applicationId: world.applicationId,
    botUser: { id: world.bot.id, username: world.bot.username },
    guildId: world.guildId,
    channelId: world.channelId,
    shards: shardCount,
    guilds: world.guilds().map((g) => ({
      id: g.id,
      name: g.name,
      channelId: g.channelId,
      shard: shardOfGuild(g.id, shardCount),
    })),
    dmChannelId: world.dmChannelFor(world.human.id).id,
    userId: world.human.id,
    calls: log.calls,
    get identifiedIntents() {
      return gateway.identifiedIntents;
    },
    gatewayFrames: gateway.received,

    waitForCall: (pred, timeoutMs) => log.waitFor(pred, timeoutMs),
    waitForReady: (timeoutMs = 15_000) => gateway.waitForReady(timeoutMs, () => log.describe()),

    injectMessage(o) {
      const author = o.authorId
        ? world.ensureUser(o.authorId, undefined, o.authorBot)
        : o.authorBot
          ? world.otherBot
          : world.human;
      let channelId = o.channelId ?? world.channelId;
      if (o.dm) {
        const dm = world.dmChannelFor(author.id);
        if (o.channelId && o.channelId !== dm.id) {
          throw new Error(`stand-in: ${o.channelId} is not the DM channel of ${author.id}`);
        }
        channelId = dm.id;
      }
      const channel = world.channel(channelId);
      if (!channel) throw new Error(`stand-in: unknown channel ${channelId}`);
      if (channel.kind === 'dm' && channel.recipientId !== author.id) {
        throw new Error(`stand-in: ${author.id} cannot post in another user's DM channel`);
      }
      const mentions = (o.mentions ?? []).map((m) => world.ensureUser(m.id, m.username, m.bot));
      const repliedTo = o.replyTo === undefined ? undefined : world.findMessage(o.replyTo);
      if (o.replyTo !== undefined && !repliedTo)
        throw new Error(`stand-in: no stored message ${o.replyTo} to reply to`);
      const id = world.snowflakes.next();
      const message: APIMessage = {
        id,
        channel_id: channelId,
        author,
        content: o.content,
        timestamp: new Date(snowflakeTimestamp(id)).toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: o.mentionEveryone ?? false,
        mentions,
        mention_roles: [],
        attachments: [],
        embeds: [],
        components: [],
        pinned: false,
        type: repliedTo ? MessageType.Reply : MessageType.Default,
        flags: 0 as MessageFlags,
        nonce: world.snowflakes.next(),
        ...(repliedTo && {
          message_reference: {
            message_id: repliedTo.id,
            channel_id: repliedTo.channel_id,
            ...(world.guildOfChannel(repliedTo.channel_id) && {
              guild_id: world.guildOfChannel(repliedTo.channel_id)!.id,
            }),
          },
          referenced_message: repliedTo,
        }),
      };
      world.storeMessage(message);
      dispatchOrThrow(GatewayDispatchEvents.MessageCreate, gatewayMessage(world, message));
      return { id, channelId };
    },

    injectCommand(o) {
      const user = userOrDefault(o.userId);
      const {
        id,
        token: interactionToken,
        payload,
      } = interactions.command({
        name: o.name,
        ...(o.options ? { options: o.options } : {}),
        user,
        channelId: interactionChannel(user, o.dm, o.channelId),
        ...(o.locale ? { locale: o.locale } : {}),
      });
      dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
      return { id, token: interactionToken };
    },

    injectAutocomplete(o) {
      const user = userOrDefault(o.userId);
      const {
        id,
        token: interactionToken,
        payload,
      } = interactions.command({
        name: o.name,
        options: o.options,
        user,
        channelId: interactionChannel(user, o.dm, o.channelId),
        autocomplete: true,
        ...(o.locale ? { locale: o.locale } : {}),
      });
      dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
      return { id, token: interactionToken };
    },

    injectMessageCommand(o) {
      const target = world.findMessage(o.targetId);
      if (!target) throw new Error(`stand-in: no stored message ${o.targetId} to use a command on`);
      const {
        id,
        token: interactionToken,
        payload,
      } = interactions.messageCommand({
        name: o.name,
        target: gatewayMessage(world, target),
        user: userOrDefault(o.userId),
        ...(o.locale ? { locale: o.locale } : {}),
      });
      dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
      return { id, token: interactionToken };
    },

    injectButton(o) {
      const message = world.findMessage(o.messageId);
      if (!message)
        throw new Error(`stand-in: no stored message ${o.messageId} to click a button on`);
      const {
        id,
        token: interactionToken,
        payload,
      } = interactions.button({
        customId: o.customId,
        message,
        user: userOrDefault(o.userId),
        ...(o.locale ? { locale: o.locale } : {}),
      });
      dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
      return { id, token: interactionToken };
    },

    injectModalSubmit(o) {
      const message = world.findMessage(o.messageId);
      if (!message) throw new Error(`stand-in: no stored message ${o.messageId} for the form`);
      const {
        id,
        token: interactionToken,
        payload,
      } = interactions.modalSubmit({
        customId: o.customId,
        fields: o.fields,
        message,
        user: userOrDefault(o.userId),
        ...(o.locale ? { locale: o.locale } : {}),
      });
      dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
      return { id, token: interactionToken };
    },

    createUser(o) {
      const user = world.createUser(o.username, o.bot);
      return { id: user.id, username: user.username };
    },

    channelMessages: (channelId) => world.messagesIn(channelId),

    thread(id) {
      const record = world.channel(id);
      return record?.kind === 'thread' ? record.data : undefined;
    },

    setPermissionOverwrites(channelId, overwrites) {
      const channel = world.setPermissionOverwrites(channelId, overwrites);
      dispatchOrThrow(GatewayDispatchEvents.ChannelUpdate, channel);
    },

    requestReconnect: () => gateway.requestReconnect(),

    async close() {
      log.rejectAll('stand-in: closed while waiting for a call');
      await gateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return standIn;
}
