/**
 * Hot reindex: a running engine that watches the data folder switches to a newly
 * published build without a restart, refuses a build made for another model, and
 * a question already in flight finishes on the index it started with. The new
 * build comes from a changed corpus, so which build answered is visible.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
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

const ARTICLE = 'guancha-2025-02-09-deepseek-talent.md';

describe('hot reindex', async () => {
  const corpusDir = mkdtempSync(path.join(tmpdir(), 'reload-corpus-'));
  cpSync(path.join(PROJECT_ROOT, 'corpus'), corpusDir, { recursive: true });
  const config = testConfig({ CORPUS_DIR: corpusDir });
  const engine = await openEngine(config, { log: silentLog, watch: true });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  it('switches to a new build published while it runs, finishing questions in flight on the old one', async () => {
    const before = engine.buildDir;
    const question = '潘梓正的碩士學位是在哪所大學拿的？';
    const inFlight = engine.ask(question);
    // The corpus changes under the running engine: the university is renamed.
    const file = path.join(corpusDir, ARTICLE);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('阿德萊德大學', '墨爾本大學'));
    const rebuilt = await buildIndex(config, silentLog);
    const answer = await inFlight;
    expect(answer.excerpts[0]!.passage.text).toContain('阿德萊德大學');
    await until(() => engine.buildDir === rebuilt.dir, 'the engine to switch builds');
    expect(engine.buildDir).not.toBe(before);
    expect(engine.about().builtAt).toBe(rebuilt.manifest.createdAt);
    const after = (await engine.ask(question)).excerpts[0]!.passage.text;
    expect(after).toContain('墨爾本大學');
    expect(after).not.toContain('阿德萊德大學');
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
