import {
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type APIApplication,
  type APIMessage,
  type APIThreadChannel,
} from 'discord.js';
import type { CommandStore } from './commands.js';
import {
  cannotEditOthersMessage,
  invalidFormBody,
  missingPermissions,
  notFound,
  threadAlreadyCreated,
  methodNotAllowed,
  unauthorized,
  unknownChannel,
  unknownGuild,
  unknownMember,
  unknownMessage,
  unknownUser,
  wrongChannelType,
} from './errors.js';
import type { ParsedRequest, Reply } from './http.js';
import type { Interactions, MessageEvents } from './interactions.js';
import { CHANNEL_MESSAGE_FLAGS, createMessage, editMessage, type Body } from './messages.js';
import type { World } from './world.js';

/** Channel changes the gateway tells the bot about. */
export interface ChannelEvents {
  threadCreated(thread: APIThreadChannel): void;
}

export interface RouteServices {
  world: World;
  interactions: Interactions;
  commands: CommandStore;
  events: MessageEvents;
  channelEvents: ChannelEvents;
  token: string;
  origin: () => string;
  gatewayUrl: () => string;
  /** What GET /gateway/bot recommends, and what the gateway requires. */
  shardCount: number;
}

interface Context {
  params: Record<string, string>;
  request: ParsedRequest;
  body: Body;
  s: RouteServices;
}

type Handler = (ctx: Context) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** Bot routes need `Authorization: Bot <token>`; interaction webhooks and callbacks need none. */
  auth: boolean;
  handler: Handler;
}

function route(method: string, path: string, auth: boolean, handler: Handler): Route {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), keys, auth, handler };
}

const ok = (json: unknown): Reply => ({ status: 200, json });
const noContent: Reply = { status: 204 };

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function channelOf(world: World, id: string | undefined) {
  const channel = id ? world.channel(id) : undefined;
  if (!channel) throw unknownChannel();
  return channel;
}

function messageOf(
  world: World,
  channelId: string | undefined,
  messageId: string | undefined,
): APIMessage {
  channelOf(world, channelId);
  const message = channelId && messageId ? world.message(channelId, messageId) : undefined;
  if (!message) throw unknownMessage();
  return message;
}

/** Throws Missing Permissions unless the bot has every one of `needed` in the channel. */
function requireBotPermissions(world: World, channelId: string, needed: bigint): void {
  if ((world.channelPermissionsOf(world.bot.id, channelId) & needed) !== needed)
    throw missingPermissions();
}

const AUTO_ARCHIVE_MINUTES: number[] = [
  ThreadAutoArchiveDuration.OneHour,
  ThreadAutoArchiveDuration.OneDay,
  ThreadAutoArchiveDuration.ThreeDays,
  ThreadAutoArchiveDuration.OneWeek,
];

