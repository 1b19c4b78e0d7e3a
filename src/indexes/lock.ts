/**
 * One build at a time per DATA_DIR. Two reindexes that overlap would each publish
 * and prune, and one ordering leaves data/current.json naming a build the other
 * deleted. The lock is a file created exclusively, holding the owner's PID; a lock
 * whose process is gone (killed mid-build) is stale and is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ExpectedError } from '../errors.js';

const LockFile = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  since: z.string(),
});

export class LockBusyError extends ExpectedError {
  override name = 'LockBusyError';
  constructor(
    readonly pid: number,
    readonly since: string,
  ) {
    super(
      `Another reindex (PID ${pid}, since ${since}) is building the index. Wait for it, ` +
        'or remove data/reindex.lock if that process is gone.',
    );
  }
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'reindex.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's holder when it is held by a live process on this machine, else null. */
async function holder(file: string): Promise<z.infer<typeof LockFile> | null> {
  const raw = await readFile(file, 'utf8').catch(() => null);
  if (raw === null) return null;
  let parsed;
  try {
    parsed = LockFile.safeParse(JSON.parse(raw));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const h = parsed.data;
  // Another host's PID means nothing here; a shared DATA_DIR keeps its lock until it ends.
  if (h.host !== hostname()) return h;
  return alive(h.pid) ? h : null;
}

export interface BuildLock {
  release(): Promise<void>;
}

/** Take the lock, or throw LockBusyError naming the live holder. */
export async function acquireBuildLock(dataDir: string): Promise<BuildLock> {
  await mkdir(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const body = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(body);
      await handle.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const h = await holder(file);
      if (h) throw new LockBusyError(h.pid, h.since);
      // Stale: its process is gone. Remove it and try again (another taker may win; then we see it live).
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not take ${file}: it keeps reappearing.`);
}

/** Run `work` holding the build lock, released however `work` ends; LockBusyError when it is held. */
export async function withBuildLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lock = await acquireBuildLock(dataDir);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** Whether a live build holds the lock now. */
export async function buildRunning(dataDir: string): Promise<boolean> {
  return (await holder(lockFile(dataDir))) !== null;
}
