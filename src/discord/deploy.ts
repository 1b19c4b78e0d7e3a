/**
 * Registers the slash commands with Discord. With DISCORD_GUILD_ID the commands are put on
 * that guild and show up at once (good while developing); without it they are global.
 * A PUT replaces the whole set, so removed commands disappear too.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import { commandDefinitions, commandLabel, loadCommands } from './loader.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  names: string[];
  /** As users find them: "/ask", or a message command's menu entry in quotes. */
  labels: string[];
}

export async function deployCommands(config: Config): Promise<DeployResult> {
  const missing = [
    !config.DISCORD_TOKEN && 'DISCORD_TOKEN',
    !config.DISCORD_CLIENT_ID && 'DISCORD_CLIENT_ID',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(' and ')} must be set to register commands (Developer Portal: Bot → Token; General Information → Application ID).`,
    );
  }
  const commands = await loadCommands();
  const body = commandDefinitions(commands);
  const rest = new REST({
    version: '10',
    ...(config.DISCORD_API_URL !== undefined && { api: config.DISCORD_API_URL }),
  });
  rest.setToken(config.DISCORD_TOKEN!);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID!, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID!);
  const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: config.DISCORD_GUILD_ID ? 'guild' : 'global',
    ...(config.DISCORD_GUILD_ID !== undefined && { guildId: config.DISCORD_GUILD_ID }),
    names: registered.map((c) => c.name),
    labels: registered.map((c) => {
      const command = commands.get(c.name);
      return command ? commandLabel(command) : c.name;
    }),
  };
}
