/**
 * The bot as a long-running process, in one of three roles:
 * - the bot, in this process (DISCORD_SHARDS unset);
 * - a shard manager (DISCORD_SHARDS set): it starts the entry file again once per shard;
 * - one shard (started by the manager with SHARD_ARG): the bot, for the shards discord.js
 *   hands it, answering the manager's health and metrics queries.
 * With HEALTH_PORT, the bot or the manager serves /healthz and /metrics; it starts before the
 * index is opened, so a supervisor sees 503 rather than nothing while the index builds.
 * SIGTERM and SIGINT close the Discord client, the engine and the health server, then exit 0.
 */
import type { Client } from 'discord.js';
import type { Config } from '../config.js';
import { startBot, type RunningBot } from '../discord/bot.js';
import { SHARD_ARG, startShards } from '../discord/shards.js';
import type { EngineHandle } from '../engine.js';
import { createLogger, type Logger } from '../logger.js';
import { buildInfoOf, healthReport, processHealth } from '../ops/health.js';
import { BotMetrics } from '../ops/metrics.js';
import { startOpsServer, type OpsServer, type OpsSources } from '../ops/server.js';
import { answerOpsQueries } from '../ops/shard-ipc.js';
import { openSession } from './session.js';

/**
 * Run `stop` on the first SIGTERM or SIGINT, then exit. A second signal exits at once when
 * `impatient` (someone pressing Ctrl-C twice); a shard is not: Ctrl-C reaches it and its
 * manager together, and the manager's SIGTERM that follows must not cut its shutdown short.
 * Returns the same shutdown, for other reasons to stop.
 */
function exitOnSignal(
  log: Logger,
  stop: () => Promise<void>,
  impatient: boolean,
): (reason: string) => void {
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) {
      if (!impatient) return;
      log.warn({ reason }, 'Second signal while shutting down; exiting now.');
      process.exit(1);
    }
    stopping = true;
    log.info({ reason }, 'Shutting down.');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err, reason }, 'Could not shut down cleanly.');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return shutdown;
}

async function serveOps(
  config: Config,
  log: Logger,
  sources: OpsSources,
): Promise<OpsServer | undefined> {
  if (config.HEALTH_PORT === undefined) return undefined;
  return startOpsServer(config.HEALTH_HOST, config.HEALTH_PORT, sources, log);
}

/** The bot in this process, unsharded or as one shard under a manager. */
async function runBot(config: Config, log: Logger, asShard: boolean): Promise<void> {
  const state: { engine?: EngineHandle; client?: Client; bot?: RunningBot } = {};
  const metrics = new BotMetrics({
    build: () => (state.engine ? buildInfoOf(state.engine) : null),
    processMetrics: true,
  });
  // A shard's manager serves health for all shards; a shard serves nothing itself.
  const ops = asShard
    ? undefined
    : await serveOps(config, log, {
        health: () => Promise.resolve(healthReport(processHealth(state))),
        metrics: () => metrics.text(),
      });
  const stopAnswering = asShard
    ? answerOpsQueries({ health: () => processHealth(state), metrics: () => metrics.snapshot() })
    : undefined;
  const stop = async () => {
    stopAnswering?.();
    await state.bot?.stop();
    await state.engine?.close();
    await ops?.close();
  };
  const shutdown = exitOnSignal(log, stop, !asShard);
  if (asShard) {
    // A manager that died without stopping its shards must not leave them running as
    // duplicates beside the next manager's shards.
    process.once('disconnect', () => {
      log.warn('The shard manager went away; stopping this shard.');
      shutdown('manager gone');
    });
  }

  const session = await openSession({ watch: true, logFormat: 'json' });
  state.engine = session.engine;
  state.bot = await startBot(session.engine, config, session.log, {
    metrics,
    onClient: (client) => (state.client = client),
  });
}

/** The shard manager: no engine, no Discord connection of its own. */
async function runManager(
  config: Config,
  log: Logger,
  token: string,
  entryFile: string,
): Promise<void> {
  const shards = await startShards({ config, token, log, entryFile });
  const ops = await serveOps(config, log, {
    health: () => shards.health(),
    metrics: () => shards.metrics(),
  });
  exitOnSignal(
    log,
    async () => {
      await shards.stop();
      await ops?.close();
    },
    true,
  );
  await shards.spawned.catch(async (err: unknown) => {
    await shards.stop();
    await ops?.close();
    throw err;
  });
  log.info({ shards: shards.totalShards }, `All ${shards.totalShards} shard(s) are ready`);
}

/**
 * Run the Discord side of `npm start`. `entryFile` is the program's own entry (the shard
 * manager starts it again per shard).
 */
export async function runDiscord(config: Config, entryFile: string): Promise<void> {
  const log = createLogger(config.LOG_LEVEL, 'json');
  const asShard = process.argv.includes(SHARD_ARG);
  if (config.DISCORD_SHARDS !== undefined && !asShard && config.DISCORD_TOKEN !== undefined)
    return runManager(config, log, config.DISCORD_TOKEN, entryFile);
  return runBot(config, log, asShard);
}
