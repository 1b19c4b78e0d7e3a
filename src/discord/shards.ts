/**
 * DISCORD_SHARDS: one machine runs several gateway shards, each a child process running the
 * same bot entry file under discord.js's ShardingManager. discord.js hands each child its shard
 * through the SHARDS and SHARD_COUNT variables, which its Client reads by itself; the bot code
 * is the same as unsharded. The manager holds no engine and no Discord connection: it starts,
 * watches and stops the shards, and answers health and metrics for all of them.
 */
import type { ChildProcess } from 'node:child_process';
import {
  REST,
  Routes,
  ShardingManager,
  type RESTGetAPIGatewayBotResult,
  type Shard,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { healthReport, type HealthReport, type ShardHealth } from '../ops/health.js';
import { mergedMetricsText, type MetricsSnapshot, type MetricsText } from '../ops/metrics.js';
import { isOpsReply, opsQuery, type OpsReply, type OpsWant } from '../ops/shard-ipc.js';

/** The argument that tells the entry file it runs as a shard under a manager. */
export const SHARD_ARG = '--discord-shard';

/** Enough for a first index build (model download included) in shard 0 before shard 1 starts. */
const SHARD_READY_TIMEOUT_MS = 10 * 60_000;
/** A shard that does not answer a health or metrics query within this counts as not answering. */
const QUERY_TIMEOUT_MS = 2_000;
/** How long a shard may take to close after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

export interface RunningShards {
  manager: ShardingManager;
  totalShards: number;
  /** Resolves once every shard is ready; rejects when one fails to start. */
  spawned: Promise<void>;
  health(): Promise<HealthReport>;
  metrics(): Promise<MetricsText>;
  stop(): Promise<void>;
}

/**
 * The shard count Discord recommends (GET /gateway/bot), asked through DISCORD_API_URL when set:
 * discord.js's own fetchRecommendedShardCount always asks discord.com.
 */
export async function recommendedShards(config: Config, token: string): Promise<number> {
  const rest = new REST(
    config.DISCORD_API_URL !== undefined ? { api: config.DISCORD_API_URL } : {},
  ).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

function ask<T extends OpsWant>(
  shard: Shard,
  want: T,
): Promise<Extract<OpsReply, { want: T }> | null> {
  if (!shard.process) return Promise.resolve(null);
  const query = opsQuery(want);
  return new Promise((resolve) => {
    const done = (reply: Extract<OpsReply, { want: T }> | null) => {
      clearTimeout(timer);
      shard.off('message', onMessage);
      resolve(reply);
    };
    const onMessage = (message: unknown) => {
      if (isOpsReply(message) && message.id === query.id && message.want === want)
        done(message as Extract<OpsReply, { want: T }>);
    };
    const timer = setTimeout(() => done(null), QUERY_TIMEOUT_MS);
    shard.on('message', onMessage);
    shard.send(query).catch(() => done(null));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawn the shards one after another, each once the previous one is ready: shard 0 builds a
 * missing index before the others start, and Discord's pause between IDENTIFYs is kept.
 */
export async function startShards(options: {
  config: Config;
  token: string;
  log: Logger;
  /** The bot's entry file: this very program, under node or tsx. */
  entryFile: string;
}): Promise<RunningShards> {
  const { config, token, log } = options;
  const wanted = config.DISCORD_SHARDS ?? 1;
  const totalShards = wanted === 'auto' ? await recommendedShards(config, token) : wanted;
  const manager = new ShardingManager(options.entryFile, {
    token,
    totalShards,
    mode: 'process',
    respawn: true,
    shardArgs: [SHARD_ARG],
    // The same runtime flags as this process (under tsx: its loader), so the children run
    // the entry file the way this process runs it.
    execArgv: process.execArgv,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    // Stopped while shards were still starting: the ones started late stop at once.
    shard.on('spawn', () => {
      if (stopping) shard.kill();
    });
    log.info({ shard: shard.id, of: totalShards }, `Starting shard ${shard.id + 1}/${totalShards}`);
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : null;
      if (manager.respawn) log.warn({ shard: shard.id, exitCode }, 'Shard exited; restarting it');
    });
  });

  const running: RunningShards = {
    manager,
    totalShards,
    spawned: manager
      .spawn({ amount: totalShards, timeout: SHARD_READY_TIMEOUT_MS })
      .then(() => undefined),
    async health() {
      const replies = await Promise.all(
        [...manager.shards.values()].map(async (shard) => ({
          shard,
          reply: await ask(shard, 'health'),
        })),
      );
      const shards: ShardHealth[] = replies.flatMap(({ shard, reply }) =>
        // One gateway shard per process: the process's report is its shard's, even before its
        // client exists and knows its id.
        reply
          ? reply.health.map((h) => ({ ...h, id: shard.id }))
          : [
              {
                id: shard.id,
                pid: shard.process?.pid ?? null,
                gateway: shard.process ? 'not answering' : 'not running',
                build: null,
                mode: null,
              },
            ],
      );
      return healthReport(shards, totalShards);
    },
    async metrics() {
      const replies = await Promise.all(
        [...manager.shards.values()].map((shard) => ask(shard, 'metrics')),
      );
      const snapshots: MetricsSnapshot[] = replies.flatMap((r) => (r ? [r.metrics] : []));
      return mergedMetricsText(snapshots);
    },
    async stop() {
      // Before anything exits: a shard that ends now must not be started again.
      stopping = true;
      manager.respawn = false;
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = shard.process;
          if (!child) return;
          // Shard.kill sends SIGTERM, which the shard answers by closing its client and exiting.
          shard.kill();
          const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited(child);
          clearTimeout(grace);
        }),
      );
      log.info('All shards stopped');
    },
  };
  return running;
}
