/**
 * Large index files written a part at a time. `JSON.stringify` of a whole array first
 * makes one string of it, and then a buffer of its bytes: at ten thousand articles the
 * passages' text alone was 130 MB of file, a quarter of a gigabyte of string and the
 * buffer again, held at the build's peak; the keyword index was one 200 MB buffer of
 * its arrays. Here a JSON array is written a batch of elements at a time, the same
 * bytes as `JSON.stringify(items)` (each element is stringified on its own, as that
 * does, and joined by commas), and binary parts one after another.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Elements per write: large enough that writes are few, small enough to stay a few megabytes. */
const BATCH = 2000;

/**
 * Small parts are gathered into writes of about this many bytes: a write each was
 * 2,000 writes for normal.json at a thousand articles. A part this large or larger is
 * written as it is, never copied: the keyword index's arrays are hundreds of megabytes
 * at ten thousand articles.
 */
const WRITE_BYTES = 1 << 20;

/**
 * Writes `parts` to `file` (created or replaced), one after another, and gives their
 * sha256. A part must not change once handed over: small ones are written later, together.
 */
export async function writeParts(file: string, parts: Iterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  const write = async (bytes: Uint8Array): Promise<void> => {
    hash.update(bytes);
    for (let at = 0; at < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, at);
      at += bytesWritten;
    }
  };
  let gathered: Uint8Array[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const bytes = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, size);
    gathered = [];
    size = 0;
    await write(bytes);
  };
  try {
    for (const bytes of parts) {
      if (bytes.length >= WRITE_BYTES) {
        await flush();
        await write(bytes);
        continue;
      }
      gathered.push(bytes);
      size += bytes.length;
      if (size >= WRITE_BYTES) await flush();
    }
    await flush();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * Writes the JSON array of `items` to `file` (created or replaced), and gives the
 * sha256 of what was written. With `within`, the file is instead the JSON of
 * `{ ...object, [key]: items }`: an object whose last value is the large array.
 */
export async function writeJsonArray(
  file: string,
  items: readonly unknown[],
  within?: { object: object; key: string },
): Promise<string> {
  const open = within ? JSON.stringify(within.object).slice(0, -1) : '';
  const prefix = within ? `${open}${open === '{' ? '' : ','}${JSON.stringify(within.key)}:` : '';
  const suffix = within ? '}' : '';
  // Made a batch at a time as the writer asks for the next.
  function* batches(): Generator<Uint8Array> {
    let head = `${prefix}[`;
    for (let from = 0; from < items.length; from += BATCH) {
      const batch = items.slice(from, from + BATCH).map((item) => JSON.stringify(item));
      yield Buffer.from(head + batch.join(','));
      head = ',';
    }
    yield Buffer.from(`${items.length === 0 ? head : ''}]${suffix}`);
  }
  return writeParts(file, batches());
}
