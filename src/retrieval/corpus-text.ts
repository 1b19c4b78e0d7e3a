/**
 * "Does the corpus say X, and in how many passages?" without reading the corpus. Coverage
 * asks this of every word of every question; a scan of the joined text cost a few ms at
 * a hundred articles and grew with every article added. A Han string is looked up
 * through the keyword index's bigram postings instead: only the passages that hold its
 * rarest bigram can hold it, and only those are read. Answers are exactly what
 * `String.prototype.includes` over the passages would give.
 */
import type { Bm25Index } from '../indexes/bm25.js';
import { HAN_RUNS, hasHan } from '../text/han.js';
import { indexedBigram } from '../text/tokenize.js';

/** Anything text can be looked for in: a string, or the whole corpus. */
export interface Haystack {
  includes(needle: string): boolean;
}

/** Distinct strings remembered; questions come from users, so the memory is bounded. */
const CACHE_LIMIT = 20_000;
/** Stands for a Han run in the Latin-only view: no needle without Han can cross it. */
const HAN_RUN_MARK = '\u0001';

export class CorpusText implements Haystack {
  private readonly ids = new Map<string, number[]>();
  /**
   * Each passage with its Han runs cut out, for needles without Han: a tenth of the size.
   * Made on the first such needle, not at start-up.
   */
  private latinOnly: string[] | null = null;

  /**
   * `texts[i]` is passage i in normal form; `bm25`, when given, is a keyword index with
   * Han bigrams built from texts that hold these (without one, passages are read).
   */
  constructor(
    private readonly texts: readonly string[],
    private readonly bm25: Pick<Bm25Index, 'df' | 'passagesWith'> | null,
  ) {}

  /** Whether any passage holds `needle`. */
  includes(needle: string): boolean {
    return this.passagesHolding(needle).length > 0;
  }

  /** How many passages hold `needle`. */
  count(needle: string): number {
    return this.passagesHolding(needle).length;
  }

  /** The ids of the passages that hold `needle`, ascending. */
  passagesHolding(needle: string): readonly number[] {
    const known = this.ids.get(needle);
    if (known) return known;
    const found = this.find(needle);
    if (this.ids.size >= CACHE_LIMIT) this.ids.clear();
    this.ids.set(needle, found);
    return found;
  }

  private find(needle: string): number[] {
    if (needle.length === 0) return this.texts.map((_, i) => i);
    const candidates = this.candidates(needle);
    if (candidates) {
      const found: number[] = [];
      for (const i of candidates) if (this.texts[i]!.includes(needle)) found.push(i);
      return found;
    }
    const view = hasHan(needle)
      ? this.texts
      : (this.latinOnly ??= this.texts.map((t) => t.replace(HAN_RUNS, HAN_RUN_MARK)));
    const found: number[] = [];
    for (let i = 0; i < view.length; i++) if (view[i]!.includes(needle)) found.push(i);
    return found;
  }

  /**
   * The passages holding the needle's rarest indexed bigram: a superset of those holding
   * the needle, since a bigram inside a Han run of the needle lies inside a Han run of
   * any text that holds it. Null when the needle has no such bigram.
   */
  private candidates(needle: string): (ArrayLike<number> & Iterable<number>) | null {
    if (!this.bm25) return null;
    let rarest: string | null = null;
    let rarestDf = Infinity;
    for (const [run] of needle.matchAll(HAN_RUNS)) {
      for (let i = 0; i + 1 < run.length; i++) {
        const a = run[i]!;
        const b = run[i + 1]!;
        if (!indexedBigram(a, b)) continue;
        const df = this.bm25.df(a + b);
        if (df < rarestDf) {
          rarest = a + b;
          rarestDf = df;
        }
        if (df === 0) return [];
      }
    }
    return rarest === null ? null : this.bm25.passagesWith(rarest);
  }
}