/** POST /channels/:id/messages/:id/threads, with Discord's checks in Discord's order. */
function startThreadFromMessage(ctx: Context): Reply {
  const { s, params, body } = ctx;
  const channel = channelOf(s.world, params.channelId);
  const message = messageOf(s.world, params.channelId, params.messageId);
  if (channel.kind !== 'guild') throw wrongChannelType();
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name.length < 1 || name.length > 100) {
    throw invalidFormBody({
      name: {
        _errors: [
          { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ],
      },
    });
  }
  const archive = body.auto_archive_duration;
  if (
    archive !== undefined &&
    !(typeof archive === 'number' && AUTO_ARCHIVE_MINUTES.includes(archive))
  ) {
    throw invalidFormBody({
      auto_archive_duration: {
        _errors: [
          { code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {60, 1440, 4320, 10080}.' },
        ],
      },
    });
  }
  requireBotPermissions(
    s.world,
    channel.data.id,
    PermissionFlagsBits.ViewChannel | PermissionFlagsBits.CreatePublicThreads,
  );
  if (message.thread || s.world.channel(message.id)) throw threadAlreadyCreated();
  const thread = s.world.startThread(channel.data.id, message, name, s.world.bot.id, archive);
  s.channelEvents.threadCreated(thread);
  return { status: 201, json: thread };
}

function guildOf(world: World, id: string | undefined): string {
  const guild = world.guild(id);
  if (!guild) throw unknownGuild();
  return guild.id;
}

function application(world: World): APIApplication {
  return {
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: '',
    summary: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.bot,
    verify_key: '0'.repeat(64),
    team: null,
    owner: world.owner,
    flags: 1 << 19,
    flags_new: String(1 << 19),
  };
}

// The REST surface discord.js uses for a message-and-slash-command bot, with Discord's error answers.
const ROUTES: Route[] = [
  route('GET', '/gateway', false, ({ s }) => ok({ url: s.gatewayUrl() })),
  route('GET', '/gateway/bot', true, ({ s }) =>
    ok({
      url: s.gatewayUrl(),
      shards: s.shardCount,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: 1,
      },
    }),
  ),
  route('GET', '/users/@me', true, ({ s }) => ok(s.world.bot)),
  route('GET', '/users/:userId', true, ({ s, params }) => {
    const user = s.world.user(params.userId ?? '');
    if (!user) throw unknownUser();
    return ok(user);
  }),
  route('POST', '/users/@me/channels', true, ({ s, body }) => {
    const recipient =
      typeof body.recipient_id === 'string' ? s.world.user(body.recipient_id) : undefined;
    if (!recipient) throw unknownUser();
    return ok(s.world.dmChannelFor(recipient.id));
  }),
  route('GET', '/applications/@me', true, ({ s }) => ok(application(s.world))),

  route('GET', '/channels/:channelId', true, ({ s, params }) =>
    ok(channelOf(s.world, params.channelId).data),
  ),
  route('POST', '/channels/:channelId/typing', true, ({ s, params }) => {
    channelOf(s.world, params.channelId);
    return noContent;
  }),
  route('GET', '/channels/:channelId/messages', true, ({ s, params, request }) => {
    channelOf(s.world, params.channelId);
    const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 50) || 50));
    const before = request.query.before;
    const after = request.query.after;
    const all = s.world
      .messagesIn(params.channelId ?? '')
      .filter(
        (m) =>
          (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after)),
      );
    return ok(all.reverse().slice(0, limit));
  }),
  route('POST', '/channels/:channelId/messages', true, ({ s, params, body, request }) => {
    const channel = channelOf(s.world, params.channelId);
    if (channel.kind !== 'dm') {
      const send =
        channel.kind === 'thread'
          ? PermissionFlagsBits.SendMessagesInThreads
          : PermissionFlagsBits.SendMessages;
      requireBotPermissions(s.world, channel.data.id, PermissionFlagsBits.ViewChannel | send);
    }
    const message = createMessage(s.world, {
      channelId: channel.data.id,
      author: s.world.bot,
      body,
      files: request.files,
      allowedFlags: CHANNEL_MESSAGE_FLAGS,
      origin: s.origin(),
    });
    s.events.created(message);
    return ok(message);
  }),
  route('POST', '/channels/:channelId/messages/:messageId/threads', true, startThreadFromMessage),
  route('GET', '/channels/:channelId/messages/:messageId', true, ({ s, params }) =>
    ok(messageOf(s.world, params.channelId, params.messageId)),
  ),
  route(
    'PATCH',
    '/channels/:channelId/messages/:messageId',
    true,
    ({ s, params, body, request }) => {
      const message = messageOf(s.world, params.channelId, params.messageId);
      if (message.author.id !== s.world.bot.id || message.webhook_id)
        throw cannotEditOthersMessage();
      const edited = editMessage(s.world, message, body, request.files, s.origin());
      s.events.updated(edited);
      return ok(edited);
    },
  ),
  route('DELETE', '/channels/:channelId/messages/:messageId', true, ({ s, params }) => {
    const message = messageOf(s.world, params.channelId, params.messageId);
    const own = message.author.id === s.world.bot.id;
    const inGuild = s.world.guildOfChannel(message.channel_id) !== undefined;
    const canManage =
      inGuild &&
      (s.world.permissionsOf(s.world.bot.id) & PermissionFlagsBits.ManageMessages) !== 0n;
    if (!own && !canManage) throw missingPermissions();
    s.world.deleteMessage(message.channel_id, message.id);
    s.events.deleted(message);
    return noContent;
  }),
  route(
    'PUT',
    '/channels/:channelId/messages/:messageId/reactions/:emoji/@me',
    true,
    ({ s, params }) => {
      messageOf(s.world, params.channelId, params.messageId);
      return noContent;
    },
  ),
  route(
    'DELETE',
    '/channels/:channelId/messages/:messageId/reactions/:emoji/@me',
    true,
    ({ s, params }) => {
      messageOf(s.world, params.channelId, params.messageId);
      return noContent;
    },
  ),

  route('GET', '/guilds/:guildId', true, ({ s, params }) => {
    return ok(s.world.guildPayload(guildOf(s.world, params.guildId)));
  }),
  route('GET', '/guilds/:guildId/channels', true, ({ s, params }) => {
    return ok([s.world.textChannel(guildOf(s.world, params.guildId))]);
  }),
  route('GET', '/guilds/:guildId/roles', true, ({ s, params }) => {
    return ok(s.world.roles(guildOf(s.world, params.guildId)));
  }),
  route('GET', '/guilds/:guildId/members/:userId', true, ({ s, params }) => {
    const guildId = guildOf(s.world, params.guildId);
    if (!s.world.isMember(params.userId ?? '')) throw unknownMember();
    return ok(s.world.member(params.userId ?? '', guildId));
  }),

  route(
    'POST',
    '/interactions/:interactionId/:token/callback',
    false,
    ({ s, params, body, request }) => {
      const result = s.interactions.callback(
        params.interactionId ?? '',
        params.token ?? '',
        body,
        request.files,
        request.query.with_response === 'true',
      );
      return result ? ok(result) : noContent;
    },
  ),
  route('POST', '/webhooks/:applicationId/:token', false, ({ s, params, body, request }) => {
    const message = s.interactions.followUp(
      params.applicationId ?? '',
      params.token ?? '',
      body,
      request.files,
    );
    // Without ?wait=true Discord answers before the message exists and returns nothing.
    return request.query.wait === 'true' ? ok(message) : noContent;
  }),
  route('GET', '/webhooks/:applicationId/:token/messages/:messageId', false, ({ s, params }) =>
    ok(
      s.interactions.getMessage(
        params.applicationId ?? '',
        params.token ?? '',
        params.messageId ?? '',
      ),
    ),
  ),
  route(
    'PATCH',
    '/webhooks/:applicationId/:token/messages/:messageId',
    false,
    ({ s, params, body, request }) =>
      ok(
        s.interactions.editWebhookMessage(
          params.applicationId ?? '',
          params.token ?? '',
          params.messageId ?? '',
          body,
          request.files,
        ),
      ),
  ),
  route('DELETE', '/webhooks/:applicationId/:token/messages/:messageId', false, ({ s, params }) => {
    s.interactions.deleteWebhookMessage(
      params.applicationId ?? '',
      params.token ?? '',
      params.messageId ?? '',
    );
    return noContent;
  }),

  ...commandRoutes('/applications/:applicationId/commands', false),
  ...commandRoutes('/applications/:applicationId/guilds/:guildId/commands', true),
];

