/**
 * Where index builds live and how they are published and found.
 *
 *   data/current.json        → { "build": "<id>" }, replaced atomically
 *   data/builds/<id>/        → manifest.json, passages.json, bm25.json, people.json,
 *                              crosslingual.json, summary.json, vectors.hnsw (hybrid only)
 *
 * A build is written to a temporary folder and renamed into builds/, then the
 * pointer is swapped. A reader that resolved the old pointer keeps a complete old
 * build; the previous build is kept so such a reader never loses files mid-load.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic.js';
import {
  INDEX_SCHEMA_VERSION,
  IndexMismatchError,
  ManifestSchema,
  type Manifest,
} from './manifest.js';

export const FILES = {
  manifest: 'manifest.json',
  passages: 'passages.json',
  bm25: 'bm25.json',
  people: 'people.json',
  crosslingual: 'crosslingual.json',
  summary: 'summary.json',
  vectors: 'vectors.hnsw',
} as const;

const Pointer = z.object({ build: z.string().regex(/^[\w.-]+$/) });

export function buildsDir(dataDir: string): string {
  return path.join(dataDir, 'builds');
}

export function pointerFile(dataDir: string): string {
  return path.join(dataDir, 'current.json');
}

/** The folder of the current build, or null when nothing was ever built. */
export async function currentBuildDir(dataDir: string): Promise<string | null> {
  const file = pointerFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = Pointer.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) return null;
  const dir = path.join(buildsDir(dataDir), parsed.data.build);
  return existsSync(path.join(dir, FILES.manifest)) ? dir : null;
}

export async function readManifest(buildDir: string): Promise<Manifest> {
  const raw: unknown = JSON.parse(await readFile(path.join(buildDir, FILES.manifest), 'utf8'));
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== INDEX_SCHEMA_VERSION) {
    throw new IndexMismatchError(
      `The index in ${buildDir} has schema version ${String(version)}, but this version of the bot ` +
        `reads version ${INDEX_SCHEMA_VERSION}. Run \`npm run reindex\` to rebuild it.`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new IndexMismatchError(
      `The index manifest in ${buildDir} is malformed or incomplete:\n${z.prettifyError(parsed.error)}\n` +
        'Run `npm run reindex` to rebuild it.',
    );
  }
  return parsed.data;
}

/** Point data/current.json at a published build, then drop builds older than the previous one. */
export async function switchCurrent(dataDir: string, buildId: string): Promise<void> {
  const previous = await currentBuildDir(dataDir);
  await writeFileAtomic(pointerFile(dataDir), JSON.stringify({ build: buildId }) + '\n');
  const keep = new Set([buildId, previous ? path.basename(previous) : '']);
  for (const name of await readdir(buildsDir(dataDir))) {
    if (!keep.has(name) && !name.startsWith('.tmp-')) {
      await rm(path.join(buildsDir(dataDir), name), { recursive: true, force: true });
    }
  }
}

export function newBuildId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
