import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, PROJECT_ROOT, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

export const TINY_MODEL_DIR = path.join(PROJECT_ROOT, 'test/fixtures/tiny-model');
export const TINY_MODEL = 'tiny-zh-bag';

/** A configuration with its own temporary data folder; never the developer's data/. */
export function testConfig(env: Record<string, string> = {}): Config & { cleanup(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'article-bot-test-'));
  const config = parseConfig({
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  return { ...config, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Hybrid mode through the committed tiny model, with the hub switched off. */
export function hybridTestConfig(env: Record<string, string> = {}): ReturnType<typeof testConfig> {
  return testConfig({
    EMBEDDING_MODEL: TINY_MODEL,
    MODEL_CACHE_DIR: TINY_MODEL_DIR,
    ALLOW_REMOTE_MODELS: 'false',
    EMBEDDING_QUANTIZED: 'true',
    ...env,
  });
}

export const silentLog = createLogger('silent');
