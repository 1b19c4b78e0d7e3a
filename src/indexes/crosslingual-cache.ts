/**
 * What the build cache keeps for the English→Chinese table: each article's share of
 * the corpus view, the shares counted (so a reindex patches the counts with the
 * articles that changed instead of reading every share), and the last table.
 */
import type { Corpus, CorpusDocument } from '../corpus/types.js';
import { ShareCounts, ShareCountsMismatch, type Share } from '../lexicon/corpus-shares.js';
import { countShares, type CrossLingualInput } from '../lexicon/crosslingual-build.js';
import { jiebaExtraWords } from '../text/jieba.js';
import { sha256 } from './checksum.js';
import { isStringArray } from '../guards.js';
import { settingsKey, type BuildCache } from './build-cache.js';
import { isTextsView } from './cached-steps.js';
import { TEXT_FORM } from './tokenizer-options.js';

type Hooks = Required<
  Pick<CrossLingualInput, 'viewOf' | 'extraShareOf' | 'givenNamesOf' | 'countsFor' | 'tableFor'>
>;

/** The counts as kept: of the shares of these articles, by document key, in corpus order. */
interface KeptCounts {
  docs: string[];
  counts: unknown;
}

/** Counts read back by the guard, so that checking them once is enough. */
const readCounts = new WeakMap<object, ShareCounts>();

function isKeptCounts(v: unknown): v is KeptCounts {
  if (typeof v !== 'object' || v === null || !isStringArray((v as Partial<KeptCounts>).docs))
    return false;
  const counts = ShareCounts.fromState((v as Partial<KeptCounts>).counts);
  if (counts) readCounts.set(v, counts);
  return counts !== null;
}

const isShare = (v: unknown): v is Share =>
  typeof v === 'object' &&
  v !== null &&
  isTextsView((v as Partial<Share>).view) &&
  isStringArray((v as Partial<Share>).givenNames);

/** Enough to tell a kept table's JSON from something else; the cache's checksum vouches for the rest. */
const isTableJson = (v: unknown): v is string =>
  typeof v === 'string' && v.startsWith('{"version":') && v.endsWith('}');

/**
 * The table's hooks into the cache for `corpus`. Shares are keyed by the dictionary,
 * the text form and jieba's words (which shape an article's view), and given names
 * by the names looked for.
 */
export function crossLingualCache(cache: BuildCache, corpus: Corpus, dictionaryKey: string): Hooks {
  const viewKey = settingsKey('crosslingual-view', TEXT_FORM, dictionaryKey, jiebaExtraWords());
  const givenKeys = new Map<readonly string[], string>();
  const givenKey = (givenNames: readonly string[]): string => {
    let key = givenKeys.get(givenNames);
    if (key === undefined) {
      key = settingsKey('given-names', TEXT_FORM, givenNames);
      givenKeys.set(givenNames, key);
    }
    return key;
  };

  /**
   * The kept counts with the shares of articles gone or changed since taken out (their
   * sections stay until the build prunes them) and those new or changed put in; null
   * when an old share is missing or the counts do not add up.
   */
  const patched = (
    kept: KeptCounts,
    givenNames: readonly string[],
    shareOf: (doc: CorpusDocument) => Share,
  ): ShareCounts | null => {
    const counts = readCounts.get(kept) ?? ShareCounts.fromState(kept.counts)!;
    const now = new Set(corpus.documents.map((d) => cache.keyOf(d)));
    const before = new Set(kept.docs);
    try {
      for (const key of before) {
        if (now.has(key)) continue;
        const entry = cache.ofKey(key);
        const view = entry.read('crosslingual', viewKey, isTextsView);
        const given = entry.read('given-names', givenKey(givenNames), isStringArray);
        if (!view || !given) return null;
        counts.add({ view, givenNames: given }, -1);
      }
      for (const doc of corpus.documents)
        if (!before.has(cache.keyOf(doc))) counts.add(shareOf(doc), 1);
    } catch (err) {
      if (err instanceof ShareCountsMismatch) return null;
      throw err;
    }
    return counts;
  };

  return {
    viewOf: (doc, compute) => cache.of(doc).reuse('crosslingual', viewKey, isTextsView, compute),
    extraShareOf: (texts, givenNames, compute) =>
      cache.shared(
        'crosslingual-extra',
        settingsKey(
          'crosslingual-extra',
          viewKey,
          givenKey(givenNames),
          sha256(JSON.stringify(texts)),
        ),
        isShare,
        compute,
      ),
    givenNamesOf: (doc, givenNames, compute) =>
      cache.of(doc).reuse('given-names', givenKey(givenNames), isStringArray, compute),
    countsFor: (givenNames, shareOf) => {
      const key = settingsKey('crosslingual-counts', viewKey, givenKey(givenNames));
      const kept = cache.peekShared('crosslingual-counts', key, isKeptCounts);
      const counts =
        (kept && patched(kept, givenNames, shareOf)) ?? countShares(corpus.documents, shareOf);
      const docs = corpus.documents.map((d) => cache.keyOf(d));
      // Kept now, before the build adds what is not any one article's.
      cache.putShared('crosslingual-counts', key, { docs, counts: counts.toState() });
      return counts;
    },
    tableFor: (inputs, compute) =>
      cache.shared(
        'crosslingual-table',
        settingsKey('crosslingual-table', TEXT_FORM, dictionaryKey, sha256(inputs)),
        isTableJson,
        compute,
      ),
  };
}
