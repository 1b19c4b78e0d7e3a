/**
 * A keyword-mode engine over the real corpus, in a temporary data folder, for a
 * `describe` block: it is closed and its folder removed when the block ends.
 */
import { afterAll, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/engine.js';
import { silentLog, testConfig } from './config.js';

export async function keywordEngine(): Promise<{
  config: ReturnType<typeof testConfig>;
  engine: EngineHandle;
}> {
  const config = testConfig();
  const engine = await openEngine(config, { log: silentLog });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
  });
  it('runs without the model', () => {
    expect(engine.about().mode).toBe('lexical');
  });
  return { config, engine };
}
