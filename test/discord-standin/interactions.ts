import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  type APIBaseInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';
import {
  alreadyAcknowledged,
  invalidFormBody,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from './errors.js';
import {
  INTERACTION_MESSAGE_FLAGS,
  createMessage,
  editMessage,
  type Body,
  type UploadedFile,
} from './messages.js';
import { FormErrors, validateChoices } from './validation.js';
import { DM_APP_PERMISSIONS, type World } from './world.js';

/** An option of an injected command; `options` nests under subcommands (types 1 and 2). */
export interface CommandOptionInput {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOptionInput[];
}

/** Who sent a message-affecting change, so the gateway can tell the bot as Discord would. */
export interface MessageEvents {
  created(message: APIMessage): void;
  updated(message: APIMessage): void;
  deleted(message: APIMessage): void;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  user: APIUser;
  commandName?: string;
  /** A message command's responses are ContextMenuCommand messages, a chat-input one's ChatInputCommand. */
  commandType?: ApplicationCommandType;
  componentMessageId?: string;
  response?: InteractionResponseType;
  /** The message `@original` refers to: the reply, the deferred placeholder, or the updated message. */
  originalMessageId?: string;
  followUpIds: Set<string>;
}

// Which initial responses Discord accepts for each kind of interaction.
const ALLOWED_RESPONSES: Record<number, InteractionResponseType[]> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
};

const TEN_MIB = 10 * 1024 * 1024;
const USER_OPTION_TYPES: number[] = [
  ApplicationCommandOptionType.User,
  ApplicationCommandOptionType.Mentionable,
];

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Interactions the stand-in has sent and how the bot answered them: builds INTERACTION_CREATE
 * payloads, and implements the callback endpoint and the interaction webhook (`@original`, follow-ups)
 * with Discord's rules: one initial response, of a type valid for the interaction; follow-ups only after
 * it; the first follow-up after a deferral fills the "thinking" placeholder.
 */
