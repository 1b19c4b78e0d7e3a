/**
 * Parsed articles kept between builds, found by a hash of the file's name and bytes:
 * a reindex parses only the files that changed. Parsing every file again (front
 * matter through the YAML parser, then blocks and masthead) was a tenth of a reindex
 * after one article changed in a thousand. Each article's cache key, a hash of the
 * parsed document, is kept beside it for the same reason.
 *
 * What is kept is what `parseDocument` made of those bytes under this code (the
 * memo's key is a `settingsKey`), so a reused document is the one parsing would give.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ParseArticle, ParseOutcome } from '../corpus/load.js';
import type { CorpusDocument, MastheadLine, Paragraph, SkippedFile } from '../corpus/types.js';
import { documentKey, settingsKey, type BuildCache } from './build-cache.js';

/** A parsed file as kept: the document with its cache key, or why the file was skipped. */
type Kept = { doc: CorpusDocument; key: string } | { skip: SkippedFile };

export interface ArticleMemo {
  /** For `loadCorpus`. */
  parse: ParseArticle;
  /** The cache key of each document `parse` gave (see `BuildCache.track`). */
  keys: Map<CorpusDocument, string>;
  /** Keep the files parsed this time (and only those) for the next build. */
  keep: () => void;
}

export function articleMemo(cache: BuildCache): ArticleMemo {
  // Each file's outcome is kept serialized on its own, so that keeping the memo after
  // one file changed copies bytes instead of serializing every article again.
  const memo = cache.memo('articles', settingsKey('articles'), isBytes, () => {
    throw new Error('An article is parsed from its bytes (see `get`)');
  });
  const keys = new Map<CorpusDocument, string>();
  const parse: ParseArticle = (name, bytes, parseNow) => {
    const id = createHash('sha256').update(name).update('\0').update(bytes).digest('hex');
    let fresh: Kept | undefined;
    const packed = memo.get(id, () => serialize((fresh = kept(parseNow()))));
    let outcome = fresh ?? unpacked(packed);
    if (!outcome) {
      // The cache's checksum passed, so this is a bug or an old layout: parse, and say so.
      cache.note('damaged', 'articles');
      outcome = kept(parseNow());
    }
    if ('skip' in outcome) return outcome;
    keys.set(outcome.doc, outcome.key);
    return { doc: outcome.doc };
  };
  return { parse, keys, keep: memo.keep };
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** A parse's outcome as kept: a document with its cache key, or the skip as it was. */
function kept(out: ParseOutcome): Kept {
  return 'doc' in out ? { doc: out.doc, key: documentKey(out.doc) } : out;
}

function unpacked(bytes: Uint8Array): Kept | undefined {
  try {
    const v: unknown = deserialize(bytes);
    return isKept(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isRange = (v: Record<string, unknown>): boolean =>
  typeof v.start === 'number' && typeof v.end === 'number';

function isParagraph(v: unknown): v is Paragraph {
  return (
    isObject(v) &&
    typeof v.doc === 'string' &&
    typeof v.n === 'number' &&
    (v.kind === 'paragraph' || v.kind === 'caption') &&
    (v.section === null || typeof v.section === 'string') &&
    typeof v.text === 'string' &&
    isRange(v)
  );
}

function isMastheadLine(v: unknown): v is MastheadLine {
  return (
    isObject(v) &&
    (v.role === 'dateline' || v.role === 'byline' || v.role === 'notice') &&
    typeof v.text === 'string' &&
    isRange(v)
  );
}

function isDocument(v: unknown): v is CorpusDocument {
  if (!isObject(v) || !isObject(v.meta)) return false;
  const m = v.meta;
  return (
    typeof m.id === 'string' &&
    typeof m.title === 'string' &&
    typeof m.language === 'string' &&
    typeof m.file === 'string' &&
    ['titleNote', 'source', 'author', 'published', 'url', 'copyright'].every((k) =>
      isOptionalString(m[k]),
    ) &&
    Array.isArray(v.paragraphs) &&
    v.paragraphs.every(isParagraph) &&
    Array.isArray(v.sections) &&
    v.sections.every((s) => typeof s === 'string') &&
    Array.isArray(v.masthead) &&
    v.masthead.every(isMastheadLine)
  );
}

function isKept(v: unknown): v is Kept {
  if (!isObject(v)) return false;
  if ('skip' in v) {
    const s = v.skip;
    return (
      isObject(s) &&
      typeof s.file === 'string' &&
      typeof s.problem === 'string' &&
      (s.line === undefined || typeof s.line === 'number')
    );
  }
  return typeof v.key === 'string' && /^[0-9a-f]{64}$/.test(v.key) && isDocument(v.doc);
}
