import {
  MessageFlags,
  MessageReferenceType,
  MessageType,
  PermissionFlagsBits,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord.js';
import { emptyMessage, invalidFormBody } from './errors.js';
import { snowflakeTimestamp } from './snowflake.js';
import { FormErrors, validateMessageBody } from './validation.js';
import type { World } from './world.js';

/** A file part of a multipart request, as recorded and as turned into an attachment. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export type Body = Record<string, unknown>;

export interface NewMessage {
  channelId: string;
  author: APIUser;
  body: Body;
  files: UploadedFile[];
  /** Flags the sender may set here; Discord drops the rest (e.g. EPHEMERAL outside interactions). */
  allowedFlags: number;
  /** Base URL for attachment links (the stand-in's own origin, so nothing points off the machine). */
  origin: string;
  type?: MessageType;
  webhookId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  /** Flags forced on regardless of the body (deferred replies keep the ephemerality of their defer). */
  forcedFlags?: number;
  /** A deferred "thinking" placeholder: Discord lets it be empty and marks it LOADING. */
  placeholder?: boolean;
}

/** Flags a bot may set on a message it creates in a channel. */
export const CHANNEL_MESSAGE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
/** Flags a bot may set on an interaction response or follow-up. */
export const INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | MessageFlags.Ephemeral;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function hasVisibleContent(body: Body, attachments: APIAttachment[]): boolean {
  const content = typeof body.content === 'string' ? body.content.trim() : '';
  return (
    content.length > 0 ||
    asArray(body.embeds).length > 0 ||
    asArray(body.components).length > 0 ||
    asArray(body.sticker_ids).length > 0 ||
    isRecord(body.poll) ||
    attachments.length > 0
  );
}

function validate(body: Body): void {
  const errors = new FormErrors();
  validateMessageBody(body, errors);
  if (!errors.empty) throw invalidFormBody(errors.errors);
}

