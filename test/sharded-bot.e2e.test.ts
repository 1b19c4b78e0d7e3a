/**
 * DISCORD_SHARDS=2: the entry file started directly by node becomes a ShardingManager whose
 * two shard processes run the bot. Against a two-shard stand-in, each shard identifies with its
 * own [id, 2], a question in a guild on each shard gets its answer from that shard, the manager
 * reports health and metrics for both, and SIGTERM to the manager stops all three processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import type { HealthReport } from '../src/ops/health.js';
import { startStandIn, type RecordedCall } from './discord-standin/index.js';
import { testConfig } from './helpers/config.js';
import { freePort, getUntil } from './helpers/http.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the bot as two shards under a ShardingManager', async () => {
  const standIn = await startStandIn({ shards: 2 });
  const config = testConfig();
  const healthPort = await freePort();
  const base = `http://127.0.0.1:${healthPort}`;
  let output = '';
  const manager: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/start.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: standIn.token,
        DISCORD_API_URL: standIn.apiUrl,
        DISCORD_SHARDS: '2',
        DATA_DIR: config.DATA_DIR,
        EMBEDDING_MODEL: 'none',
        LOG_LEVEL: 'info',
        HEALTH_PORT: String(healthPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  manager.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  manager.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) =>
    manager.on('exit', (code) => resolve(code)),
  );
  let shardPids: number[] = [];

  afterAll(async () => {
    if (manager.exitCode === null) manager.kill('SIGKILL');
    for (const pid of shardPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await standIn.close();
    config.cleanup();
  });

  it('identifies once per shard, with its own [id, 2]', async () => {
    // The manager starts shard 1 only once shard 0 is ready (it builds the index first).
    await standIn.waitForReady(180_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${output}`);
    });
    const shards = standIn.gatewayFrames
      .filter((f) => f.op === 2)
      .map((f) => (f.d as { shard?: number[] }).shard);
    expect(shards).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
  }, 200_000);

  it('answers a question in a guild on each shard', async () => {
    expect(standIn.guilds.map((g) => g.shard).sort()).toEqual([0, 1]);
    for (const guild of standIn.guilds) {
      const asked = standIn.injectMessage({
        content: `<@${standIn.botUser.id}> 潘梓正的碩士學位是在哪所大學拿的？`,
        channelId: guild.channelId,
        mentions: [standIn.botUser],
      });
      const reply: RecordedCall = await standIn.waitForCall(
        (c) =>
          c.method === 'POST' &&
          c.path === `/channels/${guild.channelId}/messages` &&
          (c.body as { message_reference?: { message_id?: string } }).message_reference
            ?.message_id === asked.id,
        60_000,
      );
      expect(JSON.stringify(reply.body)).toContain('阿德萊德大學');
    }
    // One answer per question: each message reached one shard only.
    const answers = standIn.calls.filter(
      (c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path),
    );
    expect(answers).toHaveLength(2);
  });

  it('reports both shards healthy, on one build, from the manager', async () => {
    const res = await getUntil(`${base}/healthz`, (r) => r.status === 200);
    const report = (await res.json()) as HealthReport;
    expect(report).toMatchObject({ ok: true, gateway: 'ready', mode: 'lexical', problems: [] });
    expect(report.build).toMatch(/^[^,]+$/);
    expect(report.shards.map((s) => [s.id, s.gateway]).sort()).toEqual([
      [0, 'Ready'],
      [1, 'Ready'],
    ]);
    shardPids = report.shards.map((s) => s.pid).filter((p): p is number => p !== null);
    expect(new Set(shardPids).size).toBe(2);
    expect(shardPids).not.toContain(manager.pid);
  });

  it("adds up both shards' metrics", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('article_bot_questions_total{surface="mention",outcome="answered"} 2');
    expect(text).toMatch(/article_bot_index_build_info\{build="[^"]+",mode="lexical"\} 1\n/);
  });

  it('stops the shards and itself on SIGTERM', async () => {
    manager.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(shardPids.filter(alive)).toEqual([]);
  });
});
