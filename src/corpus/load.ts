import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CorpusFormatError, parseDocument } from './parse.js';
import type { Corpus } from './types.js';

/** Files that are articles. Other files in corpus/ (people.json, glossary.json) are curated data. */
export const ARTICLE_FILE = /\.(md|txt)$/i;
const IGNORED = /^(readme\.md|\.)/i;

export async function listArticleFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => ARTICLE_FILE.test(n) && !IGNORED.test(n)).sort();
}

/** sha256 over names and bytes of the articles and of the curated JSON beside them. */
export async function hashCorpus(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => !IGNORED.test(n) && /\.(md|txt|json)$/i.test(n)).sort();
  const h = createHash('sha256');
  for (const name of names) {
    h.update(name).update('\0').update(await readFile(path.join(dir, name))).update('\0');
  }
  return h.digest('hex');
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const files = await listArticleFiles(dir);
  const documents = await Promise.all(
    files.map(async (file) => parseDocument(file, await readFile(path.join(dir, file), 'utf8'))),
  );
  const seen = new Set<string>();
  for (const d of documents) {
    if (seen.has(d.meta.id)) throw new CorpusFormatError(`two articles share the id "${d.meta.id}"`);
    seen.add(d.meta.id);
  }
  return { documents, hash: await hashCorpus(dir) };
}
