/**
 * Reading the corpus folder, one file at a time: a file that cannot be read as an
 * article is skipped with a reason (see files.ts) and the rest is indexed.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  DEFAULT_LIMITS,
  describeSkip,
  checkEntry,
  decodeText,
  listNames,
  readEntry,
  type CorpusLimits,
  type EntryCheck,
  type ReadResult,
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

/** One corpus entry, checked and (when it may be) read once, for both the hash and the parse. */
interface CorpusEntry {
  name: string;
  check: EntryCheck;
  /** Null when the check refused the entry: it is never opened. */
  read: ReadResult | null;
}

function corpusEntry(dir: string, name: string, limits: CorpusLimits): CorpusEntry {
  const check = checkEntry(dir, name, limits);
  return { name, check, read: check.ok ? readEntry(dir, name, limits) : null };
}

/**
 * The hashed entries of `dir` in name order, each read when it is reached (with
 * synchronous calls, see `checkEntry`), so one file is open at a time.
 */
async function* corpusEntries(dir: string, limits: CorpusLimits): AsyncGenerator<CorpusEntry> {
  const names = (await corpusNames(dir)).filter((n) => !IGNORED.test(n) && HASHED.test(n));
  for (const name of names) yield corpusEntry(dir, name, limits);
}

/**
 * sha256 over the names and bytes of the articles and of the curated JSON beside
 * them. Entries that are not readable files count by name and kind only, so a
 * FIFO is never opened and a symlink out of the folder is never read, yet adding
 * or fixing one still changes the hash.
 */
function hashEntry(h: Hash, e: CorpusEntry): void {
  h.update(e.name).update('\0');
  if (!e.check.ok) h.update(`<${e.check.marker}>`);
  else h.update(e.read?.ok ? e.read.bytes : '<unreadable>');
  h.update('\0');
}

export async function hashCorpus(dir: string, limits: CorpusLimits = DEFAULT_LIMITS): Promise<string> {
  const h = createHash('sha256');
  for await (const e of corpusEntries(dir, limits)) hashEntry(h, e);
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

/** What one article file became: a document, or the reason it was skipped. */
export type ParseOutcome = { doc: CorpusDocument } | { skip: SkippedFile };

/**
 * How an article file's bytes become a document: `parse()` by default. An index
 * build answers from its cache when the same name and bytes were parsed before.
 */
export type ParseArticle = (name: string, bytes: Uint8Array, parse: () => ParseOutcome) => ParseOutcome;

export interface LoadOptions {
  parse?: ParseArticle;
}

/** An article file's bytes as text, parsed; or the reason it cannot be. */
function parseBytes(name: string, bytes: Uint8Array): ParseOutcome {
  const decoded = decodeText(bytes);
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

/** One article file, already checked and read, parsed; or the reason it was skipped. */
function parseEntry(
  e: CorpusEntry,
  limits: CorpusLimits,
  budget: { left: number },
  parse: ParseArticle,
): ParseOutcome {
  const { name, check, read } = e;
  if (!check.ok) return { skip: check.skip };
  if (check.size > budget.left) {
    return {
      skip: {
        file: name,
        problem: `would take the corpus over its ${limits.maxTotalBytes}-byte limit (CORPUS_MAX_TOTAL_BYTES)`,
      },
    };
  }
  if (!read?.ok) return { skip: read?.skip ?? { file: name, problem: 'cannot be read' } };
  budget.left -= read.bytes.length;
  const { bytes } = read;
  return parse(name, bytes, () => parseBytes(name, bytes));
}

/**
 * Every readable article in `dir`. Files are read one after another: a corpus of
 * thousands must not open thousands of files at once.
 */
export async function loadCorpus(
  dir: string,
  limits: CorpusLimits = DEFAULT_LIMITS,
  options: LoadOptions = {},
): Promise<Corpus> {
  const parse = options.parse ?? ((_name, _bytes, parseNow) => parseNow());
  const loaded: CorpusDocument[] = [];
  const skipped: SkippedFile[] = [];
  const budget = { left: limits.maxTotalBytes };
  // One pass reads each file once: its bytes go into the corpus hash and, for an
  // article, into the parser.
  const h = createHash('sha256');
  for await (const e of corpusEntries(dir, limits)) {
    hashEntry(h, e);
    if (!ARTICLE_FILE.test(e.name)) continue;
    const result = parseEntry(e, limits, budget, parse);
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
  return { documents, skipped, hash: h.digest('hex') };
}
