/**
 * Okapi BM25 over pre-tokenized passages.
 *
 * Written here rather than taken from a library because retrieval needs two things
 * search libraries rarely expose together: per-term query weights (English terms
 * expanded into Chinese carry the confidence of their translation, names' role
 * lines weigh less than what was typed) and a serialized form we control. The serialized form carries its format version, parameters and
 * tokenizer options, and `fromJSON` refuses any mismatch.
 */
import { sameTokenizer, type TokenizerOptions } from '../text/tokenize.js';

export const BM25_FORMAT_VERSION = 1;

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.6 };

/**
 * BM25's idf in its +1 form, never negative, for a term in `df` of `n` documents.
 * Coverage weighs question units with the same formula, so the two agree on rarity.
 */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface ScoredId {
  id: number;
  score: number;
}

export interface Bm25Json {
  format: 'bm25';
  version: number;
  params: Bm25Params;
  tokenizer: TokenizerOptions;
  lengths: number[];
  /** term → flat [docId, tf, docId, tf, …] */
  postings: Record<string, number[]>;
}

export class Bm25FormatError extends Error {
  override name = 'Bm25FormatError';
}

/**
 * Some consecutive passages' share of an index (one article's, which the build
 * caches): each distinct term once, in the order first met, with its postings
 * counted from the first of these passages. Typed arrays and one string, so that a
 * cached segment is read back as a few blocks of bytes rather than as thousands of
 * small arrays, and added to an index without counting terms again.
 */
export interface Bm25Segment {
  /** Each passage's length in tokens. */
  lengths: Uint32Array;
  /** The terms, joined by TERM_SEPARATOR. */
  terms: string;
  /** Term i's postings are `passages`/`tfs` from `offsets[i]` to `offsets[i + 1]`. */
  offsets: Uint32Array;
  /** Passages, counted from the segment's first. */
  passages: Uint32Array;
  tfs: Uint32Array;
}

/** Never part of a token (tokens are words, bigrams and Latin terms). */
const TERM_SEPARATOR = '\u0000';

export function bm25Segment(passages: readonly (readonly string[])[]): Bm25Segment {
  const byTerm = new Map<string, number[]>();
  let total = 0;
  passages.forEach((terms, id) => {
    const tf = new Map<string, number>();
    for (const t of terms) {
      if (t.includes(TERM_SEPARATOR))
        throw new RangeError(`a token holds U+0000: ${JSON.stringify(t)}`);
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    for (const [t, n] of tf) {
      let list = byTerm.get(t);
      if (!list) byTerm.set(t, (list = []));
      list.push(id, n);
      total++;
    }
  });
  const offsets = new Uint32Array(byTerm.size + 1);
  const ids = new Uint32Array(total);
  const tfs = new Uint32Array(total);
  let term = 0;
  let at = 0;
  for (const list of byTerm.values()) {
    offsets[term++] = at;
    for (let j = 0; j < list.length; j += 2) {
      ids[at] = list[j]!;
      tfs[at++] = list[j + 1]!;
    }
  }
  offsets[term] = at;
  return {
    lengths: Uint32Array.from(passages, (terms) => terms.length),
    terms: [...byTerm.keys()].join(TERM_SEPARATOR),
    offsets,
    passages: ids,
    tfs,
  };
}

/** The terms of a segment, as `bm25Segment` met them. */
export function segmentTerms(segment: Bm25Segment): string[] {
  const terms = segment.offsets.length > 1 ? segment.terms.split(TERM_SEPARATOR) : [];
  if (terms.length !== segment.offsets.length - 1) {
    throw new RangeError(
      `a keyword segment has ${terms.length} terms for ${segment.offsets.length - 1} postings lists`,
    );
  }
  return terms;
}

/**
 * Builds an index a few passages at a time, in id order, so that a build never
 * holds every passage's tokens at once (at ten thousand articles they took gigabytes).
 */
export class Bm25Builder {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  add(terms: readonly string[]): void {
    this.addSegment(bm25Segment([terms]));
  }

  /** The segment's passages, as the next ids. */
  addSegment(segment: Bm25Segment): void {
    const base = this.lengths.length;
    const { offsets, passages, tfs } = segment;
    segmentTerms(segment).forEach((t, i) => {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) list.push(base + passages[j]!, tfs[j]!);
    });
    for (const n of segment.lengths) this.lengths.push(n);
  }

  finish(params: Bm25Params, tokenizer: TokenizerOptions): Bm25Index {
    return Bm25Index.fromPostings(params, tokenizer, this.lengths, this.postings);
  }
}

export class Bm25Index {
  private readonly avgLength: number;

  private constructor(
    readonly params: Bm25Params,
    readonly tokenizer: TokenizerOptions,
    private readonly lengths: number[],
    private readonly postings: Map<string, number[]>,
  ) {
    this.avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  }

