/**
 * Where index builds live and how they are published and found.
 *
 *   data/current.json        → { "build": "<id>" }, replaced atomically
 *   data/builds/<id>/        → manifest.json, passages.json, normal.json, bm25.bin,
 *                              people.json, crosslingual.json, summary.json, vectors.hnsw
 *                              (hybrid only)
 *
 *   data/builds/.tmp-*       → a build being written (left over if a build died)
 *   data/builds/.corrupt-*   → builds set aside because their files were damaged
 *   data/reindex.lock        → the PID of the build running now (lock.ts)
 *
 * A build is written to a temporary folder and renamed into builds/, then the
 * pointer is swapped. A reader that resolved the old pointer keeps a complete old
 * build; older builds are kept (INDEX_KEEP_BUILDS) so such a reader never loses
 * files mid-load and a damaged build has a good one to fall back to.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic.js';
import {
  INDEX_SCHEMA_VERSION,
  IndexCorruptError,
  IndexMismatchError,
  ManifestSchema,
  type Manifest,
} from './manifest.js';

export const FILES = {
  manifest: 'manifest.json',
  passages: 'passages.json',
  normal: 'normal.json',
  bm25: 'bm25.bin',
  people: 'people.json',
  crosslingual: 'crosslingual.json',
  summary: 'summary.json',
  vectors: 'vectors.hnsw',
} as const;

const BUILD_ID = /^[\w.-]+$/;
const Pointer = z.object({ build: z.string().regex(BUILD_ID) });
const TMP_PREFIX = '.tmp-';
const CORRUPT_PREFIX = '.corrupt-';
/** Damaged builds kept for a post-mortem; older ones are deleted. */
const KEEP_CORRUPT = 3;

export function buildsDir(dataDir: string): string {
  return path.join(dataDir, 'builds');
}

export function pointerFile(dataDir: string): string {
  return path.join(dataDir, 'current.json');
}

/** What data/current.json says. */
export type PointerState =
  | { state: 'none' }
  | { state: 'ok'; dir: string }
  /** It exists but cannot be used: garbage, or it names a build that is gone. */
  | { state: 'bad'; problem: string };

export async function readPointer(dataDir: string): Promise<PointerState> {
  const file = pointerFile(dataDir);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
    return { state: 'bad', problem: `${file} cannot be read (${(err as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { state: 'bad', problem: `${file} is not valid JSON` };
  }
  const parsed = Pointer.safeParse(json);
  if (!parsed.success) return { state: 'bad', problem: `${file} does not name a build` };
  const dir = path.join(buildsDir(dataDir), parsed.data.build);
  if (!existsSync(path.join(dir, FILES.manifest))) {
    return { state: 'bad', problem: `${file} names build ${parsed.data.build}, which is missing` };
  }
  return { state: 'ok', dir };
}

/** The folder of the current build, or null when there is none that the pointer names. */
export async function currentBuildDir(dataDir: string): Promise<string | null> {
  const p = await readPointer(dataDir);
  return p.state === 'ok' ? p.dir : null;
}

export async function readManifest(buildDir: string): Promise<Manifest> {
  const file = path.join(buildDir, FILES.manifest);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new IndexCorruptError(file, `cannot be read as JSON (${(err as Error).message})`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== INDEX_SCHEMA_VERSION) {
    throw new IndexMismatchError(
      `The index in ${buildDir} has schema version ${String(version)}, but this version of the bot ` +
        `reads version ${INDEX_SCHEMA_VERSION}. Run \`npm run reindex\` to rebuild it.`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new IndexCorruptError(
      file,
      `is malformed: ${z.prettifyError(parsed.error).split('\n').join(' ')}`,
    );
  }
  return parsed.data;
}

/** Published builds that have a manifest, newest first (build ids start with a UTC stamp). */
export async function listBuilds(dataDir: string): Promise<string[]> {
  const names = await readdir(buildsDir(dataDir)).catch(() => [] as string[]);
  return names
    .filter((n) => BUILD_ID.test(n) && !n.startsWith('.'))
    .filter((n) => existsSync(path.join(buildsDir(dataDir), n, FILES.manifest)))
    .sort()
    .reverse()
    .map((n) => path.join(buildsDir(dataDir), n));
}

/** Move a damaged build out of the way (kept for a post-mortem, never served). */
export async function setAside(buildDir: string): Promise<string> {
  const to = path.join(path.dirname(buildDir), `${CORRUPT_PREFIX}${path.basename(buildDir)}`);
  await rm(to, { recursive: true, force: true });
  await rename(buildDir, to);
  return to;
}

/** Remove half-written builds that a killed reindex left. Call only while holding the lock. */
export async function removeLeftovers(dataDir: string): Promise<string[]> {
  const names = await readdir(buildsDir(dataDir)).catch(() => [] as string[]);
  const leftovers = names.filter((n) => n.startsWith(TMP_PREFIX));
  for (const n of leftovers)
    await rm(path.join(buildsDir(dataDir), n), { recursive: true, force: true });
  return leftovers;
}

/**
 * Point data/current.json at a published build, then keep the `keep` newest builds
 * (the new one and those before it) and drop the rest. Call only while holding
 * the lock, so two builds never prune each other's.
 */
export async function switchCurrent(dataDir: string, buildId: string, keep = 2): Promise<void> {
  await writeFileAtomic(pointerFile(dataDir), JSON.stringify({ build: buildId }) + '\n');
  const builds = (await readdir(buildsDir(dataDir)))
    .filter((n) => !n.startsWith('.'))
    .sort()
    .reverse();
  const kept = new Set([buildId, ...builds.slice(0, Math.max(1, keep))]);
  for (const name of builds) {
    if (!kept.has(name))
      await rm(path.join(buildsDir(dataDir), name), { recursive: true, force: true });
  }
  const corrupt = (await readdir(buildsDir(dataDir)))
    .filter((n) => n.startsWith(CORRUPT_PREFIX))
    .sort()
    .reverse();
  for (const name of corrupt.slice(KEEP_CORRUPT)) {
    await rm(path.join(buildsDir(dataDir), name), { recursive: true, force: true });
  }
}

/**
 * A build's id, which sorts by when it was made: the newest builds are the ones kept.
 * Milliseconds are part of it, since a reindex of a small corpus takes less than a
 * second, and two builds in one second sorted by their random part.
 */
export function newBuildId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  return `${stamp}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