export class Interactions {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    private readonly world: World,
    private readonly origin: () => string,
    private readonly events: MessageEvents,
  ) {}

  private register(record: Omit<InteractionRecord, 'followUpIds'>): InteractionRecord {
    const full = { ...record, followUpIds: new Set<string>() };
    this.byId.set(full.id, full);
    this.byToken.set(full.token, full);
    return full;
  }

  private base(
    type: InteractionType,
    user: APIUser,
    channelId: string,
    locale: string | undefined,
  ): { payload: APIBaseInteraction<InteractionType, unknown>; id: string; token: string } {
    const world = this.world;
    const channel = world.channel(channelId);
    if (!channel) throw new Error(`stand-in: unknown channel ${channelId}`);
    const id = world.snowflakes.next();
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('hex')}`).toString(
      'base64url',
    );
    const common = {
      id,
      application_id: world.applicationId,
      type,
      token,
      version: 1 as const,
      locale: (locale ?? Locale.EnglishUS) as Locale,
      entitlements: [],
      attachment_size_limit: TEN_MIB,
    };
    if (channel.kind === 'dm') {
      return {
        id,
        token,
        payload: {
          ...common,
          user,
          channel: channel.data,
          channel_id: channelId,
          app_permissions: DM_APP_PERMISSIONS.toString(),
          // "0" for the guild-install owner is how Discord marks a command used in the bot's DM.
          authorizing_integration_owners: { 0: '0' },
          context: InteractionContextType.BotDM,
        },
      };
    }
    const permissions = world.permissionsOf(user.id).toString();
    const guildId = world.guildOfChannel(channelId)?.id ?? world.guildId;
    return {
      id,
      token,
      payload: {
        ...common,
        guild_id: guildId,
        guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
        member: { ...world.member(user.id, guildId), permissions },
        // Discord adds the invoker's permissions to the channel object; the API types omit it.
        channel: Object.assign({}, channel.data, { permissions }),
        channel_id: channelId,
        app_permissions: world.channelPermissionsOf(world.bot.id, channelId).toString(),
        guild_locale: Locale.EnglishUS,
        authorizing_integration_owners: { 0: guildId },
        context: InteractionContextType.Guild,
      },
    };
  }

  private resolved(
    options: CommandOptionInput[],
    inGuild: boolean,
  ): APIInteractionDataResolved | undefined {
    const users: Record<string, APIUser> = {};
    const visit = (list: CommandOptionInput[]) => {
      for (const option of list) {
        if (option.options) visit(option.options);
        const isUser = USER_OPTION_TYPES.includes(option.type);
        const user =
          isUser && typeof option.value === 'string' ? this.world.user(option.value) : undefined;
        if (user) users[user.id] = user;
      }
    };
    visit(options);
    if (Object.keys(users).length === 0) return undefined;
    if (!inGuild) return { users };
    const members = Object.fromEntries(
      Object.keys(users).map((id) => {
        return [
          id,
          {
            ...this.world.memberWithoutUser(id),
            permissions: this.world.permissionsOf(id).toString(),
          },
        ];
      }),
    );
    return { users, members };
  }

  command(o: {
    name: string;
    options?: CommandOptionInput[];
    user: APIUser;
    channelId: string;
    locale?: string;
    autocomplete?: boolean;
  }): { id: string; token: string; payload: Body } {
    const type = o.autocomplete
      ? InteractionType.ApplicationCommandAutocomplete
      : InteractionType.ApplicationCommand;
    const { payload, id, token } = this.base(type, o.user, o.channelId, o.locale);
    const inGuild = this.world.guildOfChannel(o.channelId) !== undefined;
    const resolved = o.autocomplete ? undefined : this.resolved(o.options ?? [], inGuild);
    const data = {
      id: this.world.commandId(o.name),
      name: o.name,
      type: ApplicationCommandType.ChatInput,
      ...(o.options && o.options.length > 0 ? { options: o.options } : {}),
      ...(resolved ? { resolved } : {}),
    };
    this.register({ id, token, type, channelId: o.channelId, user: o.user, commandName: o.name });
    return { id, token, payload: { ...payload, data } };
  }

  /** An interaction on one of the bot's messages (a button, a form it opened), registered as such. */
  private onMessage(
    type: InteractionType.MessageComponent | InteractionType.ModalSubmit,
    o: { message: APIMessage; user: APIUser; locale?: string },
  ): ReturnType<Interactions['base']> {
    const base = this.base(type, o.user, o.message.channel_id, o.locale);
    this.register({
      id: base.id,
      token: base.token,
      type,
      channelId: o.message.channel_id,
      user: o.user,
      componentMessageId: o.message.id,
    });
    return base;
  }
  /** A message command (right-click → Apps) used on `target`, which Discord resolves in the payload. */
  messageCommand(o: { name: string; target: APIMessage; user: APIUser; locale?: string }): {
    id: string;
    token: string;
    payload: Body;
  } {
    const type = InteractionType.ApplicationCommand;
    const channelId = o.target.channel_id;
    const { payload, id, token } = this.base(type, o.user, channelId, o.locale);
    const data = {
      id: this.world.commandId(o.name),
      name: o.name,
      type: ApplicationCommandType.Message,
      target_id: o.target.id,
      resolved: { messages: { [o.target.id]: o.target } },
    };
    this.register({
      id,
      token,
      type,
      channelId,
      user: o.user,
      commandName: o.name,
      commandType: ApplicationCommandType.Message,
    });
    return { id, token, payload: { ...payload, data } };
  }

  button(o: { customId: string; message: APIMessage; user: APIUser; locale?: string }): {
    id: string;
    token: string;
    payload: Body;
  } {
    const { payload, id, token } = this.onMessage(InteractionType.MessageComponent, o);
    return {
      id,
      token,
      payload: {
        ...payload,
        message: o.message,
        data: { custom_id: o.customId, component_type: ComponentType.Button },
      },
    };
  }

  /** A submitted form, each field wrapped in a label as Discord sends label-based modals. */
  modalSubmit(o: {
    customId: string;
    fields: Record<string, string | string[]>;
    message: APIMessage;
    user: APIUser;
    locale?: string;
  }): { id: string; token: string; payload: Body } {
    const { payload, id, token } = this.onMessage(InteractionType.ModalSubmit, o);
    const components = Object.entries(o.fields).map(([customId, value], i) => ({
      type: ComponentType.Label,
      id: i + 1,
      component:
        typeof value === 'string'
          ? { type: ComponentType.TextInput, id: 100 + i, custom_id: customId, value }
          : { type: ComponentType.StringSelect, id: 100 + i, custom_id: customId, values: value },
    }));
    return {
      id,
      token,
      payload: { ...payload, message: o.message, data: { custom_id: o.customId, components } },
    };
  }

  private metadata(record: InteractionRecord): APIMessageInteractionMetadata {
    const owners = {
      0: this.world.guildOfChannel(record.channelId)?.id ?? '0',
    };
    if (record.type === InteractionType.MessageComponent) {
      return {
        id: record.id,
        type: InteractionType.MessageComponent,
        user: record.user,
        authorizing_integration_owners: owners,
        interacted_message_id: record.componentMessageId ?? '',
      };
    }
    return {
      id: record.id,
      type: InteractionType.ApplicationCommand,
      user: record.user,
      authorizing_integration_owners: owners,
    };
  }

  private newResponseMessage(
    record: InteractionRecord,
    body: Body,
    files: UploadedFile[],
    extra: { placeholder?: boolean; forcedFlags?: number; followUp?: boolean },
  ): APIMessage {
    const message = createMessage(this.world, {
      channelId: record.channelId,
      author: this.world.bot,
      body,
      files,
      allowedFlags: INTERACTION_MESSAGE_FLAGS,
      origin: this.origin(),
      type:
        record.type === InteractionType.ApplicationCommand && !extra.followUp
          ? record.commandType === ApplicationCommandType.Message
            ? MessageType.ContextMenuCommand
            : MessageType.ChatInputCommand
          : MessageType.Default,
      webhookId: this.world.applicationId,
      interactionMetadata: this.metadata(record),
      ...(extra.placeholder ? { placeholder: true } : {}),
      ...(extra.forcedFlags ? { forcedFlags: extra.forcedFlags } : {}),
    });
    if (!((message.flags ?? 0) & MessageFlags.Ephemeral)) this.events.created(message);
    return message;
  }

  private edit(message: APIMessage, body: Body, files: UploadedFile[]): APIMessage {
    const edited = editMessage(this.world, message, body, files, this.origin());
    if (!((edited.flags ?? 0) & MessageFlags.Ephemeral)) this.events.updated(edited);
    return edited;
  }

  /** POST /interactions/:id/:token/callback. Returns the JSON to answer with, or undefined for 204. */
  callback(
    id: string,
    token: string,
    body: Body,
    files: UploadedFile[],
    withResponse: boolean,
  ): RESTPostAPIInteractionCallbackWithResponseResult | undefined {
    const record = this.byId.get(id);
    if (!record || record.token !== token) throw unknownInteraction();
    if (record.response !== undefined) throw alreadyAcknowledged();
    const type = body.type as InteractionResponseType;
    if (!(ALLOWED_RESPONSES[record.type] ?? []).includes(type)) {
      throw invalidFormBody({
        type: {
          _errors: [
            {
              code: 'INTERACTION_RESPONSE_TYPE_INVALID',
              message: 'Invalid interaction response type',
            },
          ],
        },
      });
    }
    const data = isRecord(body.data) ? body.data : {};
    let message: APIMessage | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.newResponseMessage(record, data, files, {});
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const ephemeral =
          typeof data.flags === 'number' && (data.flags & MessageFlags.Ephemeral) !== 0;
        message = this.newResponseMessage(
          record,
          { flags: ephemeral ? MessageFlags.Ephemeral : 0 },
          [],
          {
            placeholder: true,
          },
        );
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        message = this.componentMessage(record);
        break;
      case InteractionResponseType.UpdateMessage:
        message = this.edit(this.componentMessage(record), data, files);
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const errors = new FormErrors();
        validateChoices(data.choices, errors, ['data', 'choices']);
        if (!errors.empty) throw invalidFormBody(errors.errors);
        break;
      }
      default:
        break;
    }
    record.response = type;
    record.originalMessageId = message?.id;
    if (!withResponse) return undefined;
    return {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
              response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    };
  }

  private componentMessage(record: InteractionRecord): APIMessage {
    const message = record.componentMessageId
      ? this.world.message(record.channelId, record.componentMessageId)
      : undefined;
    if (!message) throw unknownMessage();
    return message;
  }

  /** The interaction behind a webhook URL; Discord only knows it once the interaction was answered. */
  private webhook(applicationId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (applicationId !== this.world.applicationId || !record || record.response === undefined) {
      throw unknownWebhook();
    }
    if (record.response === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw unknownWebhook();
    }
    return record;
  }

  private webhookMessage(record: InteractionRecord, messageId: string): APIMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const owned =
      id !== undefined && (id === record.originalMessageId || record.followUpIds.has(id));
    const message = owned ? this.world.message(record.channelId, id) : undefined;
    if (!message) throw unknownMessage();
    return message;
  }

  getMessage(applicationId: string, token: string, messageId: string): APIMessage {
    return this.webhookMessage(this.webhook(applicationId, token), messageId);
  }

  editWebhookMessage(
    applicationId: string,
    token: string,
    messageId: string,
    body: Body,
    files: UploadedFile[],
  ): APIMessage {
    const record = this.webhook(applicationId, token);
    return this.edit(this.webhookMessage(record, messageId), body, files);
  }

  deleteWebhookMessage(applicationId: string, token: string, messageId: string): void {
    const record = this.webhook(applicationId, token);
    const message = this.webhookMessage(record, messageId);
    this.world.deleteMessage(message.channel_id, message.id);
    record.followUpIds.delete(message.id);
    if (!((message.flags ?? 0) & MessageFlags.Ephemeral)) this.events.deleted(message);
  }

  /** POST /webhooks/:appId/:token — a follow-up, or the content of a still-loading deferred reply. */
  followUp(applicationId: string, token: string, body: Body, files: UploadedFile[]): APIMessage {
    const record = this.webhook(applicationId, token);
    const original = record.originalMessageId
      ? this.world.message(record.channelId, record.originalMessageId)
      : undefined;
    if (
      record.response === InteractionResponseType.DeferredChannelMessageWithSource &&
      original &&
      ((original.flags ?? 0) & MessageFlags.Loading) !== 0
    ) {
      return this.edit(original, body, files);
    }
    const message = this.newResponseMessage(record, body, files, { followUp: true });
    record.followUpIds.add(message.id);
    return message;
  }
}