  static build(docs: string[][], params: Bm25Params, tokenizer: TokenizerOptions): Bm25Index {
    const builder = new Bm25Builder();
    for (const terms of docs) builder.add(terms);
    return builder.finish(params, tokenizer);
  }

  /** For `Bm25Builder`. */
  static fromPostings(
    params: Bm25Params,
    tokenizer: TokenizerOptions,
    lengths: number[],
    postings: Map<string, number[]>,
  ): Bm25Index {
    return new Bm25Index(params, tokenizer, lengths, postings);
  }

  get size(): number {
    return this.lengths.length;
  }

  get vocabularySize(): number {
    return this.postings.size;
  }

  /** Number of passages holding the term. */
  df(term: string): number {
    return (this.postings.get(term)?.length ?? 0) / 2;
  }

  /** The passages holding the term, by id, ascending: its postings without the counts. */
  passagesWith(term: string): number[] {
    const list = this.postings.get(term);
    if (!list) return [];
    const ids: number[] = new Array<number>(list.length / 2);
    for (let i = 0; i < ids.length; i++) ids[i] = list[2 * i]!;
    return ids;
  }

  /** BM25 idf (the +1 form, never negative). A term absent from the corpus gets the rarest value. */
  idf(term: string): number {
    return bm25Idf(this.size, this.df(term));
  }

  /** The terms, of those given, that passage `id` contains. */
  termsIn(id: number, terms: Iterable<string>): string[] {
    const out: string[] = [];
    for (const term of new Set(terms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      // Postings are in id order: binary search over the [id, tf] pairs.
      let lo = 0;
      let hi = list.length / 2 - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = list[mid * 2]!;
        if (at === id) {
          out.push(term);
          break;
        }
        if (at < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return out;
  }

  /**
   * Passages with a positive score, best first (ties by id): all of them, or the best
   * `limit` of those `within` a set. Keeping only the best is what keeps a query cheap
   * as the corpus grows: a common word scores most passages, and sorting them all cost
   * more than scoring them.
   */
  search(
    query: WeightedTerm[],
    options: { limit?: number; within?: ReadonlySet<number> } = {},
  ): ScoredId[] {
    const { k1, b } = this.params;
    const scores = new Float64Array(this.size);
    // Repeated query terms add their weights rather than being scored twice.
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, (merged.get(q.term) ?? 0) + q.weight);
    for (const [term, weight] of merged) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (let i = 0; i < list.length; i += 2) {
        const id = list[i]!;
        const tf = list[i + 1]!;
        const norm = 1 - b + (b * this.lengths[id]!) / this.avgLength;
        scores[id]! += weight * idf * ((tf * (k1 + 1)) / (tf + k1 * norm));
      }
    }
    const { limit = Infinity, within } = options;
    const best = new BestScores(limit);
    scores.forEach((score, id) => {
      if (score > 0 && (!within || within.has(id))) best.offer(id, score);
    });
    return best.sorted();
  }

  toJSON(): Bm25Json {
    return {
      format: 'bm25',
      version: BM25_FORMAT_VERSION,
      params: this.params,
      tokenizer: this.tokenizer,
      lengths: this.lengths,
      postings: Object.fromEntries(this.postings),
    };
  }

  static fromJSON(json: Bm25Json, expected: { tokenizer: TokenizerOptions }): Bm25Index {
    if (json.format !== 'bm25' || json.version !== BM25_FORMAT_VERSION) {
      throw new Bm25FormatError(
        `keyword index format ${String(json.format)} v${String(json.version)} is not bm25 v${BM25_FORMAT_VERSION}`,
      );
    }
    if (!sameTokenizer(json.tokenizer, expected.tokenizer)) {
      throw new Bm25FormatError(
        `keyword index was built with tokenizer ${JSON.stringify(json.tokenizer)}, ` +
          `but ${JSON.stringify(expected.tokenizer)} is configured`,
      );
    }
    return new Bm25Index(
      json.params,
      json.tokenizer,
      json.lengths,
      new Map(Object.entries(json.postings)),
    );
  }
}

/** Ranks first by score, descending, then by id, ascending. */
function before(a: ScoredId, b: ScoredId): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

/** The best `limit` of the scores offered: a heap whose root is the worst one kept. */
class BestScores {
  private readonly heap: ScoredId[] = [];

  constructor(private readonly limit: number) {}

  offer(id: number, score: number): void {
    const item = { id, score };
    const heap = this.heap;
    if (this.limit === Infinity) {
      heap.push(item);
    } else if (heap.length < this.limit) {
      heap.push(item);
      this.up(heap.length - 1);
    } else if (heap.length > 0 && before(item, heap[0]!)) {
      heap[0] = item;
      this.down(0);
    }
  }

  sorted(): ScoredId[] {
    return this.heap.sort((x, y) => y.score - x.score || x.id - y.id);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && before(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  }
}
