/**
 * A damaged index never takes the bot down and is never served: each build file
 * garbled in turn is caught by its checksum or its shape, set aside with one line
 * naming the file, and the last good build answers (or a fresh one is built).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { corpusLimits } from '../src/corpus/files.js';
import { buildIndex } from '../src/indexes/build.js';
import { ensureIndex } from '../src/indexes/ensure.js';
import { loadIndex } from '../src/indexes/load.js';
import { LockBusyError, acquireBuildLock, lockFile } from '../src/indexes/lock.js';
import { IndexCorruptError } from '../src/indexes/manifest.js';
import { buildsDir, currentBuildDir, pointerFile } from '../src/indexes/store.js';
import { verifyBuild } from '../src/indexes/verify.js';
import { createLogger } from '../src/logger.js';
import pino from 'pino';
import { testConfig } from './helpers/config.js';

/** A logger whose lines the test can read. */
function capture(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(String((JSON.parse(chunk.toString()) as { msg?: string }).msg ?? ''));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const GARBLE: Record<string, (file: string) => void> = {
  truncated: (f) => truncateSync(f, Math.floor(readFileSync(f).length / 2)),
  garbage: (f) => writeFileSync(f, 'not json at all \u0000\u0001'),
  'valid JSON, wrong shape': (f) => writeFileSync(f, '{"hello": [1, 2, 3]}'),
};

describe('a damaged build', () => {
  const config = testConfig({ INDEX_KEEP_BUILDS: '3' });
  afterAll(() => config.cleanup());
  let good: Awaited<ReturnType<typeof buildIndex>> | undefined;
  let copies = 0;

  /**
   * A newer build that is a byte copy of a good one, published as current: what a
   * reindex would leave, without paying for a build per case.
   */
  async function publishCopy(): Promise<string> {
    good ??= await buildIndex(config, createLogger('silent'));
    const id = `${path.basename(good.dir)}-copy${String(++copies).padStart(2, '0')}`;
    const dir = path.join(buildsDir(config.DATA_DIR), id);
    cpSync(good.dir, dir, { recursive: true });
    writeFileSync(pointerFile(config.DATA_DIR), JSON.stringify({ build: id }));
    return dir;
  }

  for (const file of [
    'manifest.json',
    'passages.json',
    'bm25.bin',
    'people.json',
    'crosslingual.json',
  ]) {
    for (const [how, garble] of Object.entries(GARBLE)) {
      it(`${file} ${how}: set aside, the previous good build answers`, async () => {
        const bad = await publishCopy();
        garble(path.join(bad, file));
        const { log, lines } = capture();
        const ensured = await ensureIndex(config, log);
        expect(ensured.dir).toBe(good!.dir);
        expect(ensured.rebuiltBecause).toBeNull();
        expect(existsSync(bad)).toBe(false);
        expect(readdirSync(buildsDir(config.DATA_DIR))).toContain(`.corrupt-${path.basename(bad)}`);
        const told = lines.filter((l) => l.includes('set aside'));
        expect(told).toHaveLength(1);
        expect(told[0]).toContain(file);
        // The pointer now names the build that answers, so a restart does not repeat this.
        expect(await currentBuildDir(config.DATA_DIR)).toBe(good!.dir);
      });
    }
  }

  it('an edited passage text is caught, though the file is valid JSON of the right shape', async () => {
    const built = { dir: await publishCopy() };
    const file = path.join(built.dir, 'passages.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('潘梓正', '王小明'));
    await expect(loadIndex(built.dir)).rejects.toThrow(IndexCorruptError);
    await expect(loadIndex(built.dir)).rejects.toThrow(
      /passages\.json: does not match its checksum/,
    );
  });

  it('an edited passage text with the file checksum forged still fails on the passage checksum', async () => {
    const built = { dir: await publishCopy() };
    const file = path.join(built.dir, 'passages.json');
    const edited = readFileSync(file, 'utf8').replace('潘梓正', '王小明');
    writeFileSync(file, edited);
    const manifestFile = path.join(built.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      checksums: { files: Record<string, string> };
    };
    const { sha256 } = await import('../src/indexes/checksum.js');
    manifest.checksums.files['passages.json'] = sha256(edited);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(built.dir)).rejects.toThrow(
      /text of passage \d+ is not the text the build took/,
    );
  });

  it('a garbled data/current.json is told, and the newest good build answers', async () => {
    const built = await buildIndex(config, createLogger('silent'));
    writeFileSync(pointerFile(config.DATA_DIR), '{"build": 42');
    const { log, lines } = capture();
    const ensured = await ensureIndex(config, log);
    expect(ensured.dir).toBe(built.dir);
    expect(lines.some((l) => l.includes('current.json is not valid JSON'))).toBe(true);
    expect(await currentBuildDir(config.DATA_DIR)).toBe(built.dir);
  });

  it('with every build damaged, a fresh one is built', async () => {
    for (const name of readdirSync(buildsDir(config.DATA_DIR)).filter((n) => !n.startsWith('.'))) {
      writeFileSync(path.join(buildsDir(config.DATA_DIR), name, 'bm25.bin'), '[]');
    }
    const { log } = capture();
    const ensured = await ensureIndex(config, log);
    expect(ensured.rebuiltBecause).toMatch(/bm25\.bin/);
    expect((await loadIndex(ensured.dir)).passages.length).toBeGreaterThan(0);
  });

  it('--verify finds every passage in the articles on disk', async () => {
    const dir = (await currentBuildDir(config.DATA_DIR))!;
    const limits = corpusLimits(config);
    const report = await verifyBuild(dir, config.CORPUS_DIR, limits);
    expect(report.problems).toEqual([]);
    expect(report.matched).toBe(report.passages);
  });
});

describe('when the corpus breaks after a good build', () => {
  it('serves the last good build instead of refusing to start, and says why', async () => {
    const corpusDir = mkdtempSync(path.join(tmpdir(), 'recovery-corpus-'));
    cpSync(path.join(PROJECT_ROOT, 'corpus'), corpusDir, { recursive: true });
    const config = testConfig({ CORPUS_DIR: corpusDir });
    try {
      const good = await buildIndex(config, createLogger('silent'));
      // The only article is broken: a rebuild has nothing to index.
      writeFileSync(
        path.join(corpusDir, 'guancha-2025-02-09-deepseek-talent.md'),
        '---\ntitle: [broken\n',
      );
      const { log, lines } = capture();
      const ensured = await ensureIndex(config, log);
      expect(ensured.dir).toBe(good.dir);
      expect(lines.join('\n')).toMatch(/Could not rebuild the index: No usable articles/);
      expect(lines.join('\n')).toMatch(/Answering from index build/);

      // The corpus folder disappears entirely: still answering, and the variable is named.
      rmSync(corpusDir, { recursive: true, force: true });
      const gone = capture();
      expect((await ensureIndex(config, gone.log)).dir).toBe(good.dir);
      expect(gone.lines.join('\n')).toMatch(/CORPUS_DIR \(.*\) does not exist/);
    } finally {
      config.cleanup();
      rmSync(corpusDir, { recursive: true, force: true });
    }
  });
});

describe('housekeeping', () => {
  const config = testConfig();
  afterAll(() => config.cleanup());

  it('one build at a time: a live lock refuses, a stale one is taken over', async () => {
    const lock = await acquireBuildLock(config.DATA_DIR);
    try {
      await expect(acquireBuildLock(config.DATA_DIR)).rejects.toThrow(LockBusyError);
      await expect(buildIndex(config, createLogger('silent'))).rejects.toThrow(/Another reindex/);
    } finally {
      await lock.release();
    }
    // A PID that is not running: the lock a killed reindex left behind.
    writeFileSync(
      lockFile(config.DATA_DIR),
      JSON.stringify({
        pid: 2 ** 22 + 7,
        host: (await import('node:os')).hostname(),
        since: 'then',
      }),
    );
    const built = await buildIndex(config, createLogger('silent'));
    expect(existsSync(built.dir)).toBe(true);
    expect(existsSync(lockFile(config.DATA_DIR))).toBe(false);
  });

  it('removes the half-written builds an interrupted reindex left', async () => {
    const leftover = path.join(buildsDir(config.DATA_DIR), '.tmp-20250101T000000Z-1-abc-1234');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(path.join(leftover, 'passages.json'), '[');
    await buildIndex(config, createLogger('silent'));
    expect(existsSync(leftover)).toBe(false);
  });

  it('keeps INDEX_KEEP_BUILDS builds', async () => {
    const keepOne = { ...config, INDEX_KEEP_BUILDS: 1 };
    const built = await buildIndex(keepOne, createLogger('silent'));
    const builds = readdirSync(buildsDir(config.DATA_DIR)).filter((n) => !n.startsWith('.'));
    expect(builds).toEqual([path.basename(built.dir)]);
  });
});

describe('a damaged vector index', () => {
  it('is caught before hnswlib reads it, naming vectors.hnsw', async () => {
    const { hybridTestConfig } = await import('./helpers/config.js');
    const config = hybridTestConfig();
    try {
      const built = await buildIndex(config, createLogger('silent'));
      expect(built.manifest.mode).toBe('hybrid');
      const file = path.join(built.dir, 'vectors.hnsw');
      const bytes = readFileSync(file);
      bytes.fill(0xff, 0, Math.min(64, bytes.length));
      writeFileSync(file, bytes);
      await expect(loadIndex(built.dir)).rejects.toThrow(
        /vectors\.hnsw: does not match its checksum/,
      );
      const { log, lines } = capture();
      const ensured = await ensureIndex(config, log);
      expect(ensured.rebuiltBecause).toMatch(/vectors\.hnsw/);
      expect(lines.filter((l) => l.includes('set aside'))).toHaveLength(1);
    } finally {
      config.cleanup();
    }
  });
});
