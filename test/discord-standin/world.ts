import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIDMChannel,
  type APIGuild,
  type APIGuildMember,
  type APIGuildMemberNoUser,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  OverwriteType,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import { SnowflakeGenerator } from './snowflake.js';

/** A guild the bot is in. All guilds share the members and the permission template; ids differ. */
export interface GuildRecord {
  id: string;
  name: string;
  /** Its one text channel, `#general`. */
  channelId: string;
  /** The bot's managed role in this guild. */
  botRoleId: string;
}

export type ChannelRecord =
  | { kind: 'guild'; data: APITextChannel }
  | { kind: 'thread'; data: APIThreadChannel<ChannelType.PublicThread> }
  | { kind: 'dm'; data: APIDMChannel; recipientId: string };

const P = PermissionFlagsBits;

// What a fresh server grants @everyone, and what a typical bot invite link asks for on top.
const EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseExternalStickers |
  P.ReadMessageHistory |
  P.UseApplicationCommands |
  P.ChangeNickname |
  P.CreateInstantInvite |
  P.Connect |
  P.Speak;
const BOT_ROLE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands;
// Permissions Discord reports for a bot inside a DM (no roles apply there).
export const DM_APP_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.MentionEveryone |
  P.UseApplicationCommands;
const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

function makeUser(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    public_flags: 0 as UserFlags,
    ...(bot ? { bot: true } : {}),
  };
}

/**
 * Everything the stand-in knows: one guild with one text channel, its roles and members, DM channels,
 * stored messages and registered commands. REST routes and injected gateway events read and change
 * this one state, so what the bot fetches matches what it was sent.
 */
export class World {
  readonly snowflakes = new SnowflakeGenerator();
  readonly bot: APIUser;
  readonly human: APIUser;
  readonly owner: APIUser;
  readonly otherBot: APIUser;
  readonly applicationId: string;
  readonly guildId: string;
  readonly guildName: string;
  readonly channelId: string;
  readonly botRoleId: string;
  readonly createdAt = new Date().toISOString();

  private readonly guildRecords = new Map<string, GuildRecord>();
  private readonly users = new Map<string, APIUser>();
  private readonly memberRoles = new Map<string, string[]>();
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly dmByRecipient = new Map<string, string>();
  private readonly messages = new Map<string, Map<string, APIMessage>>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, APIApplicationCommand>();
  private readonly unregisteredCommandIds = new Map<string, string>();

  constructor(guildName: string) {
    const id = () => this.snowflakes.next();
    this.bot = makeUser(id(), 'Stand-in Bot', true);
    Object.assign(this.bot, { verified: true, mfa_enabled: false, flags: 0 });
    this.applicationId = this.bot.id; // as for every bot created since 2018
    this.owner = makeUser(id(), 'guild_owner', false);
    this.human = makeUser(id(), 'tester', false);
    this.otherBot = makeUser(id(), 'Other Bot', true);
    this.guildId = id();
    this.guildName = guildName;
    this.channelId = id();
    this.botRoleId = id();
    for (const user of [this.bot, this.owner, this.human, this.otherBot])
      this.users.set(user.id, user);
    this.memberRoles.set(this.bot.id, [this.botRoleId]);
    this.memberRoles.set(this.owner.id, []);
    this.memberRoles.set(this.human.id, []);
    this.memberRoles.set(this.otherBot.id, []);
    this.guildRecords.set(this.guildId, {
      id: this.guildId,
      name: guildName,
      channelId: this.channelId,
      botRoleId: this.botRoleId,
    });
    this.addTextChannel(this.channelId, this.guildId);
    this.dmChannelFor(this.human.id);
  }

  private addTextChannel(id: string, guildId: string): void {
    this.channels.set(id, {
      kind: 'guild',
      data: {
        id,
        type: ChannelType.GuildText,
        guild_id: guildId,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        topic: null,
        nsfw: false,
        rate_limit_per_user: 0,
        last_message_id: null,
        parent_id: null,
        last_pin_timestamp: null,
        default_auto_archive_duration: 1440,
        flags: 0 as ChannelFlags,
      },
    });
  }

  /**
   * Another guild with its own `#general` and bot role, and the same members. `accept` picks
   * its id (e.g. one that falls on a given shard); ids are moved a millisecond ahead until it
   * holds, as if the guild had been created a little later.
   */
  addGuild(name: string, accept: (id: string) => boolean = () => true): GuildRecord {
    let id = this.snowflakes.next();
    for (let ahead = 1; !accept(id); ahead++) id = this.snowflakes.next(Date.now() + ahead);
    const record: GuildRecord = {
      id,
      name,
      channelId: this.snowflakes.next(),
      botRoleId: this.snowflakes.next(),
    };
    this.guildRecords.set(id, record);
    this.addTextChannel(record.channelId, id);
    return record;
  }

  guilds(): GuildRecord[] {
    return [...this.guildRecords.values()];
  }

  guild(id: string | undefined): GuildRecord | undefined {
    return id === undefined ? undefined : this.guildRecords.get(id);
  }

