/**
 * Curated JSON files beside the articles (people.json, glossary.json) are optional:
 * a corpus without one simply has none. A file that exists is read with the same
 * care as an article (files.ts) and must be valid JSON.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LIMITS, checkEntry, decodeText, readEntry } from './files.js';

/** The parsed file, or undefined when it does not exist. `fail` makes the caller's error type. */
export async function readOptionalJson(
  file: string,
  fail: (message: string) => Error,
): Promise<unknown> {
  if (!(await lstat(file).catch(() => null))) return undefined;
  const dir = path.dirname(file);
  const name = path.basename(file);
  const entry = checkEntry(dir, name, DEFAULT_LIMITS);
  if (!entry.ok) throw fail(`${file} ${entry.skip.problem}`);
  const read = readEntry(dir, name, DEFAULT_LIMITS);
  if (!read.ok) throw fail(`${file} ${read.skip.problem}`);
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) throw fail(`${file}:${decoded.line} ${decoded.problem}`);
  try {
    return JSON.parse(decoded.text) as unknown;
  } catch (err) {
    throw fail(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
