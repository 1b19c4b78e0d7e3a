/**
 * `npm start` as a user runs it: the real entry point in a child process, with
 * DISCORD_TOKEN and DISCORD_API_URL pointing at the local Discord stand-in. It must
 * log one ready line, answer a mention with a cited quote that pings nobody, and
 * shut down cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { startStandIn, type RecordedCall } from './discord-standin/index.js';
import { testConfig } from './helpers/config.js';

describe('npm start with a Discord token', async () => {
  const standIn = await startStandIn();
  const config = testConfig();
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
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await standIn.close();
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

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
