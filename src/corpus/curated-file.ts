/**
 * Curated JSON files beside the articles (people.json, glossary.json) are optional:
 * a corpus without one simply has none. A file that exists must be valid JSON.
 */
import { readFile } from 'node:fs/promises';

/** The parsed file, or undefined when it does not exist. `fail` makes the caller's error type. */
export async function readOptionalJson(file: string, fail: (message: string) => Error): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw fail(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
