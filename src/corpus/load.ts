/**
 * Reading the corpus folder, one file at a time: a file that cannot be read as an
 * article is skipped with a reason (see files.ts) and the rest is indexed.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_LIMITS,
  describeSkip,
  checkEntry,
  decodeText,
  listNames,
  readEntry,
  type CorpusLimits,
  type SkippedFile,
} from './files.js';
import { ExpectedError } from '../errors.js';
import { CorpusFormatError, parseDocument } from './parse.js';
import type { Corpus, CorpusDocument } from './types.js';

/** Files that are articles. Other files in corpus/ (people.json, glossary.json) are curated data. */
export const ARTICLE_FILE = /\.(md|txt)$/i;
const IGNORED = /^(readme\.md|\.)/i;
const HASHED = /\.(md|txt|json)$/i;

export async function listArticleFiles(dir: string): Promise<string[]> {
  return (await corpusNames(dir)).filter((n) => ARTICLE_FILE.test(n) && !IGNORED.test(n));
}

async function corpusNames(dir: string): Promise<string[]> {
  try {
    return await listNames(dir);
  } catch (err) {
    throw new CorpusUnavailableError(
      `CORPUS_DIR (${dir}) cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
}

/**
 * sha256 over the names and bytes of the articles and of the curated JSON beside
 * them. Entries that are not readable files count by name and kind only, so a
 * FIFO is never opened and a symlink out of the folder is never read, yet adding
 * or fixing one still changes the hash.
 */
export async function hashCorpus(dir: string, limits: CorpusLimits = DEFAULT_LIMITS): Promise<string> {
  const names = (await corpusNames(dir)).filter((n) => !IGNORED.test(n) && HASHED.test(n));
  const h = createHash('sha256');
  for (const name of names) {
    h.update(name).update('\0');
    const entry = await checkEntry(dir, name, limits);
    if (!entry.ok) {
      h.update(`<${entry.marker}>`).update('\0');
      continue;
    }
    const read = await readEntry(dir, name, limits);
    h.update(read.ok ? read.bytes : '<unreadable>').update('\0');
  }
  return h.digest('hex');
}

/** Nothing in the corpus folder could be indexed: there is no build to publish. */
export class EmptyCorpusError extends ExpectedError {
  override name = 'EmptyCorpusError';
  constructor(
    dir: string,
    readonly skipped: SkippedFile[],
  ) {
    super(
      skipped.length === 0
        ? `No articles in ${dir} (CORPUS_DIR): add a .md or .txt file and run npm run reindex.`
        : `No usable articles in ${dir} (CORPUS_DIR); every article file was skipped:\n` +
            skipped.map((s) => `  ${describeSkip(s)}`).join('\n'),
    );
  }
}

/** The corpus folder cannot be read at all. */
export class CorpusUnavailableError extends ExpectedError {
  override name = 'CorpusUnavailableError';
}

function namedAfterId(doc: CorpusDocument): boolean {
  return doc.meta.file.replace(/\.(md|txt)$/i, '') === doc.meta.id;
}

/** One article file read and parsed, or the reason it was skipped. */
async function loadOne(
  dir: string,
  name: string,
  limits: CorpusLimits,
  budget: { left: number },
): Promise<{ doc: CorpusDocument } | { skip: SkippedFile }> {
  const entry = await checkEntry(dir, name, limits);
  if (!entry.ok) return { skip: entry.skip };
  if (entry.size > budget.left) {
    return {
      skip: {
        file: name,
        problem: `would take the corpus over its ${limits.maxTotalBytes}-byte limit (CORPUS_MAX_TOTAL_BYTES)`,
      },
    };
  }
  const read = await readEntry(dir, name, limits);
  if (!read.ok) return { skip: read.skip };
  budget.left -= read.bytes.length;
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) return { skip: { file: name, line: decoded.line, problem: decoded.problem } };
  try {
    const doc = parseDocument(name, decoded.text);
    if (doc.paragraphs.length === 0) {
      return { skip: { file: name, problem: 'has no paragraphs of text' } };
    }
    return { doc };
  } catch (err) {
    if (!(err instanceof CorpusFormatError)) throw err;
    return {
      skip: { file: name, ...(err.line !== undefined && { line: err.line }), problem: err.message },
    };
  }
}

/**
 * Every readable article in `dir`. Files are read one after another: a corpus of
 * thousands must not open thousands of files at once.
 */
export async function loadCorpus(dir: string, limits: CorpusLimits = DEFAULT_LIMITS): Promise<Corpus> {
  const loaded: CorpusDocument[] = [];
  const skipped: SkippedFile[] = [];
  const budget = { left: limits.maxTotalBytes };
  for (const name of await listArticleFiles(dir)) {
    const result = await loadOne(dir, name, limits, budget);
    if ('skip' in result) skipped.push(result.skip);
    else loaded.push(result.doc);
  }
  // Two files with one id: the file named after the id keeps it (a copy or a stray
  // draft must not push the real article out), else the first by name.
  const owner = new Map<string, CorpusDocument>();
  for (const doc of loaded) {
    const held = owner.get(doc.meta.id);
    if (!held || (!namedAfterId(held) && namedAfterId(doc))) owner.set(doc.meta.id, doc);
  }
  const documents: CorpusDocument[] = [];
  for (const doc of loaded) {
    const kept = owner.get(doc.meta.id)!;
    if (kept === doc) documents.push(doc);
    else {
      skipped.push({
        file: doc.meta.file,
        problem: `has the id "${doc.meta.id}", which ${kept.meta.file} also uses (ids must be unique)`,
      });
    }
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return { documents, skipped, hash: await hashCorpus(dir, limits) };
}
