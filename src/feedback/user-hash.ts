/**
 * User ids are never stored: only a keyed hash of them (HMAC-SHA256), so the rows of one
 * user can be found and deleted, but a leaked database does not say who voted. The key
 * is FEEDBACK_SALT, or else a random one generated once and kept beside the database.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type UserHasher = (userId: string) => string;

export const SALT_FILE = 'feedback-salt';

export function userHasher(salt: string): UserHasher {
  return (userId) => createHmac('sha256', salt).update(userId).digest('hex');
}

/** The configured salt, or the one stored in dataDir (made on first use, readable by the owner only). */
export function feedbackSalt(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, SALT_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const salt = randomBytes(32).toString('hex');
  // "wx": two processes starting at once must not each write their own salt.
  try {
    writeFileSync(file, salt + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
  return salt;
}
