import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExpectedError } from '../src/errors.js';
import { buildIndex } from '../src/indexes/build.js';
import { runBuild } from '../src/indexes/build-runner.js';
import { acquireBuildLock, buildRunning, LockBusyError } from '../src/indexes/lock.js';
import { loggerTo } from '../src/logger.js';
import { hybridTestConfig, silentLog, testConfig } from './helpers/config.js';

/** A logger that keeps what it is told, by level name. */
function collectingLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = loggerTo(
    {
      write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }),
    },
    'info',
  );
  return { log, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

describe('a build in a worker with a capped heap', () => {
  const configs: { cleanup(): void }[] = [];
  const config = (env: Record<string, string> = {}, hybrid = false) => {
    const c = hybrid ? hybridTestConfig(env) : testConfig(env);
    configs.push(c);
    return c;
  };
  afterAll(() => configs.forEach((c) => c.cleanup()));

  it('publishes what an in-process build publishes, tells each step, and releases the lock', async () => {
    const inWorker = config();
    const steps: string[] = [];
    const result = await runBuild(inWorker, silentLog, { onStep: (s) => steps.push(s) });
    const inProcess = await buildIndex(config(), silentLog);
    expect(result.manifest.counts).toEqual(inProcess.manifest.counts);
    expect(result.manifest.checksums.files).toEqual(inProcess.manifest.checksums.files);
    expect(steps[0]).toMatch(/^Reading articles/);
    expect(steps.at(-1)).toBe('Writing the index');
    expect(await buildRunning(inWorker.DATA_DIR)).toBe(false);
  });

  it('embeds with the tiny model inside the worker', async () => {
    const result = await runBuild(config({}, true), silentLog);
    expect(result.manifest.mode).toBe('hybrid');
    expect(result.manifest.embedding?.dims).toBeGreaterThan(0);
  });

  it('builds again without the cap, with a warning, when the cap is too small', async () => {
    const small = config({ BUILD_MAX_HEAP_MB: '16' });
    const { log, warnings } = collectingLog();
    const result = await runBuild(small, log);
    expect(result.manifest.counts.passages).toBeGreaterThan(0);
    expect(warnings().join('\n')).toMatch(/more than BUILD_MAX_HEAP_MB \(16 MB\)/);
    expect(await buildRunning(small.DATA_DIR)).toBe(false);
  });

  it("reports an expected failure by its message, and a held lock as the lock's error", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'article-bot-empty-corpus-'));
    try {
      writeFileSync(path.join(empty, 'notes.md'), '---\nid: notes\ntitle: t\n---\n');
      const failed = runBuild(config({ CORPUS_DIR: empty }), silentLog);
      await expect(failed).rejects.toBeInstanceOf(ExpectedError);
      await expect(failed).rejects.toMatchObject({ name: 'EmptyCorpusError' });
      await expect(failed).rejects.toThrow(/No usable articles/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const busy = config();
    const lock = await acquireBuildLock(busy.DATA_DIR);
    try {
      await expect(runBuild(busy, silentLog)).rejects.toBeInstanceOf(LockBusyError);
    } finally {
      await lock.release();
    }
  });
});
