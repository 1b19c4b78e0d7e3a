import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';
import type { LoadEmbedderOptions } from '../../src/embedding/load.js';
import { createLogger } from '../../src/logger.js';
import { TINY_MODEL_CACHE_DIR, TINY_MODEL_ID } from '../../scripts/make-test-model.js';

/** The committed tiny model, named as scripts/make-test-model.ts writes it. */
export const TINY_MODEL_DIR = TINY_MODEL_CACHE_DIR;
export const TINY_MODEL = TINY_MODEL_ID;

/** Options that load the tiny model through transformers.js with the hub switched off. */
export const TINY_EMBEDDER: LoadEmbedderOptions = {
  model: TINY_MODEL_ID,
  cacheDir: TINY_MODEL_CACHE_DIR,
  allowRemote: false,
  timeoutMs: 5_000,
  quantized: true,
  progress: false,
};

/** A configuration with its own temporary data folder (never the developer's data/) and the hub off. */
export function testConfig(env: Record<string, string> = {}): Config & { cleanup(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'article-bot-test-'));
  const config = parseConfig({
    EMBEDDING_MODEL: 'none',
    LOG_LEVEL: 'silent',
    // No test may reach the model hub, even on a machine that could.
    ALLOW_REMOTE_MODELS: 'false',
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
