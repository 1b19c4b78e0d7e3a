/**
 * The last build's keyword index, kept in the build cache so that a reindex after a
 * few articles changed patches it (`Bm25Index.patch`): the kept articles' postings
 * come from one file read whole, instead of every article's segment being read and
 * the postings assembled again. What the patch gives is what assembling gives, byte
 * for byte; whenever the kept index cannot be used, the build assembles as before.
 *
 *   data/cache/keywords-base.bin          the last build's bm25.bin (a hard link)
 *   data/cache/shared-keywords-base.v8    its checksum, and its articles' cache keys
 *                                         and passage counts, in order
 */
import type { CorpusDocument } from '../corpus/types.js';
import type { TokenizerOptions } from '../text/tokenize.js';
import { Bm25Index, type Bm25Part, type Bm25Segment } from './bm25.js';
import { isStringArray } from '../guards.js';
import { settingsKey, type BuildCache } from './build-cache.js';
import type { PassageSpan } from './cached-steps.js';
import { sha256 } from './checksum.js';

const NAME = 'keywords-base';

/**
 * A patch reads the whole kept index, so it pays only while most passages are kept;
 * below this share of them, the segments are assembled instead.
 */
const KEPT_SHARE = 0.5;

interface KeywordBaseBody {
  sha256: string;
  /** The cache key of each article of the kept index, in its order. */
  docs: string[];
  /** How many passages each of those articles has. */
  passages: number[];
}

const isBody = (v: unknown): v is KeywordBaseBody => {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return (
    typeof b.sha256 === 'string' &&
    isStringArray(b.docs) &&
    Array.isArray(b.passages) &&
    b.passages.length === b.docs.length &&
    b.passages.every((n) => Number.isInteger(n) && n >= 0)
  );
};

/** Keyed by the tokens' key: other tokens make another index, never a patched one. */
const baseKey = (tokenKey: string): string => settingsKey(NAME, tokenKey);

/** What a patch keeps and what it needs segments for. */
export interface KeywordPatchPlan {
  base: Bm25Index;
  /** One per article, in corpus order: a kept run of the base, or null for an article to add. */
  runs: ({ from: number; to: number } | null)[];
}

/**
 * How to patch the kept index into this build's, or undefined when there is none to
 * patch (a full build, another tokenizer, a damaged file) or too little of it is kept.
 * An article is kept when the base holds it (same cache key, same passage count) in
 * the same order relative to the others kept.
 */
export function keywordPatchPlan(
  cache: BuildCache,
  tokenKey: string,
  tokenizer: TokenizerOptions,
  documents: readonly CorpusDocument[],
  spans: ReadonlyMap<CorpusDocument, PassageSpan>,
): KeywordPatchPlan | undefined {
  const body = cache.readShared(NAME, baseKey(tokenKey), isBody);
  if (!body) return undefined;
  const where = new Map<string, number>();
  const starts: number[] = [];
  let total = 0;
  body.docs.forEach((key, i) => {
    where.set(key, i);
    starts.push(total);
    total += body.passages[i]!;
  });
  let next = 0;
  let kept = 0;
  let passages = 0;
  const runs = documents.map((doc) => {
    const { from, to } = spans.get(doc)!;
    passages += to - from;
    const i = where.get(cache.keyOf(doc));
    if (i === undefined || i < next || body.passages[i] !== to - from) return null;
    next = i + 1;
    kept += to - from;
    return { from: starts[i]!, to: starts[i]! + (to - from) };
  });
  if (kept < passages * KEPT_SHARE) return undefined;
  const bytes = cache.keptFile(NAME);
  let base: Bm25Index | undefined;
  if (bytes && sha256(bytes) === body.sha256) {
    try {
      base = Bm25Index.deserialize(bytes, { tokenizer });
    } catch {
      base = undefined;
    }
  }
  if (!base || base.size !== total) {
    cache.note('damaged', NAME);
    return undefined;
  }
  cache.note('reused', NAME);
  return { base, runs };
}

/** The build's keyword index from the plan and a segment for each article added. */
export function patchKeywords(
  plan: KeywordPatchPlan,
  added: (index: number) => Bm25Segment,
): Bm25Index {
  return plan.base.patch(
    plan.runs.map((run, i): Bm25Part => (run ? { kept: run } : { segment: added(i) })),
  );
}

/** Keep the published build's keyword index for the next build to patch. */
export function keepKeywordBase(
  cache: BuildCache,
  tokenKey: string,
  file: string,
  checksum: string,
  documents: readonly CorpusDocument[],
  spans: ReadonlyMap<CorpusDocument, PassageSpan>,
): void {
  cache.keepFile(NAME, file);
  cache.putShared(NAME, baseKey(tokenKey), {
    sha256: checksum,
    docs: documents.map((d) => cache.keyOf(d)),
    passages: documents.map((d) => spans.get(d)!.to - spans.get(d)!.from),
  } satisfies KeywordBaseBody);
}
