import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../src/indexes/build.js';
import { loadIndex } from '../src/indexes/load.js';
import { IndexMismatchError } from '../src/indexes/manifest.js';
import { FILES } from '../src/indexes/store.js';
import { silentLog, testConfig } from './helpers/config.js';

describe('loading the English→Chinese table', () => {
  const config = testConfig();
  afterAll(() => config.cleanup());

  it('checks it, and calls a malformed one a broken index', async () => {
    const { dir } = await buildIndex(config, silentLog);
    const loaded = await loadIndex(dir);
    expect(loaded.crosslingual.version).toBe(1);
    expect(Object.keys(loaded.crosslingual.english).length).toBeGreaterThan(100);

    const file = path.join(dir, FILES.crosslingual);
    const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...table, english: { ai: [['人工智能', 2, 'd']] } }));
    await expect(loadIndex(dir)).rejects.toThrow(IndexMismatchError);
    await expect(loadIndex(dir)).rejects.toThrow(/npm run reindex/);
  });
});
