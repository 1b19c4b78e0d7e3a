/** sha256 in hex: how a build vouches for its files and passages (see Manifest.checksums). */
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
