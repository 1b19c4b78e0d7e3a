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
import { isCount } from '../guards.js';
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
 * Some consecutive passages' share of an index (one article's, which the build
 * caches): each distinct term once, in the order first met, with its postings
 * counted from the first of these passages. Self-contained, so that a cached
 * segment means the same whatever else the corpus holds; its numbers are typed
 * arrays, read back as a few blocks of bytes.
 */
export interface Bm25Segment {
  /** The distinct terms, joined by U+0000. */
  terms: string;
  /** Each passage's length in tokens. */
  lengths: Uint32Array;
  /** Term i's postings are `passages`/`tfs` from `offsets[i]` to `offsets[i + 1]`. */
  offsets: Uint32Array;
  /** Passages, counted from the segment's first. */
  passages: Uint32Array;
  tfs: Uint32Array;
}

export function bm25Segment(passages: readonly (readonly string[])[]): Bm25Segment {
  const byTerm = new Map<string, number[]>();
  let total = 0;
  passages.forEach((terms, passage) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      let list = byTerm.get(term);
      if (!list) {
        if (term.includes(TERM_SEPARATOR))
          throw new RangeError(`a token holds U+0000: ${JSON.stringify(term)}`);
        byTerm.set(term, (list = []));
      }
      list.push(passage, n);
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
    terms: [...byTerm.keys()].join(TERM_SEPARATOR),
    lengths: Uint32Array.from(passages, (terms) => terms.length),
    offsets,
    passages: ids,
    tfs,
  };
}

/** The segment's terms, in its order. */
export function segmentTerms(segment: Bm25Segment): string[] {
  return segment.offsets.length === 1 ? [] : segment.terms.split(TERM_SEPARATOR);
}

/** Whether the segment's arrays agree with each other and with its terms. */
export function segmentFits(segment: Bm25Segment): boolean {
  const { offsets, passages, tfs, lengths } = segment;
  const count = offsets.length - 1;
  if (count < 0 || offsets[count] !== passages.length || tfs.length !== passages.length)
    return false;
  // One separator fewer than terms (none and no text for none).
  let separators = 0;
  for (
    let at = segment.terms.indexOf(TERM_SEPARATOR);
    at >= 0;
    at = segment.terms.indexOf(TERM_SEPARATOR, at + 1)
  )
    separators++;
  if (count === 0 ? segment.terms !== '' : separators !== count - 1) return false;
  for (let i = 0; i < count; i++) if (offsets[i]! > offsets[i + 1]!) return false;
  for (let j = 0; j < passages.length; j++) if (passages[j]! >= lengths.length) return false;
  return true;
}

/**
 * Builds an index an article's segment at a time, in passage order. Each segment's
 * terms are numbered as it comes (the strings are not kept), and its arrays held
 * until `finish`, which counts each term's postings and then fills the index's
 * arrays in one pass.
 */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * The segments until `finish`, as compact as they go: their terms as numbers (at
   * ten thousand articles the terms' text was 300 MB), and passage numbers and term
   * counts in 16 bits where they fit (30 million postings there).
   */
  private readonly segments: {
    termIds: Uint32Array;
    lengths: Uint32Array;
    offsets: Uint32Array;
    passages: Uint16Array | Uint32Array;
    tfs: Uint16Array;
  }[] = [];
  private passageCount = 0;

  add(terms: readonly string[]): void {
    this.addSegment(bm25Segment([terms]));
  }

  /** The segment's passages, as the next ids. */
  addSegment(segment: Bm25Segment): void {
    if (!segmentFits(segment)) throw new RangeError('a keyword segment does not fit itself');
    const terms = segmentTerms(segment);
    const termIds = new Uint32Array(terms.length);
    terms.forEach((term, i) => {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.push(term) - 1;
        this.ids.set(term, id);
      }
      termIds[i] = id;
    });
    const { lengths, offsets, passages, tfs } = segment;
    const counts = new Uint16Array(tfs.length);
    for (let i = 0; i < terms.length; i++)
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) counts[j] = checkedTf(tfs[j]!, terms[i]!);
    this.segments.push({
      termIds,
      lengths,
      offsets,
      passages: lengths.length <= 0x10000 ? Uint16Array.from(passages) : passages,
      tfs: counts,
    });
    this.passageCount += lengths.length;
  }

  finish(params: Bm25Params, tokenizer: TokenizerOptions): Bm25Index {
    const { terms } = this;
    const counts = new Uint32Array(terms.length);
    for (const { termIds, offsets } of this.segments) {
      for (let i = 0; i < termIds.length; i++) {
        const t = termIds[i]!;
        counts[t] = counts[t]! + offsets[i + 1]! - offsets[i]!;
      }
    }
    // Terms in code-unit order: an order that depends on nothing but the terms, so an
    // index patched after one article changed (`Bm25Index.patch`) comes out the same,
    // byte for byte, as one built from every article.
    const order = Array.from(terms.keys()).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    const termOffsets = new Uint32Array(order.length + 1);
    const cursor = new Uint32Array(terms.length);
    let total = 0;
    order.forEach((t, k) => {
      termOffsets[k] = total;
      cursor[t] = total;
      total += counts[t]!;
    });
    termOffsets[order.length] = total;
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    const lengths = new Uint32Array(this.passageCount);
    let base = 0;
    for (const segment of this.segments) {
      const { termIds, offsets, passages } = segment;
      for (let i = 0; i < termIds.length; i++) {
        const t = termIds[i]!;
        let at = cursor[t]!;
        for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
          docs[at] = base + passages[j]!;
          tfs[at++] = segment.tfs[j]!;
        }
        cursor[t] = at;
      }
      lengths.set(segment.lengths, base);
      base += segment.lengths.length;
    }
    return new Bm25Index(
      params,
      tokenizer,
      lengths,
      order.map((t) => terms[t]!),
      termOffsets,
      docs,
      tfs,
    );
  }
}

