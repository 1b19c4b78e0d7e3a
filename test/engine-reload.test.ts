/**
 * Hot reindex: a running engine that watches the data folder switches to a newly
 * published build without a restart, refuses a build made for another model, and
 * a question already in flight finishes on the index it started with.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine.js';
import { buildIndex } from '../src/indexes/build.js';
import { loadIndex } from '../src/indexes/load.js';
import { IndexMismatchError } from '../src/indexes/manifest.js';
import { silentLog, testConfig } from './helpers/config.js';

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('hot reindex', async () => {
  const config = testConfig();
  const engine = await openEngine(config, { log: silentLog, watch: true });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
  });

  it('switches to a new build published while it runs, finishing questions in flight on the old one', async () => {
    const before = engine.buildDir;
    const inFlight = engine.ask('潘梓正的碩士學位是在哪所大學拿的？');
    const rebuilt = await buildIndex(config, silentLog);
    const answer = await inFlight;
    expect(answer.excerpts[0]!.passage.text).toContain('阿德萊德大學');
    await until(() => engine.buildDir === rebuilt.dir, 'the engine to switch builds');
    expect(engine.buildDir).not.toBe(before);
    expect(engine.about().builtAt).toBe(rebuilt.manifest.createdAt);
    expect((await engine.ask('Where did Song Junxiao study?')).excerpts[0]!.passage.text).toContain(
      '香港科技大學',
    );
  });

  it('refuses to load a build made for another embedding model', async () => {
    await expect(
      loadIndex(engine.buildDir, { requestedModel: 'some/other-model' }),
    ).rejects.toThrow(IndexMismatchError);
    await expect(
      loadIndex(engine.buildDir, { requestedModel: 'some/other-model' }),
    ).rejects.toThrow(/EMBEDDING_MODEL/);
  });
});
