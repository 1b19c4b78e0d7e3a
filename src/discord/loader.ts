/**
 * The commands: one file per command in ./commands, each default-exporting a slash command
 * `{ kind: 'slash', data, execute, autocomplete? }` or a message command
 * `{ kind: 'message', data, execute }`. The bot and scripts/deploy-commands.ts both load
 * them from here, so what is registered is what is handled. Each export is checked, so a
 * malformed file fails at start-up with its name rather than at the first click.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from './context.js';

export const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

export class CommandShapeError extends Error {
  override name = 'CommandShapeError';
}

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
/** Message commands are shown as written in a menu: capitals and spaces are allowed. */
const MENU_NAME = /^(?=.*\S).{1,32}$/u;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The problems with one module's default export; empty when it is a Command. */
export function commandShapeProblems(candidate: unknown): string[] {
  if (!isRecord(candidate)) return ['the default export is not an object'];
  const problems: string[] = [];
  const { kind, data, execute, autocomplete } = candidate;
  if (kind !== 'slash' && kind !== 'message') problems.push('kind is not "slash" or "message"');
  if (typeof execute !== 'function') problems.push('execute is not a function');
  if (autocomplete !== undefined && typeof autocomplete !== 'function')
    problems.push('autocomplete is not a function');
  if (!isRecord(data) || typeof data['toJSON'] !== 'function') {
    problems.push('data is not a command builder (no toJSON)');
    return problems;
  }
  let json: RESTPostAPIApplicationCommandsJSONBody;
  try {
    json = (data as Command['data']).toJSON();
  } catch (err) {
    problems.push(`data.toJSON() failed: ${err instanceof Error ? err.message : String(err)}`);
    return problems;
  }
  if (data['name'] !== json.name) problems.push('data.name differs from data.toJSON().name');
  if (kind === 'message') problems.push(...messageCommandProblems(json, autocomplete));
  else problems.push(...slashCommandProblems(json, autocomplete));
  return problems;
}

function slashCommandProblems(
  json: RESTPostAPIApplicationCommandsJSONBody,
  autocomplete: unknown,
): string[] {
  if (json.type !== undefined && json.type !== ApplicationCommandType.ChatInput)
    return [`a slash command's data has type ${json.type}, not ChatInput`];
  // Narrowed by its type to a chat-input command's JSON.
  const slash = json;
  const problems: string[] = [];
  if (typeof slash.name !== 'string' || !NAME.test(slash.name))
    problems.push(`invalid name ${JSON.stringify(slash.name)}`);
  if (
    typeof slash.description !== 'string' ||
    slash.description.length < 1 ||
    slash.description.length > 100
  )
    problems.push('description must be 1-100 characters');
  const wantsAutocomplete = (slash.options ?? []).some(
    (o) => 'autocomplete' in o && o.autocomplete === true,
  );
  if (wantsAutocomplete && typeof autocomplete !== 'function')
    problems.push('an option has autocomplete but the command exports no autocomplete handler');
  return problems;
}

function messageCommandProblems(
  json: RESTPostAPIApplicationCommandsJSONBody,
  autocomplete: unknown,
): string[] {
  const problems: string[] = [];
  if (json.type !== ApplicationCommandType.Message)
    problems.push(`a message command's data has type ${String(json.type)}, not Message`);
  if (typeof json.name !== 'string' || !MENU_NAME.test(json.name))
    problems.push(`invalid name ${JSON.stringify(json.name)} (1-32 characters)`);
  // Menu commands have no options to complete.
  if (autocomplete !== undefined) problems.push('a message command has no autocomplete');
  return problems;
}

function isCommandFile(name: string): boolean {
  return /\.(ts|js|mjs)$/.test(name) && !/\.d\.ts$/.test(name) && !/\.test\./.test(name);
}

/** Every command in `dir`, by name. Throws listing each malformed file. */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter(isCommandFile).sort();
  const commands = new Map<string, Command>();
  const errors: string[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    const problems = commandShapeProblems(mod.default);
    if (problems.length > 0) {
      errors.push(`${file}: ${problems.join('; ')}`);
      continue;
    }
    const command = mod.default as Command;
    // Discord allows a slash and a message command of one name, but one map of names is
    // simpler to route and to log; a clash is a mistake in this project anyway.
    if (commands.has(command.data.name)) {
      errors.push(`${file}: a second command named ${commandLabel(command)}`);
      continue;
    }
    commands.set(command.data.name, command);
  }
  if (errors.length > 0)
    throw new CommandShapeError(`Malformed commands in ${dir}:\n  ${errors.join('\n  ')}`);
  if (commands.size === 0) throw new CommandShapeError(`No commands found in ${dir}`);
  return commands;
}

/** What gets registered with Discord. */
export function commandDefinitions(
  commands: ReadonlyMap<string, Command>,
): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands.values()].map((c) => c.data.toJSON());
}

/** How a user finds the command: "/ask", or a message command's menu entry as it reads. */
export function commandLabel(command: Command): string {
  return command.kind === 'slash' ? `/${command.data.name}` : `“${command.data.name}”`;
}