  /** The guild a channel belongs to; undefined for DMs and unknown channels. */
  guildOfChannel(channelId: string): GuildRecord | undefined {
    const record = this.channels.get(channelId);
    if (record?.kind === 'guild') return this.guild(record.data.guild_id);
    if (record?.kind === 'thread') return this.guild(record.data.guild_id);
    return undefined;
  }

  private record(guildId: string): GuildRecord {
    const record = this.guildRecords.get(guildId);
    if (!record) throw new Error(`stand-in: unknown guild ${guildId}`);
    return record;
  }

  user(id: string): APIUser | undefined {
    return this.users.get(id);
  }

  /** A user known by id, created (and made a guild member) on first use so tests can invent authors. */
  ensureUser(id: string, username?: string, bot?: boolean): APIUser {
    const existing = this.users.get(id);
    if (existing) return existing;
    const user = makeUser(id, username ?? `user${id.slice(-4)}`, bot ?? false);
    this.users.set(id, user);
    this.memberRoles.set(id, []);
    return user;
  }

  createUser(username: string, bot = false): APIUser {
    return this.ensureUser(this.snowflakes.next(), username, bot);
  }

  isMember(userId: string): boolean {
    return this.memberRoles.has(userId);
  }

  member(userId: string, guildId = this.guildId): APIGuildMember {
    const user = this.users.get(userId);
    if (!user) throw new Error(`stand-in: unknown user ${userId}`);
    return { user, ...this.memberWithoutUser(userId, guildId) };
  }