function checkedTf(tf: number, term: string): number {
  if (tf > MAX_TF) throw new RangeError(`a passage repeats "${term}" ${tf} times`);
  return tf;
}

/** The first position in `sorted` (code-unit order) whose term is not below `term`. */
function lowerBound(sorted: readonly string[], term: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One run of passages of a patched index (see `Bm25Index.patch`), in the new index's
 * order: passages `from` to `to` of the old index, kept as they were, or an
 * article's segment.
 */
export type Bm25Part = { kept: { from: number; to: number } } | { segment: Bm25Segment };

export class Bm25Index {
  private readonly avgLength: number;
  /** Term → its position in `offsets`; made on first use (a build only writes the index). */
  private termMap: Map<string, number> | undefined;
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
    const { k1, b } = params;
    this.k1Norm = new Float64Array(lengths.length);
    this.scores = new Float64Array(lengths.length);
    for (let id = 0; id < lengths.length; id++) {
      const norm = 1 - b + (b * lengths[id]!) / this.avgLength;
      this.k1Norm[id] = k1 * norm;
    }
  }

  private get termIds(): Map<string, number> {
    return (this.termMap ??= new Map(this.terms.map((t, i) => [t, i])));
  }

  /**
   * The index `parts` make, taking kept passages' postings from this one instead of
   * from every article's segment again: one pass over this index's arrays, which a
   * reindex after one article changed reads as a single file. Kept runs must come in
   * this index's order. Gives what `Bm25Builder` gives for the same passages, byte for
   * byte, provided this index's terms are in code-unit order, as every index
   * `Bm25Builder` and this method make has them (older builds' did not: the build
   * cache keys the kept index by the program, so it never patches one of those).
   */
  patch(parts: readonly Bm25Part[]): Bm25Index {
    const old = this.lengths.length;
    // Old passage → new one, or -1 for a passage no longer kept.
    const moved = new Int32Array(old).fill(-1);
    const lengths: Uint32Array[] = [];
    // Postings of the segments, by term, as (new passage, count) pairs.
    const fresh = new Map<string, number[]>();
    let next = 0;
    let lastKept = 0;
    for (const part of parts) {
      if ('kept' in part) {
        const { from, to } = part.kept;
        if (from < lastKept || to < from || to > old)
          throw new Bm25DataError('kept passages are out of order or out of range');
        for (let id = from; id < to; id++) moved[id] = next + id - from;
        lengths.push(this.lengths.subarray(from, to));
        lastKept = to;
        next += to - from;
        continue;
      }
      const { segment } = part;
      if (!segmentFits(segment)) throw new RangeError('a keyword segment does not fit itself');
      const { offsets, passages, tfs } = segment;
      segmentTerms(segment).forEach((term, i) => {
        let list = fresh.get(term);
        if (!list) fresh.set(term, (list = []));
        for (let j = offsets[i]!; j < offsets[i + 1]!; j++)
          list.push(next + passages[j]!, checkedTf(tfs[j]!, term));
      });
      lengths.push(segment.lengths);
      next += segment.lengths.length;
    }
    const freshTerms = [...fresh.keys()].sort();
    // Where each segment term goes among this index's terms.
    const freshAt = freshTerms.map((term) => lowerBound(this.terms, term));
    let freshPostings = 0;
    for (const list of fresh.values()) freshPostings += list.length / 2;

    const docs = new Uint32Array(this.docs.length + freshPostings);
    const counts = new Uint16Array(docs.length);
    const terms: string[] = [];
    const offsets = new Uint32Array(this.terms.length + freshTerms.length + 1);
    const { docs: oldDocs, tfs: oldTfs, offsets: oldOffsets, terms: oldTerms } = this;
    // Positions pass through `merge`'s argument and result, not a variable it shares
    // with this function: that one was written once per posting, millions of times.
    let at = 0;
    // Term t's kept postings (none for t = -1) merged by passage with `list`'s pairs.
    const merge = (from: number, term: string, t: number, list: readonly number[]): number => {
      let to = from;
      let j = 0;
      const end = t < 0 ? 0 : oldOffsets[t + 1]!;
      for (let i = t < 0 ? 0 : oldOffsets[t]!; i < end; i++) {
        const id = moved[oldDocs[i]!]!;
        if (id < 0) continue;
        for (; j < list.length && list[j]! < id; j += 2) {
          docs[to] = list[j]!;
          counts[to++] = list[j + 1]!;
        }
        docs[to] = id;
        counts[to++] = oldTfs[i]!;
      }
      for (; j < list.length; j += 2) {
        docs[to] = list[j]!;
        counts[to++] = list[j + 1]!;
      }
      if (to > from) offsets[terms.push(term) - 1] = from;
      return to;
    };
    const none: readonly number[] = [];
    let k = 0;
    for (let t = 0; t < oldTerms.length; t++) {
      // Segment terms this index lacks, sorted in before term t.
      for (; k < freshTerms.length && freshAt[k] === t && freshTerms[k] !== oldTerms[t]; k++)
        at = merge(at, freshTerms[k]!, -1, fresh.get(freshTerms[k]!)!);
      const held = k < freshTerms.length && freshAt[k] === t;
      at = merge(at, oldTerms[t]!, t, held ? fresh.get(freshTerms[k++]!)! : none);
    }
    for (; k < freshTerms.length; k++)
      at = merge(at, freshTerms[k]!, -1, fresh.get(freshTerms[k]!)!);
    offsets[terms.length] = at;

    const allLengths = new Uint32Array(next);
    let base = 0;
    for (const l of lengths) {
      allLengths.set(l, base);
      base += l.length;
    }
    // Views, not copies: at ten thousand articles a copy was 160 MB more at the
    // reindex's peak, to save the few postings of the passages taken out.
    return new Bm25Index(
      this.params,
      this.tokenizer,
      allLengths,
      terms,
      offsets.subarray(0, terms.length + 1),
      docs.subarray(0, at),
      counts.subarray(0, at),
    );
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
    return Buffer.concat(this.serializedParts());
  }

  /**
   * The bytes of `serialize`, in parts that view this index's arrays instead of
   * copying them: the build writes them one after another rather than making one
   * buffer as large as the index at its peak.
   */
  serializedParts(): Uint8Array[] {
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
    return parts;
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
    if (!counts.every(isCount)) throw new Bm25DataError('keyword index header has bad counts');
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

/** Whether a passage's (score, id) ranks before `b`: by score, descending, then by id, ascending. */
function ranksBefore(score: number, id: number, b: ScoredId): boolean {
  return score > b.score || (score === b.score && id < b.id);
}

function before(a: ScoredId, b: ScoredId): boolean {
  return ranksBefore(a.score, a.id, b);
}
/** The best `limit` of the scores offered: a heap whose root is the worst one kept. */
class BestScores {
  private readonly heap: ScoredId[] = [];

  constructor(private readonly limit: number) {}

  offer(id: number, score: number): void {
    const heap = this.heap;
    if (this.limit === Infinity) {
      heap.push({ id, score });
    } else if (heap.length < this.limit) {
      heap.push({ id, score });
      this.up(heap.length - 1);
    } else if (heap.length > 0 && ranksBefore(score, id, heap[0]!)) {
      // Most passages a common word scores do not make the cut; deciding before making
      // the object keeps a question at ten thousand articles from allocating megabytes.
      heap[0] = { id, score };
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
