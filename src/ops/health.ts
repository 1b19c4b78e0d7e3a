/**
 * What GET /healthz reports: the build answering, its mode, and whether the gateway is
 * connected. Healthy means both: an index is loaded and every gateway shard is ready. A
 * process that is still building its index, or is cut off from Discord, answers nobody, so a
 * supervisor or load balancer should see 503 then.
 */
import { Status, type Client } from 'discord.js';
import type { Engine } from '../answers/types.js';
import type { BuildInfo } from './metrics.js';

export interface ShardHealth {
  id: number;
  /** The process running the shard, so an operator can tell which one to look at. */
  pid: number | null;
  /** discord.js's status name for the shard's connection: Ready, Reconnecting, Resuming … */
  gateway: string;
  build: string | null;
  mode: string | null;
}

export interface HealthReport {
  ok: boolean;
  build: string | null;
  mode: string | null;
  /** "ready" when every shard is; otherwise what the first one that is not is doing. */
  gateway: string;
  shards: ShardHealth[];
  /** Why it is not ok. */
  problems: string[];
}

/** The build an engine answers from, as its manifest names it. */
export function buildInfoOf(engine: Engine): BuildInfo {
  const about = engine.about();
  return { build: about.buildId, mode: about.mode };
}

/** One process's view: its engine (once open) and its Discord client (once created). */
export function processHealth(state: {
  engine?: Engine | undefined;
  client?: Client | undefined;
}): ShardHealth[] {
  const info = state.engine ? buildInfoOf(state.engine) : null;
  const shards = state.client ? [...state.client.ws.shards.values()] : [];
  if (shards.length === 0)
    return [
      {
        id: 0,
        pid: process.pid,
        gateway: 'not connected',
        build: info?.build ?? null,
        mode: info?.mode ?? null,
      },
    ];
  return shards.map((shard) => ({
    id: shard.id,
    pid: process.pid,
    gateway: Status[shard.status] ?? String(shard.status),
    build: info?.build ?? null,
    mode: info?.mode ?? null,
  }));
}

/** The report over every shard, whether they live in this process or in shard processes. */
export function healthReport(shards: ShardHealth[], expectedShards = shards.length): HealthReport {
  const problems: string[] = [];
  const notReady = shards.filter((s) => s.gateway !== Status[Status.Ready]);
  for (const s of notReady) problems.push(`shard ${s.id}: gateway ${s.gateway}`);
  if (shards.length < expectedShards)
    problems.push(`${expectedShards - shards.length} of ${expectedShards} shard(s) did not report`);
  const noIndex = shards.filter((s) => s.build === null);
  for (const s of noIndex) problems.push(`shard ${s.id}: no index loaded`);
  if (shards.length === 0) problems.push('no index loaded');
  const builds = [...new Set(shards.map((s) => s.build).filter((b): b is string => b !== null))];
  const modes = [...new Set(shards.map((s) => s.mode).filter((m): m is string => m !== null))];
  const gateway =
    shards.length > 0 && notReady.length === 0 && shards.length >= expectedShards
      ? 'ready'
      : (notReady[0]?.gateway ?? 'not connected');
  return {
    ok: problems.length === 0,
    // Several only for a moment, while shards switch to a new build one after another.
    build: builds.join(',') || null,
    mode: modes.join(',') || null,
    gateway,
    shards,
    problems,
  };
}
