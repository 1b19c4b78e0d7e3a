/**
 * npm start: the Discord bot when DISCORD_TOKEN is set, otherwise the interactive
 * console. Both follow reindexes without a restart.
 */
import { loadConfig } from '../config.js';
import { startBot } from '../discord/bot.js';
import { runConsole } from './console.js';
import { describeFailure, exitCodeFor, openSession } from './session.js';

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
  const onSignal = (signal: NodeJS.Signals) => {
    stop(signal).catch((err: unknown) => {
      log.error({ err, signal }, 'Could not shut down cleanly.');
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
  process.stderr.write(describeFailure(err));
  process.exit(exitCodeFor(err));
});
