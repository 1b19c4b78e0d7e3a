/**
 * Every entry point (start, ask, person, eval) calls `ensureIndex` first: it builds
 * the index when it is missing, unreadable by this version, or stale, and otherwise
 * leaves it alone.
 */
import type { Config } from '../config.js';
import { hashCorpus } from '../corpus/load.js';
import type { Logger } from '../logger.js';
import { staleReasons } from './freshness.js';
import { IndexMismatchError } from './manifest.js';
import { currentBuildDir, readManifest } from './store.js';

export interface EnsureResult {
  dir: string;
  /** Why a build ran, or null when the existing index was fresh. */
  rebuiltBecause: string | null;
}

export async function ensureIndex(config: Config, log: Logger): Promise<EnsureResult> {
  const dir = await currentBuildDir(config.DATA_DIR);
  let why: string;
  if (!dir) {
    why = 'no index exists yet';
  } else {
    try {
      const manifest = await readManifest(dir);
      const reasons = staleReasons(manifest, config, await hashCorpus(config.CORPUS_DIR));
      if (reasons.length === 0) return { dir, rebuiltBecause: null };
      why = reasons.join(', ');
    } catch (err) {
      if (!(err instanceof IndexMismatchError)) throw err;
      why = err.message;
    }
  }
  log.info(`Building the index: ${why}.`);
  // The build pipeline (dictionary, people finder, model download) loads only when needed.
  const { buildIndex } = await import('./build.js');
  const built = await buildIndex(config, log);
  return { dir: built.dir, rebuiltBecause: why };
}