function attachmentsFrom(
  world: World,
  channelId: string,
  body: Body,
  files: UploadedFile[],
  origin: string,
): APIAttachment[] {
  const described = asArray<Body>(body.attachments);
  return files.map((file, index) => {
    const key = /^files\[(\d+)\]$/.exec(file.field)?.[1] ?? String(index);
    const meta = described.find((a) => String(a.id) === key) ?? {};
    const id = world.snowflakes.next();
    const url = `${origin}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    return {
      id,
      filename: typeof meta.filename === 'string' ? meta.filename : file.filename,
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
      content_type: file.contentType,
      size: file.size,
      url,
      proxy_url: url,
    };
  });
}

function embedsFrom(body: Body): APIEmbed[] {
  return asArray<APIEmbed>(body.embeds).map((embed) => ({ type: 'rich', ...embed }) as APIEmbed);
}

interface Mentions {
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
}

/**
 * Who a message actually pings, as Discord decides it: mentions parsed from the content, filtered by
 * `allowed_mentions` (absent means "parse everything"), plus the replied-to author when
 * `replied_user` allows it. Tests assert "the bot pinged nobody" against this.
 */
export function resolveMentions(
  world: World,
  content: string,
  allowedMentions: unknown,
  author: APIUser,
  /** The guild of the channel; undefined in a DM. */
  guildId: string | undefined,
  repliedTo: APIMessage | undefined,
): Mentions {
  const inGuild = guildId !== undefined;
  const userIds = [...content.matchAll(/<@!?(\d{15,21})>/g)].map((m) => m[1] ?? '');
  const roleIds = [...content.matchAll(/<@&(\d{15,21})>/g)].map((m) => m[1] ?? '');
  const wantsEveryone = /@(everyone|here)\b/.test(content);
  const canPingAll =
    inGuild && (world.permissionsOf(author.id) & PermissionFlagsBits.MentionEveryone) !== 0n;
  const roles = guildId !== undefined ? world.roles(guildId) : [];

  const allowed = isRecord(allowedMentions) ? allowedMentions : undefined;
  const parse = asArray<string>(allowed?.parse);
  const allowUser = (id: string) =>
    !allowed || parse.includes('users') || asArray<string>(allowed.users).includes(id);
  const allowRole = (id: string) =>
    !allowed || parse.includes('roles') || asArray<string>(allowed.roles).includes(id);
  const allowEveryone = !allowed || parse.includes('everyone');
  const allowReplied = allowed ? allowed.replied_user === true : true;

  const mentioned = new Map<string, APIUser>();
  for (const id of userIds) {
    const user = world.user(id);
    if (user && allowUser(id)) mentioned.set(id, user);
  }
  if (repliedTo && allowReplied && repliedTo.author.id !== author.id) {
    mentioned.set(repliedTo.author.id, repliedTo.author);
  }
  return {
    mentions: [...mentioned.values()],
    mention_roles: [...new Set(roleIds)].filter((id) => {
      const role = roles.find((r) => r.id === id && r.id !== guildId);
      return role !== undefined && allowRole(id) && (role.mentionable || canPingAll);
    }),
    mention_everyone: wantsEveryone && allowEveryone && canPingAll,
  };
}

function referencedMessage(world: World, channelId: string, body: Body): APIMessage | undefined {
  const reference = body.message_reference;
  if (!isRecord(reference)) return undefined;
  if (reference.type === MessageReferenceType.Forward) return undefined;
  const messageId = typeof reference.message_id === 'string' ? reference.message_id : undefined;
  const found = messageId ? world.message(channelId, messageId) : undefined;
  if (!found && reference.fail_if_not_exists !== false) {
    throw invalidFormBody({
      message_reference: {
        _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
      },
    });
  }
  return found;
}

/** Validates a create body, builds the message Discord would store and return, and stores it. */
export function createMessage(world: World, input: NewMessage): APIMessage {
  const { body, channelId, author } = input;
  validate(body);
  const attachments = attachmentsFrom(world, channelId, body, input.files, input.origin);
  if (!input.placeholder && !hasVisibleContent(body, attachments)) throw emptyMessage();

  const guildId = world.guildOfChannel(channelId)?.id;
  const repliedTo = referencedMessage(world, channelId, body);
  const content = typeof body.content === 'string' ? body.content : '';
  const requested = typeof body.flags === 'number' ? body.flags : 0;
  let flags = (requested & input.allowedFlags) | (input.forcedFlags ?? 0);
  if (input.placeholder) flags |= MessageFlags.Loading;

  const id = world.snowflakes.next();
  const message: APIMessage = {
    id,
    channel_id: channelId,
    author,
    content,
    timestamp: new Date(snowflakeTimestamp(id)).toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    ...resolveMentions(world, content, body.allowed_mentions, author, guildId, repliedTo),
    mention_channels: [],
    attachments,
    embeds: embedsFrom(body),
    components: asArray<APIMessageTopLevelComponent>(body.components),
    pinned: false,
    type: input.type ?? (repliedTo ? MessageType.Reply : MessageType.Default),
    flags,
    ...(typeof body.nonce === 'string' || typeof body.nonce === 'number'
      ? { nonce: body.nonce }
      : {}),
    ...(input.webhookId ? { webhook_id: input.webhookId, application_id: input.webhookId } : {}),
    ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
    ...(repliedTo
      ? {
          message_reference: {
            type: MessageReferenceType.Default,
            message_id: repliedTo.id,
            channel_id: channelId,
            ...(guildId !== undefined ? { guild_id: guildId } : {}),
          },
          referenced_message: repliedTo,
        }
      : {}),
  };
  world.storeMessage(message);
  return message;
}

/**
 * Applies an edit body the way Discord does: fields present replace the old ones, `attachments` lists
 * which existing files survive, mentions are recomputed, and a LOADING placeholder stops loading.
 */
export function editMessage(
  world: World,
  message: APIMessage,
  body: Body,
  files: UploadedFile[],
  origin: string,
): APIMessage {
  validate(body);
  const kept = Array.isArray(body.attachments)
    ? message.attachments.filter((a) =>
        asArray<Body>(body.attachments).some((b) => String(b.id) === a.id),
      )
    : message.attachments;
  const next: APIMessage = {
    ...message,
    ...(typeof body.content === 'string' || body.content === null
      ? { content: body.content ?? '' }
      : {}),
    ...(Array.isArray(body.embeds) ? { embeds: embedsFrom(body) } : {}),
    ...(Array.isArray(body.components)
      ? { components: asArray<APIMessageTopLevelComponent>(body.components) }
      : {}),
    attachments: [...kept, ...attachmentsFrom(world, message.channel_id, body, files, origin)],
    edited_timestamp: new Date().toISOString(),
  };
  const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
  let flags = (message.flags ?? 0) & ~MessageFlags.Loading;
  if (typeof body.flags === 'number') {
    flags = (flags & ~MessageFlags.SuppressEmbeds) | (body.flags & MessageFlags.SuppressEmbeds);
  }
  next.flags = flags;
  // Discord does not mark the first edit of a deferred reply as an edit: it is the reply appearing.
  if (wasLoading) next.edited_timestamp = null;
  if (
    !hasVisibleContent(
      { ...body, content: next.content, embeds: next.embeds, components: next.components },
      next.attachments,
    )
  ) {
    throw emptyMessage();
  }
  if ('content' in body || 'allowed_mentions' in body) {
    Object.assign(
      next,
      resolveMentions(
        world,
        next.content,
        body.allowed_mentions,
        message.author,
        world.guildOfChannel(message.channel_id)?.id,
        message.referenced_message ?? undefined,
      ),
    );
  }
  world.replaceMessage(next);
  return next;
}
