/**
 * Okapi BM25 over pre-tokenized passages.
 *
 * Written here rather than taken from a library because retrieval needs two things
 * search libraries rarely expose together: per-term query weights (English terms
 * expanded into Chinese carry the confidence of their translation, names' role
 * lines weigh less than what was typed) and a serialized form we control. The
 * serialized form carries its format version, parameters and tokenizer options, and
 * `deserialize` refuses any mismatch.
 *
 * Postings live in typed arrays (passage ids, term counts, one offset per term), not
 * an array per term: at ten thousand articles the per-term arrays took about a
 * gigabyte of heap, and the same postings take a quarter of that here and load as
 * views of the file's bytes instead of being parsed from JSON.
 */
import { endianness } from 'node:os';
import { sameTokenizer, type TokenizerOptions } from '../text/tokenize.js';

/** 2: binary postings (bm25.bin) instead of JSON. */
export const BM25_FORMAT_VERSION = 2;

const MAGIC = 'BM25';
/** Terms are stored joined by this; tokens never hold it (checked when writing). */
const TERM_SEPARATOR = '\u0000';
/** A term count per posting; a passage repeating one term more often than this is refused. */
const MAX_TF = 0xffff;

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

/** What the serialized form says about itself, before its arrays. */
interface Bm25Header {
  format: 'bm25';
  version: number;
  /** Typed arrays are written in the writer's byte order. */
  endianness: 'LE' | 'BE';
  params: Bm25Params;
  tokenizer: TokenizerOptions;
  passages: number;
  terms: number;
  postings: number;
  termBytes: number;
}

/** A keyword index of another format, version, byte order or tokenizer: rebuild, not repair. */
export class Bm25FormatError extends Error {
  override name = 'Bm25FormatError';
}

/** A keyword index of the right format whose contents do not hold together. */
export class Bm25DataError extends Error {
  override name = 'Bm25DataError';
}

/**
 * Builds an index one passage at a time, in id order, so that a build never holds
 * every passage's tokens at once (at ten thousand articles they took gigabytes).
 */
export class Bm25Builder {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  add(terms: readonly string[]): void {
    const id = this.lengths.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(id, n);
    }
    this.lengths.push(terms.length);
  }

  finish(params: Bm25Params, tokenizer: TokenizerOptions): Bm25Index {
    let total = 0;
    for (const list of this.postings.values()) total += list.length / 2;
    const terms: string[] = [];
    const offsets = new Uint32Array(this.postings.size + 1);
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    let at = 0;
    for (const [term, list] of this.postings) {
      offsets[terms.length] = at;
      terms.push(term);
      for (let i = 0; i < list.length; i += 2) {
        const tf = list[i + 1]!;
        if (tf > MAX_TF) throw new RangeError(`a passage repeats "${term}" ${tf} times`);
        docs[at] = list[i]!;
        tfs[at++] = tf;
      }
    }
    offsets[terms.length] = at;
    return new Bm25Index(
      params,
      tokenizer,
      Uint32Array.from(this.lengths),
      terms,
      offsets,
      docs,
      tfs,
    );
  }
}

export class Bm25Index {
  private readonly avgLength: number;
  /** Term → its position in `offsets`. */
  private readonly termIds: Map<string, number>;
  /**
   * k1 times each passage's length normalisation, computed once as `search` used to per
   * posting, so scores come out the same to the bit.
   */
  private readonly k1Norm: Float64Array;
  /**
   * Score accumulators, one per passage, reused by every search (searches are
   * synchronous). A fresh array per search was megabytes of memory outside the heap
   * per question at ten thousand articles, and V8 answers that much with a full
   * collection of the whole heap every few dozen questions.
   */
  private readonly scores: Float64Array;

  /** Postings of term t are `docs`/`tfs` from `offsets[t]` to `offsets[t + 1]`, ids ascending. */
  constructor(
    readonly params: Bm25Params,
    readonly tokenizer: TokenizerOptions,
    private readonly lengths: Uint32Array,
    private readonly terms: readonly string[],
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    private readonly tfs: Uint16Array,
  ) {
    let sum = 0;
    for (let i = 0; i < lengths.length; i++) sum += lengths[i]!;
    this.avgLength = sum / Math.max(1, lengths.length);
    this.termIds = new Map(terms.map((t, i) => [t, i]));
    const { k1, b } = params;
    this.k1Norm = new Float64Array(lengths.length);
    this.scores = new Float64Array(lengths.length);
    for (let id = 0; id < lengths.length; id++) {
      const norm = 1 - b + (b * lengths[id]!) / this.avgLength;
      this.k1Norm[id] = k1 * norm;
    }
  }

  static build(docs: string[][], params: Bm25Params, tokenizer: TokenizerOptions): Bm25Index {
    const builder = new Bm25Builder();
    for (const terms of docs) builder.add(terms);
    return builder.finish(params, tokenizer);
  }

