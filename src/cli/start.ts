/**
 * npm start: the Discord bot when DISCORD_TOKEN is set, otherwise the interactive
 * console. Both follow reindexes without a restart.
 */
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { runConsole } from './console.js';
import { runDiscord } from './discord-process.js';
import { describeFailure, exitCodeFor, openSession } from './session.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // This file, as node or tsx runs it: a shard manager starts it again for each shard.
  if (config.DISCORD_TOKEN !== undefined) return runDiscord(config, fileURLToPath(import.meta.url));
  // The console is for people: plain lines, and only warnings on its screen.
  const { engine } = await openSession({ watch: true, logLevel: 'warn', logFormat: 'plain' });
  await runConsole(engine);
  await engine.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(describeFailure(err));
  process.exit(exitCodeFor(err));
});