function commandRoutes(base: string, perGuild: boolean): Route[] {
  const scope = ({ s, params }: Context): string | undefined => {
    if (params.applicationId !== s.world.applicationId) throw notFound();
    if (!perGuild) return undefined;
    guildOf(s.world, params.guildId);
    return params.guildId;
  };
  return [
    route('GET', base, true, (ctx) => ok(ctx.s.commands.list(scope(ctx)))),
    route('PUT', base, true, (ctx) => ok(ctx.s.commands.overwrite(ctx.request.body, scope(ctx)))),
    route('POST', base, true, (ctx) => {
      const { command, created } = ctx.s.commands.create(ctx.request.body, scope(ctx));
      return { status: created ? 201 : 200, json: command };
    }),
    route('GET', `${base}/:commandId`, true, (ctx) =>
      ok(ctx.s.commands.get(ctx.params.commandId ?? '', scope(ctx))),
    ),
    route('PATCH', `${base}/:commandId`, true, (ctx) =>
      ok(ctx.s.commands.edit(ctx.params.commandId ?? '', ctx.request.body, scope(ctx))),
    ),
    route('DELETE', `${base}/:commandId`, true, (ctx) => {
      ctx.s.commands.delete(ctx.params.commandId ?? '', scope(ctx));
      return noContent;
    }),
  ];
}

/** Finds the route for a request and runs it; every refusal is an ApiError the caller renders. */
export function handle(request: ParsedRequest, s: RouteServices): Reply {
  if (!request.versioned) throw notFound();
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== request.method) continue;
    if (candidate.auth && request.headers.authorization !== `Bot ${s.token}`) throw unauthorized();
    const params = Object.fromEntries(
      candidate.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]),
    );
    const body = isRecord(request.body) ? request.body : {};
    return candidate.handler({ params, request, body, s });
  }
  throw pathMatched ? methodNotAllowed() : notFound();
}
