/**
 * A pointer change that lands while the engine is loading the previous one is not
 * lost: the engine ends on the newest build. The store's readPointer is wrapped so
 * the second change lands at exactly that moment, every run.
 */
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Store from '../src/indexes/store.js';
import { silentLog, testConfig } from './helpers/config.js';

const hook: { afterRead: (() => void) | null } = { afterRead: null };

type StoreModule = typeof Store;

vi.mock('../src/indexes/store.js', async (importOriginal) => {
  const actual = await importOriginal<StoreModule>();
  return {
    ...actual,
    readPointer: async (dataDir: string) => {
      const result = await actual.readPointer(dataDir);
      const run = hook.afterRead;
      hook.afterRead = null;
      if (run) run();
      return result;
    },
  };
});

const { openEngine } = await import('../src/engine.js');
const { buildIndex } = await import('../src/indexes/build.js');
const { pointerFile } = await import('../src/indexes/store.js');
const { writeFileSync } = await import('node:fs');

describe('reloading', () => {
  const config = testConfig({ INDEX_KEEP_BUILDS: '5' });
  afterAll(() => config.cleanup());

  it('does not drop a pointer change that arrives during a reload', async () => {
    const engine = await openEngine(config, { log: silentLog });
    try {
      const first = engine.buildDir;
      const second = await buildIndex(config, silentLog);
      const third = await buildIndex(config, silentLog);
      writeFileSync(
        pointerFile(config.DATA_DIR),
        JSON.stringify({ build: path.basename(second.dir) }),
      );
      const during: Promise<void>[] = [];
      hook.afterRead = () => {
        // The reload has read "second"; now "third" is published and announced.
        writeFileSync(
          pointerFile(config.DATA_DIR),
          JSON.stringify({ build: path.basename(third.dir) }),
        );
        during.push(engine.checkForNewBuild());
      };
      await engine.checkForNewBuild();
      await Promise.all(during);
      expect(during).toHaveLength(1);
      expect(engine.buildDir).not.toBe(first);
      expect(engine.buildDir).toBe(third.dir);
    } finally {
      await engine.close();
    }
  });
});
