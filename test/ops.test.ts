import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { healthReport, type HealthReport, type ShardHealth } from '../src/ops/health.js';
import { BotMetrics, mergedMetricsText } from '../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../src/ops/server.js';
import { isOpsQuery, isOpsReply, opsQuery } from '../src/ops/shard-ipc.js';
import { silentLog } from './helpers/config.js';

const shard = (id: number, over: Partial<ShardHealth> = {}): ShardHealth => ({
  id,
  pid: 100 + id,
  gateway: 'Ready',
  build: 'b1',
  mode: 'lexical',
  ...over,
});

describe('operations configuration', () => {
  it('reads DISCORD_SHARDS as auto or a count, and serves health only when HEALTH_PORT is set', () => {
    const unset = parseConfig({});
    expect([unset.DISCORD_SHARDS, unset.HEALTH_PORT, unset.HEALTH_HOST]).toEqual([
      undefined,
      undefined,
      '127.0.0.1',
    ]);
    expect(parseConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(parseConfig({ DISCORD_SHARDS: '2' }).DISCORD_SHARDS).toBe(2);
    expect(parseConfig({ HEALTH_PORT: '9464' }).HEALTH_PORT).toBe(9464);
    for (const bad of [
      { DISCORD_SHARDS: '0' },
      { DISCORD_SHARDS: 'two' },
      { HEALTH_PORT: '70000' },
    ])
      expect(() => parseConfig(bad)).toThrow(ConfigError);
    expect(() => parseConfig({ DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS/);
  });
});

describe('health report', () => {
  it('is ok only when every expected shard is ready on a loaded index', () => {
    expect(healthReport([shard(0), shard(1)], 2)).toMatchObject({
      ok: true,
      build: 'b1',
      mode: 'lexical',
      gateway: 'ready',
      problems: [],
    });
    const reconnecting = healthReport([shard(0), shard(1, { gateway: 'Reconnecting' })], 2);
    expect(reconnecting).toMatchObject({ ok: false, gateway: 'Reconnecting' });
    expect(reconnecting.problems).toEqual(['shard 1: gateway Reconnecting']);
    expect(healthReport([shard(0)], 2).problems).toEqual(['1 of 2 shard(s) did not report']);
    const building = healthReport([
      shard(0, { build: null, mode: null, gateway: 'not connected' }),
    ]);
    expect(building.ok).toBe(false);
    expect(building.problems).toContain('shard 0: no index loaded');
    expect(healthReport([], 1).ok).toBe(false);
  });
});

describe('metrics', () => {
  it('counts outcomes, errors included, and only real 429s as 429s', async () => {
    const m = new BotMetrics({ build: () => ({ build: 'b1', mode: 'hybrid' }) });
    await m.timed(
      'ask',
      () => Promise.resolve('x'),
      () => 'answered',
    );
    await expect(
      m.timed(
        'dm',
        () => Promise.reject(new Error('boom')),
        () => 'answered',
      ),
    ).rejects.toThrow('boom');
    m.restStatus(200);
    m.restStatus(429);
    m.restRateLimited(false);
    const text = (await m.text()).body;
    expect(text).toContain('article_bot_questions_total{surface="ask",outcome="answered"} 1');
    expect(text).toContain('article_bot_questions_total{surface="dm",outcome="error"} 1');
    expect(text).toContain('article_bot_questions_total{surface="person",outcome="refused"} 0');
    expect(text).toContain('article_bot_discord_rest_429_total 1');
    expect(text).toContain('article_bot_discord_rest_rate_limited_total{global="false"} 1');
    expect(text).toContain('article_bot_index_build_info{build="b1",mode="hybrid"} 1');
  });

  it("adds shards' counters and keeps one build line per build", async () => {
    const a = new BotMetrics({ build: () => ({ build: 'b1', mode: 'lexical' }) });
    const b = new BotMetrics({ build: () => ({ build: 'b1', mode: 'lexical' }) });
    a.question('mention', 'answered', 0.01);
    b.question('mention', 'answered', 0.02);
    b.gatewayReconnect();
    const text = (await mergedMetricsText([await a.snapshot(), await b.snapshot()])).body;
    expect(text).toContain('article_bot_questions_total{surface="mention",outcome="answered"} 2');
    expect(text).toContain('article_bot_question_duration_seconds_count{surface="mention"} 2');
    expect(text).toContain('article_bot_gateway_reconnects_total 1');
    expect(text).toContain('article_bot_index_build_info{build="b1",mode="lexical"} 1');
  });
});

describe('shard queries', () => {
  it('tells a query from its reply', () => {
    const query = opsQuery('health');
    const reply = { op: query.op, type: 'reply', id: query.id, want: 'health', health: [] };
    expect([isOpsQuery(query), isOpsReply(query)]).toEqual([true, false]);
    expect([isOpsQuery(reply), isOpsReply(reply)]).toEqual([false, true]);
    expect(isOpsQuery({ _eval: '1' })).toBe(false);
    expect(opsQuery('metrics').id).not.toBe(query.id);
  });
});

describe('health server', () => {
  let server: OpsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const report = (ok: boolean): HealthReport => healthReport(ok ? [shard(0)] : [], 1);

  it('answers /healthz 200 or 503 with the report, /metrics as text, and 404 elsewhere', async () => {
    let healthy = false;
    server = await startOpsServer(
      '127.0.0.1',
      0,
      {
        health: () => Promise.resolve(report(healthy)),
        metrics: () => Promise.resolve({ contentType: 'text/plain', body: 'm 1\n' }),
      },
      silentLog,
    );
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    healthy = true;
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as HealthReport).build).toBe('b1');
    expect(await (await fetch(`${base}/metrics`)).text()).toBe('m 1\n');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 500 when a source fails, and keeps serving', async () => {
    server = await startOpsServer(
      '127.0.0.1',
      0,
      {
        health: () => Promise.reject(new Error('no')),
        metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
      },
      silentLog,
    );
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(500);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});
