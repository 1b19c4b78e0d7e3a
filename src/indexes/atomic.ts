/**
 * Atomic file-system publishing. Readers must never see half an index: files are
 * written into a private temporary path and renamed into place, and rename(2) is
 * atomic within one file system.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Let `write` fill a private sibling of `file`, then rename it into place. */
export async function writeAtomicWith(
  file: string,
  write: (tmpFile: string) => Promise<void>,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeAtomicWith(file, (tmp) => writeFile(tmp, data));
}

/** Fill a temporary sibling folder, then rename it to `dir` (which must not exist yet). */
export async function publishDirectory(
  dir: string,
  fill: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const tmp = path.join(
    path.dirname(dir),
    `.tmp-${path.basename(dir)}-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