  get size(): number {
    return this.lengths.length;
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /** Number of passages holding the term. */
  df(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  /** The passages holding the term, by id, ascending: a view of the index, not to be written. */
  passagesWith(term: string): Uint32Array {
    const t = this.termIds.get(term);
    return t === undefined
      ? new Uint32Array(0)
      : this.docs.subarray(this.offsets[t], this.offsets[t + 1]);
  }

  /** BM25 idf (the +1 form, never negative). A term absent from the corpus gets the rarest value. */
  idf(term: string): number {
    return bm25Idf(this.size, this.df(term));
  }

  /** The terms, of those given, that passage `id` contains. */
  termsIn(id: number, terms: Iterable<string>): string[] {
    const out: string[] = [];
    for (const term of new Set(terms)) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      // Postings are in id order.
      let lo = this.offsets[t]!;
      let hi = this.offsets[t + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = this.docs[mid]!;
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
    const { k1 } = this.params;
    const k1Plus1 = k1 + 1;
    const { docs, tfs, k1Norm, scores } = this;
    scores.fill(0);
    // Repeated query terms add their weights rather than being scored twice.
    const merged = new Map<string, number>();
    for (const q of query) merged.set(q.term, (merged.get(q.term) ?? 0) + q.weight);
    for (const [term, weight] of merged) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const from = this.offsets[t]!;
      const to = this.offsets[t + 1]!;
      // weight * idf * x, grouped as JavaScript evaluates it, so scores match to the bit.
      const factor = weight * bm25Idf(this.size, to - from);
      for (let i = from; i < to; i++) {
        const id = docs[i]!;
        const tf = tfs[i]!;
        scores[id]! += factor * ((tf * k1Plus1) / (tf + k1Norm[id]!));
      }
    }
    const { limit = Infinity, within } = options;
    const best = new BestScores(limit);
    for (let id = 0; id < scores.length; id++) {
      const score = scores[id]!;
      if (score > 0 && (!within || within.has(id))) best.offer(id, score);
    }
    return best.sorted();
  }

  /**
   * The bytes of bm25.bin: "BM25", the header's length and the header as JSON, then
   * the terms and the arrays, each starting on a multiple of 4 bytes so that loading
   * can view them in place.
   */
  serialize(): Uint8Array {
    const joined = this.terms.join(TERM_SEPARATOR);
    if (this.terms.some((t) => t.includes(TERM_SEPARATOR)))
      throw new RangeError('a term holds the separator of the serialized form');
    const termBytes = Buffer.from(joined, 'utf8');
    const header: Bm25Header = {
      format: 'bm25',
      version: BM25_FORMAT_VERSION,
      endianness: endianness(),
      params: this.params,
      tokenizer: this.tokenizer,
      passages: this.lengths.length,
      terms: this.terms.length,
      postings: this.docs.length,
      termBytes: termBytes.length,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const parts: Uint8Array[] = [];
    let size = 0;
    const put = (bytes: Uint8Array) => {
      parts.push(bytes);
      size += bytes.length;
      const pad = (4 - (size % 4)) % 4;
      if (pad > 0) {
        parts.push(new Uint8Array(pad));
        size += pad;
      }
    };
    const prefix = Buffer.alloc(8);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(headerBytes.length, 4);
    parts.push(prefix);
    size += prefix.length;
    put(headerBytes);
    put(termBytes);
    for (const a of [this.lengths, this.offsets, this.docs, this.tfs])
      put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    return Buffer.concat(parts, size);
  }

  /** An index from `serialize`'s bytes; the arrays are views of `bytes` where aligned. */
  static deserialize(bytes: Uint8Array, expected: { tokenizer: TokenizerOptions }): Bm25Index {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC)
      throw new Bm25FormatError('keyword index is not in the bm25 binary format');
    const headerLength = buf.readUInt32LE(4);
    let header: Bm25Header;
    try {
      header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as Bm25Header;
    } catch {
      throw new Bm25DataError('keyword index has an unreadable header');
    }
    if (header.format !== 'bm25' || header.version !== BM25_FORMAT_VERSION) {
      throw new Bm25FormatError(
        `keyword index format ${String(header.format)} v${String(header.version)} is not bm25 v${BM25_FORMAT_VERSION}`,
      );
    }
    if (header.endianness !== endianness())
      throw new Bm25FormatError(
        `keyword index was written ${header.endianness}, not ${endianness()}`,
      );
    if (!sameTokenizer(header.tokenizer, expected.tokenizer)) {
      throw new Bm25FormatError(
        `keyword index was built with tokenizer ${JSON.stringify(header.tokenizer)}, ` +
          `but ${JSON.stringify(expected.tokenizer)} is configured`,
      );
    }
    const counts = [header.passages, header.terms, header.postings, header.termBytes];
    if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0))
      throw new Bm25DataError('keyword index header has bad counts');
    let at = align(8 + headerLength);
    const take = (length: number): Buffer => {
      if (at + length > buf.length) throw new Bm25DataError('keyword index is truncated');
      const part = buf.subarray(at, at + length);
      at = align(at + length);
      return part;
    };
    const termText = take(header.termBytes).toString('utf8');
    const terms = header.terms === 0 ? [] : termText.split(TERM_SEPARATOR);
    const lengths = view(take(header.passages * 4), Uint32Array);
    const offsets = view(take((header.terms + 1) * 4), Uint32Array);
    const docs = view(take(header.postings * 4), Uint32Array);
    const tfs = view(take(header.postings * 2), Uint16Array);
    if (terms.length !== header.terms || offsets[header.terms] !== header.postings)
      throw new Bm25DataError('keyword index terms and postings disagree');
    for (let t = 0; t < header.terms; t++)
      if (offsets[t]! > offsets[t + 1]!)
        throw new Bm25DataError('keyword index offsets are not ascending');
    for (let i = 0; i < docs.length; i++)
      if (docs[i]! >= header.passages)
        throw new Bm25DataError('keyword index names a passage it does not have');
    return new Bm25Index(header.params, header.tokenizer, lengths, terms, offsets, docs, tfs);
  }
}

function align(n: number): number {
  return (n + 3) & ~3;
}

/** A typed view of `bytes`, copied only when they do not start on a multiple of the element size. */
function view<T extends Uint32Array | Uint16Array>(
  bytes: Uint8Array,
  Type: {
    new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
    new (length: number): T;
    BYTES_PER_ELEMENT: number;
  },
): T {
  const n = bytes.byteLength / Type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 && bytes.buffer instanceof ArrayBuffer)
    return new Type(bytes.buffer, bytes.byteOffset, n);
  const copy = new Type(n);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
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
