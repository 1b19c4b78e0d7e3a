/**
 * npm run deploy-commands: register every command in src/discord/commands with Discord (the
 * slash commands and the "Ask the article about this" message command).
 * Guild-scoped (immediate) when DISCORD_GUILD_ID is set, otherwise global.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { deployCommands } from '../src/discord/deploy.js';

try {
  const result = await deployCommands(loadConfig());
  const list = result.labels.join(', ');
  process.stdout.write(
    result.scope === 'guild'
      ? `Registered ${result.names.length} commands in guild ${result.guildId} (available now): ${list}\n`
      : `Registered ${result.names.length} global commands: ${list}\n` +
          'Global commands can take a while to show up in clients; set DISCORD_GUILD_ID to test in one server at once.\n',
  );
} catch (err) {
  const message =
    err instanceof ConfigError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`Could not register commands: ${message}\n`);
  process.exitCode = 1;
}