  /** The member object as message events and resolved interaction data carry it (no `user`). */
  memberWithoutUser(userId: string, guildId = this.guildId): APIGuildMemberNoUser {
    const botRole = this.record(guildId).botRoleId;
    return {
      nick: null,
      avatar: null,
      banner: null,
      // The bot's managed role has another id in each guild.
      roles: (this.memberRoles.get(userId) ?? []).map((r) => (r === this.botRoleId ? botRole : r)),
      joined_at: this.createdAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** Guild-level permissions of a member, as Discord computes them (owner and Administrator get all). */
  permissionsOf(userId: string): bigint {
    // Every guild has the same roles' permissions, so the first guild's answer is every guild's.
    if (userId === this.owner.id) return ALL_PERMISSIONS;
    const roles = this.roles();
    let bits = roles.find((r) => r.id === this.guildId)?.permissions ?? '0';
    let total = BigInt(bits);
    for (const roleId of this.memberRoles.get(userId) ?? []) {
      bits = roles.find((r) => r.id === roleId)?.permissions ?? '0';
      total |= BigInt(bits);
    }
    return total & P.Administrator ? ALL_PERMISSIONS : total;
  }

  /**
   * A member's permissions in a guild channel, as Discord computes them: the guild-level ones,
   * then the channel's overwrites for @everyone, for the member's roles together, and for the
   * member. A thread has the permissions of its parent channel.
   */
  channelPermissionsOf(userId: string, channelId: string): bigint {
    const guildLevel = this.permissionsOf(userId);
    if (guildLevel & P.Administrator) return ALL_PERMISSIONS;
    const record = this.channels.get(channelId);
    const parentId = record?.kind === 'thread' ? record.data.parent_id : channelId;
    const parent = parentId ? this.channels.get(parentId) : undefined;
    if (parent?.kind !== 'guild') return guildLevel;
    const guildId = parent.data.guild_id;
    const overwrites = parent.data.permission_overwrites ?? [];
    const apply = (bits: bigint, o: APIOverwrite | undefined) =>
      o ? (bits & ~BigInt(o.deny)) | BigInt(o.allow) : bits;
    let bits = apply(
      guildLevel,
      overwrites.find((o) => o.type === OverwriteType.Role && o.id === guildId),
    );
    const memberRoles = this.memberWithoutUser(userId, guildId).roles;
    const roleOverwrites = overwrites.filter(
      (o) => o.type === OverwriteType.Role && memberRoles.includes(o.id),
    );
    const deny = roleOverwrites.reduce((d, o) => d | BigInt(o.deny), 0n);
    const allow = roleOverwrites.reduce((a, o) => a | BigInt(o.allow), 0n);
    bits = (bits & ~deny) | allow;
    return apply(
      bits,
      overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId),
    );
  }

  /** Replaces a guild text channel's permission overwrites; returns the channel as it now is. */
  setPermissionOverwrites(channelId: string, overwrites: APIOverwrite[]): APITextChannel {
    const record = this.channels.get(channelId);
    if (record?.kind !== 'guild') throw new Error(`stand-in: ${channelId} is not a text channel`);
    record.data.permission_overwrites = overwrites;
    return record.data;
  }

  /**
   * A public thread started on a message, as Discord creates it: the thread's id is the
   * message's, its owner the creator, and the message records the thread.
   */
  startThread(
    parentId: string,
    message: APIMessage,
    name: string,
    ownerId: string,
    autoArchive: ThreadAutoArchiveDuration = ThreadAutoArchiveDuration.OneDay,
  ): APIThreadChannel<ChannelType.PublicThread> {
    const parent = this.channels.get(parentId);
    if (parent?.kind !== 'guild') throw new Error(`stand-in: ${parentId} is not a text channel`);
    const data: APIThreadChannel<ChannelType.PublicThread> = {
      id: message.id,
      type: ChannelType.PublicThread,
      guild_id: parent.data.guild_id,
      parent_id: parentId,
      owner_id: ownerId,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0 as ChannelFlags,
      thread_metadata: {
        archived: false,
        auto_archive_duration: autoArchive,
        archive_timestamp: new Date().toISOString(),
        locked: false,
        create_timestamp: new Date().toISOString(),
      },
    };
    this.channels.set(data.id, { kind: 'thread', data });
    this.replaceMessage({ ...message, thread: data });
    return data;
  }

  /** The active threads of a guild, as GUILD_CREATE lists them. */
  threadsOf(guildId: string): APIThreadChannel[] {
    return [...this.channels.values()].flatMap((r) =>
      r.kind === 'thread' && r.data.guild_id === guildId ? [r.data] : [],
    );
  }

  roles(guildId = this.guildId): APIRole[] {
    const record = this.record(guildId);
    const role = (
      id: string,
      name: string,
      position: number,
      permissions: bigint,
      managed: boolean,
    ): APIRole => ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(managed ? { tags: { bot_id: this.bot.id } } : {}),
    });
    return [
      role(record.id, '@everyone', 0, EVERYONE_PERMISSIONS, false),
      role(record.botRoleId, this.bot.username, 1, BOT_ROLE_PERMISSIONS, true),
    ];
  }

  channel(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  textChannel(guildId = this.guildId): APITextChannel {
    const record = this.channels.get(this.record(guildId).channelId);
    if (record?.kind !== 'guild') throw new Error('stand-in: guild channel missing');
    return record.data;
  }

  dmChannelFor(userId: string): APIDMChannel {
    const existingId = this.dmByRecipient.get(userId);
    const existing = existingId ? this.channels.get(existingId) : undefined;
    if (existing?.kind === 'dm') return existing.data;
    const user = this.users.get(userId);
    if (!user) throw new Error(`stand-in: unknown user ${userId}`);
    const data: APIDMChannel = {
      id: this.snowflakes.next(),
      type: ChannelType.DM,
      last_message_id: null,
      recipients: [user],
      flags: 0 as ChannelFlags,
      name: null,
    };
    this.channels.set(data.id, { kind: 'dm', data, recipientId: userId });
    this.dmByRecipient.set(userId, data.id);
    return data;
  }

  storeMessage(message: APIMessage): void {
    let channelMessages = this.messages.get(message.channel_id);
    if (!channelMessages) {
      channelMessages = new Map();
      this.messages.set(message.channel_id, channelMessages);
    }
    channelMessages.set(message.id, message);
    const record = this.channels.get(message.channel_id);
    if (record) record.data.last_message_id = message.id;
  }

  /** Stores a new version of a message without making it the channel's latest. */
  replaceMessage(message: APIMessage): void {
    this.messages.get(message.channel_id)?.set(message.id, message);
  }

  message(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages.get(channelId)?.get(messageId);
  }

  findMessage(messageId: string): APIMessage | undefined {
    for (const channelMessages of this.messages.values()) {
      const found = channelMessages.get(messageId);
      if (found) return found;
    }
    return undefined;
  }

  deleteMessage(channelId: string, messageId: string): boolean {
    return this.messages.get(channelId)?.delete(messageId) ?? false;
  }

  messagesIn(channelId: string): APIMessage[] {
    return [...(this.messages.get(channelId)?.values() ?? [])];
  }

  /** Id Discord would put in `data.id`: the registered command's, else a stable one per name. */
  commandId(name: string): string {
    for (const command of [...this.guildCommands.values(), ...this.globalCommands.values()]) {
      if (command.name === name) return command.id;
    }
    let id = this.unregisteredCommandIds.get(name);
    if (!id) {
      id = this.snowflakes.next();
      this.unregisteredCommandIds.set(name, id);
    }
    return id;
  }

  /** The guild as REST returns it. */
  guildPayload(guildId = this.guildId): APIGuild {
    const record = this.record(guildId);
    return {
      id: record.id,
      name: record.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.owner.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: this.roles(guildId),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: record.channelId,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: Locale.EnglishUS,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      hub_type: null,
      incidents_data: null,
    };
  }

  /** The guild as GUILD_CREATE delivers it: with members, channels and the other gateway-only fields. */
  guildCreatePayload(guildId = this.guildId): GatewayGuildCreateDispatchData {
    const members = [...this.memberRoles.keys()].map((id) => this.member(id, guildId));
    return {
      ...this.guildPayload(guildId),
      joined_at: this.createdAt,
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members,
      channels: [this.textChannel(guildId)],
      threads: this.threadsOf(guildId),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
