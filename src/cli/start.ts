/**
 * npm start: the Discord bot when DISCORD_TOKEN is set, otherwise the interactive
 * console. Both follow reindexes without a restart.
 */
import { loadConfig } from '../config.js';
import { startBot } from '../discord/bot.js';
import { runConsole } from './console.js';
import { openSession } from './session.js';

async function main(): Promise<void> {
  const asBot = loadConfig().DISCORD_TOKEN !== undefined;
  const { config, log, engine } = await openSession({
    watch: true,
    // The console is for people: plain lines, and only warnings on its screen.
    ...(asBot ? { logFormat: 'json' as const } : { logLevel: 'warn', logFormat: 'plain' as const }),
  });
  if (!config.DISCORD_TOKEN) {
    await runConsole(engine);
    await engine.close();
    process.exit(0);
  }
  const bot = await startBot(engine, config, log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'Shutting down.');
    await bot.stop();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
