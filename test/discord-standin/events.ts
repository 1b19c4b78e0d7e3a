import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIMessage,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import type { World } from './world.js';

/** The gateway form of a stored message: guild id, author member, mentions with members, channel type. */
export function gatewayMessage(
  world: World,
  message: APIMessage,
): GatewayMessageCreateDispatchData {
  const guild = world.guildOfChannel(message.channel_id);
  const inGuild = guild !== undefined;
  const memberOf = (userId: string) =>
    guild && world.isMember(userId) ? world.memberWithoutUser(userId, guild.id) : undefined;
  const authorMember = message.webhook_id ? undefined : memberOf(message.author.id);
  return {
    ...message,
    ...(guild ? { guild_id: guild.id } : {}),
    ...(authorMember ? { member: authorMember } : {}),
    mentions: message.mentions.map((user) => {
      const member = memberOf(user.id);
      return member ? { ...user, member } : user;
    }),
    channel_type:
      world.channel(message.channel_id)?.kind === 'thread'
        ? ChannelType.PublicThread
        : inGuild
          ? ChannelType.GuildText
          : ChannelType.DM,
  };
}

/** Guild and channel events: sent only with the Guilds intent. */
const GUILD_EVENTS = new Set<GatewayDispatchEvents>([
  GatewayDispatchEvents.GuildCreate,
  GatewayDispatchEvents.ChannelUpdate,
  GatewayDispatchEvents.ThreadCreate,
]);

const MESSAGE_EVENTS = new Set<GatewayDispatchEvents>([
  GatewayDispatchEvents.MessageCreate,
  GatewayDispatchEvents.MessageUpdate,
  GatewayDispatchEvents.MessageDelete,
]);

function has(intents: number, bit: GatewayIntentBits): boolean {
  const mask: number = bit;
  return (intents & mask) === mask;
}

/** Returned by eventForIntents when the session is not told about the event at all. */
export const WITHHELD = Symbol('withheld');

/**
 * What a session with these intents is told about an event, as Discord decides it: guild and DM
 * message events need GuildMessages / DirectMessages; without MessageContent, content, embeds,
 * attachments and components arrive empty unless the message is a DM, the bot's own, or mentions it;
 * GUILD_CREATE, CHANNEL_UPDATE and THREAD_CREATE need Guilds. WITHHELD means the session is not sent the event.
 */
export function eventForIntents(
  intents: number,
  botId: string,
  event: GatewayDispatchEvents,
  data: unknown,
): unknown {
  if (GUILD_EVENTS.has(event)) {
    return has(intents, GatewayIntentBits.Guilds) ? data : WITHHELD;
  }
  if (!MESSAGE_EVENTS.has(event)) return data;
  const message = data as Partial<GatewayMessageCreateDispatchData> & { guild_id?: string };
  const inGuild = message.guild_id !== undefined;
  const needed = inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  if (!has(intents, needed)) return WITHHELD;
  if (event === GatewayDispatchEvents.MessageDelete || !inGuild) return data;
  const exempt =
    has(intents, GatewayIntentBits.MessageContent) ||
    message.author?.id === botId ||
    (message.mentions ?? []).some((user) => user.id === botId);
  if (exempt) return data;
  return { ...message, content: '', embeds: [], attachments: [], components: [] };
}
