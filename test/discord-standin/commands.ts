import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type InteractionContextType,
  type APIApplicationCommandOption,
} from 'discord.js';
import { invalidFormBody, unknownCommand } from './errors.js';
import { FormErrors, validateCommand } from './validation.js';
import type { World } from './world.js';

type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Application commands, global or for the stand-in's guild, stored as Discord stores them: a bulk
 * overwrite keeps the id of a command whose name and type did not change, and every write gets a new
 * `version`. Injected interactions use these ids.
 */
export class CommandStore {
  constructor(private readonly world: World) {}

  private store(guildId: string | undefined): Map<string, APIApplicationCommand> {
    return guildId ? this.world.guildCommands : this.world.globalCommands;
  }

  list(guildId?: string): APIApplicationCommand[] {
    return [...this.store(guildId).values()];
  }

  get(id: string, guildId?: string): APIApplicationCommand {
    const command = this.store(guildId).get(id);
    if (!command) throw unknownCommand();
    return command;
  }

  private build(body: Body, id: string, guildId: string | undefined): APIApplicationCommand {
    const type =
      typeof body.type === 'number'
        ? (body.type as ApplicationCommandType)
        : ApplicationCommandType.ChatInput;
    return {
      id,
      type,
      application_id: this.world.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      name: String(body.name),
      name_localizations:
        (body.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
      description: typeof body.description === 'string' ? body.description : '',
      description_localizations:
        (body.description_localizations as APIApplicationCommand['description_localizations']) ??
        null,
      ...(Array.isArray(body.options)
        ? { options: body.options as APIApplicationCommandOption[] }
        : {}),
      default_member_permissions:
        typeof body.default_member_permissions === 'string'
          ? body.default_member_permissions
          : null,
      nsfw: body.nsfw === true,
      integration_types: Array.isArray(body.integration_types)
        ? (body.integration_types as ApplicationIntegrationType[])
        : [ApplicationIntegrationType.GuildInstall],
      contexts: Array.isArray(body.contexts) ? (body.contexts as InteractionContextType[]) : null,
      version: this.world.snowflakes.next(),
    };
  }

  private validate(bodies: unknown[], asArray: boolean): Body[] {
    const errors = new FormErrors();
    bodies.forEach((body, i) => validateCommand(body, asArray ? [i] : [], errors));
    const seen = new Set<string>();
    bodies.forEach((body, i) => {
      if (!isRecord(body)) return;
      const key = `${typeof body.type === 'number' ? body.type : 1}:${String(body.name)}`;
      if (seen.has(key)) {
        errors.add(
          [i, 'name'],
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          `Application command names must be unique`,
        );
      }
      seen.add(key);
    });
    if (!errors.empty) throw invalidFormBody(errors.errors);
    return bodies.filter(isRecord);
  }

  overwrite(bodies: unknown, guildId?: string): APIApplicationCommand[] {
    if (!Array.isArray(bodies)) {
      throw invalidFormBody({
        _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }],
      });
    }
    const valid = this.validate(bodies, true);
    const store = this.store(guildId);
    const previous = [...store.values()];
    store.clear();
    for (const body of valid) {
      const type = body.type ?? ApplicationCommandType.ChatInput;
      const kept = previous.find((c) => c.name === body.name && c.type === type);
      const command = this.build(body, kept?.id ?? this.world.snowflakes.next(), guildId);
      store.set(command.id, command);
    }
    return [...store.values()];
  }

  /** POST: creates, or (as Discord does) overwrites the command with the same name and type. */
  create(body: unknown, guildId?: string): { command: APIApplicationCommand; created: boolean } {
    const [valid] = this.validate([body], false);
    if (!valid)
      throw invalidFormBody({
        _errors: [
          { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' },
        ],
      });
    const store = this.store(guildId);
    const type = valid.type ?? ApplicationCommandType.ChatInput;
    const existing = [...store.values()].find((c) => c.name === valid.name && c.type === type);
    const command = this.build(valid, existing?.id ?? this.world.snowflakes.next(), guildId);
    store.set(command.id, command);
    return { command, created: !existing };
  }

  edit(id: string, body: unknown, guildId?: string): APIApplicationCommand {
    const current = this.get(id, guildId);
    const merged = { ...current, ...(isRecord(body) ? body : {}) };
    this.validate([merged], false);
    const command = this.build(merged, id, guildId);
    this.store(guildId).set(id, command);
    return command;
  }

  delete(id: string, guildId?: string): void {
    this.get(id, guildId);
    this.store(guildId).delete(id);
  }
}
