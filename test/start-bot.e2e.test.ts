/**
 * `npm start` as a supervisor runs it: the real entry point in a child process, started by
 * node itself (no npm in between, so SIGTERM reaches the bot), with DISCORD_TOKEN and
 * DISCORD_API_URL pointing at the local Discord stand-in and HEALTH_PORT set. It must log one
 * ready line, report healthy, answer a mention with a cited quote that pings nobody and count
 * it, report unhealthy when the gateway goes, and shut down cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { startStandIn, type RecordedCall } from './discord-standin/index.js';
import { testConfig } from './helpers/config.js';
import { freePort, getUntil } from './helpers/http.js';

describe('npm start with a Discord token', async () => {
  const standIn = await startStandIn();
  const config = testConfig();
  const healthPort = await freePort();
  const healthz = `http://127.0.0.1:${healthPort}/healthz`;
  let standInClosed = false;
  let stderr = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/start.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: standIn.token,
        DISCORD_API_URL: standIn.apiUrl,
        DATA_DIR: config.DATA_DIR,
        EMBEDDING_MODEL: 'none',
        LOG_LEVEL: 'info',
        HEALTH_PORT: String(healthPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!standInClosed) await standIn.close();
    config.cleanup();
  });

  it('logs in and says what it serves, without the token', async () => {
    await standIn.waitForReady(60_000);
    const deadline = Date.now() + 20_000;
    while (!/guild/i.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const ready = stderr.split('\n').find((l) => /guild/i.test(l) && /passage/i.test(l));
    expect(ready, stderr).toBeDefined();
    expect(stderr).not.toContain(standIn.token);
  });

  it('answers a mention with a verbatim, cited quote that pings nobody', async () => {
    const asked = standIn.injectMessage({
      content: `<@${standIn.botUser.id}> @everyone 潘梓正的碩士學位是在哪所大學拿的？`,
      mentions: [standIn.botUser],
      mentionEveryone: true,
    });
    const reply: RecordedCall = await standIn.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${asked.channelId}/messages`,
      20_000,
    );
    const body = reply.body as {
      embeds?: { description?: string }[];
      allowed_mentions?: { parse?: string[] };
      message_reference?: { message_id?: string };
    };
    expect(body.message_reference?.message_id).toBe(asked.id);
    expect(body.allowed_mentions?.parse).toEqual([]);
    const text = JSON.stringify(body.embeds);
    expect(text).toContain('阿德萊德大學');
    expect(text).toContain('¶3');
  });

  it('reports healthy on /healthz once connected: the build, the mode and the gateway', async () => {
    const res = await getUntil(healthz, (r) => r.status === 200);
    const report = (await res.json()) as {
      ok: boolean;
      build: string;
      mode: string;
      gateway: string;
    };
    expect(report).toMatchObject({ ok: true, mode: 'lexical', gateway: 'ready' });
    expect(report.build).toMatch(/\S/);
  });

  it('counts the answered mention on /metrics, with the build as a label', async () => {
    const res = await fetch(`http://127.0.0.1:${healthPort}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('article_bot_questions_total{surface="mention",outcome="answered"} 1');
    expect(text).toContain('article_bot_question_duration_seconds_count{surface="mention"} 1');
    const health = (await (await fetch(healthz)).json()) as { build: string };
    expect(text).toContain(
      `article_bot_index_build_info{build="${health.build}",mode="lexical"} 1`,
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('reports 503 on /healthz while the gateway is down', async () => {
    standInClosed = true;
    await standIn.close();
    const res = await getUntil(healthz, (r) => r.status === 503);
    const report = (await res.json()) as { ok: boolean; gateway: string; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.gateway).not.toBe('ready');
    expect(report.problems.join(' ')).toMatch(/gateway/);
  });

  it('stops cleanly on SIGTERM, closing the health server', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(healthz)).rejects.toThrow();
  });
});
