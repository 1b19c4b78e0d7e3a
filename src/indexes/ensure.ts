/**
 * Every entry point (start, ask, person, eval) calls `ensureIndex` first. It finds
 * a build it can serve and opens it, and it keeps answering possible whatever
 * happened to the files:
 *
 *   - a fresh build that loads is served as it is;
 *   - a damaged build (bad checksum, garbage JSON, truncated vectors) is set aside
 *     with one line naming the file, and the next build is tried;
 *   - a garbled or dangling data/current.json is told and the builds are searched;
 *   - a stale or missing build is rebuilt; when the rebuild cannot run (no usable
 *     article, CORPUS_DIR gone, another reindex holds the lock), the newest good
 *     build is served with a line saying why.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { corpusLimits } from '../corpus/files.js';
import { CorpusUnavailableError, hashCorpus } from '../corpus/load.js';

import type { Logger } from '../logger.js';
import { writeFileAtomic } from './atomic.js';
import { staleReasons } from './freshness.js';
import { loadIndex } from './load.js';
import { buildRunning, withBuildLock } from './lock.js';
import { IndexCorruptError, IndexMismatchError, type Manifest } from './manifest.js';
import { listBuilds, pointerFile, readManifest, readPointer, setAside } from './store.js';

export interface Ensured<T> {
  dir: string;
  /** What `open` made of the build. */
  value: T;
  /** Why a build ran, or null when an existing build was served. */
  rebuiltBecause: string | null;
}

export interface EnsureResult {
  dir: string;
  rebuiltBecause: string | null;
}

interface Candidate {
  dir: string;
  manifest: Manifest;
  /** Why it is not fresh; empty when it is. */
  stale: string[];
}

/** Set a damaged build aside, saying which file failed, once. */
async function retire(dir: string, err: IndexCorruptError, log: Logger): Promise<void> {
  const to = await setAside(dir).catch(() => null);
  log.warn(
    `Index build ${path.basename(dir)} is damaged and was set aside${to ? ` (${path.basename(to)})` : ''}: ${err.file}: ${err.problem}`,
  );
}

/** Repoint data/current.json at the build being served, unless a reindex is busy. */
async function repoint(config: Config, dir: string, log: Logger): Promise<void> {
  try {
    await withBuildLock(config.DATA_DIR, () =>
      writeFileAtomic(
        pointerFile(config.DATA_DIR),
        JSON.stringify({ build: path.basename(dir) }) + '\n',
      ),
    );
    log.info(`data/current.json now points at ${path.basename(dir)}.`);
  } catch {
    // A reindex holds the lock and will publish its own pointer.
  }
}

/**
 * Find, and if need be make, a build that `open` accepts. `open` is where a build
 * is read in full; it throws IndexCorruptError for a damaged one.
 */
export async function ensureIndexWith<T>(
  config: Config,
  log: Logger,
  open: (dir: string) => Promise<T>,
): Promise<Ensured<T>> {
  const pointer = await readPointer(config.DATA_DIR);
  if (pointer.state === 'bad') log.warn(`${pointer.problem}; looking for the last good build.`);
  const pointed = pointer.state === 'ok' ? pointer.dir : null;
  const dirs = [
    ...new Set([...(pointed ? [pointed] : []), ...(await listBuilds(config.DATA_DIR))]),
  ];

  let corpusHash: string | null = null;
  let corpusProblem: string | null = null;
  if (!existsSync(config.CORPUS_DIR)) {
    corpusProblem = `CORPUS_DIR (${config.CORPUS_DIR}) does not exist`;
  } else {
    try {
      corpusHash = await hashCorpus(config.CORPUS_DIR, corpusLimits(config));
    } catch (err) {
      corpusProblem = `CORPUS_DIR (${config.CORPUS_DIR}) cannot be read (${(err as Error).message})`;
    }
  }

  // Fresh builds are served as they are; readable stale ones are kept as fallbacks.
  const fallbacks: Candidate[] = [];
  // Why builds could not be used, for the line that says why a build runs.
  const unusable: string[] = [];
  const refuse = async (dir: string, err: unknown): Promise<void> => {
    if (!(err instanceof IndexMismatchError)) throw err;
    if (err instanceof IndexCorruptError) await retire(dir, err, log);
    unusable.push(err instanceof IndexCorruptError ? `${err.file}: ${err.problem}` : err.message);
  };
  for (const dir of dirs) {
    let manifest: Manifest;
    try {
      manifest = await readManifest(dir);
    } catch (err) {
      await refuse(dir, err);
      continue;
    }
    // With the corpus unreadable, freshness cannot be judged and nothing can be rebuilt.
    const stale =
      corpusHash === null
        ? [corpusProblem ?? 'the corpus cannot be read']
        : staleReasons(manifest, config, corpusHash);
    if (stale.length > 0) {
      fallbacks.push({ dir, manifest, stale });
      continue;
    }
    try {
      const value = await open(dir);
      if (dir !== pointed) await repoint(config, dir, log);
      return { dir, value, rebuiltBecause: null };
    } catch (err) {
      await refuse(dir, err);
    }
  }
  if (corpusProblem !== null) {
    if (fallbacks.length > 0) return serveFallback(fallbacks, log, open);
    throw new CorpusUnavailableError(
      `${corpusProblem}, and there is no index to answer from. Create it, or set CORPUS_DIR.`,
    );
  }

  const why =
    fallbacks[0]?.stale.join(', ') ??
    unusable[0] ??
    (pointer.state === 'bad' ? pointer.problem : 'no index exists yet');
  if (fallbacks.length > 0 && (await buildRunning(config.DATA_DIR))) {
    log.warn(`A reindex is running; answering from the previous build until it publishes.`);
    return serveFallback(fallbacks, log, open);
  }
  log.info(`Building the index: ${why}.`);
  try {
    // The build pipeline (dictionary, people finder, model download) loads only when needed.
    const { buildIndex } = await import('./build.js');
    const built = await buildIndex(config, log);
    return { dir: built.dir, value: await open(built.dir), rebuiltBecause: why };
  } catch (err) {
    if (fallbacks.length === 0) throw err;
    log.warn(
      `Could not rebuild the index: ${(err as Error).message}\nAnswering from the last good build instead.`,
    );
    return serveFallback(fallbacks, log, open);
  }
}

async function serveFallback<T>(
  fallbacks: Candidate[],
  log: Logger,
  open: (dir: string) => Promise<T>,
): Promise<Ensured<T>> {
  let last: unknown;
  for (const c of fallbacks) {
    try {
      const value = await open(c.dir);
      log.warn(
        `Answering from index build ${c.manifest.buildId} (${c.manifest.createdAt}), although ${c.stale.join(', ')}.`,
      );
      return { dir: c.dir, value, rebuiltBecause: null };
    } catch (err) {
      last = err;
      if (err instanceof IndexCorruptError) await retire(c.dir, err, log);
      else if (!(err instanceof IndexMismatchError)) throw err;
    }
  }
  throw last;
}

/** Ensure a build exists and loads; the caller opens it again as it needs. */
export async function ensureIndex(config: Config, log: Logger): Promise<EnsureResult> {
  const { dir, rebuiltBecause } = await ensureIndexWith(config, log, (d) =>
    loadIndex(d, { requestedModel: config.EMBEDDING_MODEL }),
  );
  return { dir, rebuiltBecause };
}
