/**
 * A large JSON array written a batch of elements at a time. `JSON.stringify` of the
 * whole array first makes one string of it, and then a buffer of its bytes: at ten
 * thousand articles the passages' text alone was 130 MB of file, a quarter of a
 * gigabyte of string and the buffer again, held at the build's peak. The bytes are
 * the same as `JSON.stringify(items)` writes (each element is stringified on its own,
 * as that does, and joined by commas).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Elements per write: large enough that writes are few, small enough to stay a few megabytes. */
const BATCH = 2000;

/**
 * Writes `prefix`, the JSON array of `items`, then `suffix` to `file` (created or
 * replaced), and gives the sha256 of what was written. With a prefix and suffix, an
 * object whose last value is a large array is written the same way.
 */
export async function writeJsonArray(
  file: string,
  items: readonly unknown[],
  { prefix = '', suffix = '' }: { prefix?: string; suffix?: string } = {},
): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  try {
    const put = async (text: string) => {
      const bytes = Buffer.from(text);
      hash.update(bytes);
      for (let at = 0; at < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, at);
        at += bytesWritten;
      }
    };
    let head = `${prefix}[`;
    for (let from = 0; from < items.length; from += BATCH) {
      const batch = items.slice(from, from + BATCH).map((item) => JSON.stringify(item));
      await put(head + batch.join(','));
      head = ',';
    }
    await put(`${items.length === 0 ? head : ''}]${suffix}`);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
