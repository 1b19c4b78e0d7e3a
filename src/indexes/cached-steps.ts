/**
 * The build's per-article steps, each through the build cache: splitting into
 * passages, summaries, passage vectors and where people's mentions sit among the
 * passages, and the shapes of the other kept parts. What they produce is exactly what
 * the uncached steps produce; only passage numbers are stored relative to the article.
 */
import {
  chunkDocument,
  embeddingText,
  type ChunkOptions,
  type PassageDraft,
} from '../corpus/chunk.js';
import type { CorpusDocument, Passage } from '../corpus/types.js';
import type { Embedder } from '../embedding/types.js';
import type { TextsView } from '../lexicon/corpus-shares.js';
import { isStringArray } from '../guards.js';
import type { Bm25Segment } from './bm25.js';
import type { DocumentNames } from '../people/detect.js';
import {
  MENTION_FIELDS,
  mentionAt,
  mentionCount,
  type DocumentMentions,
} from '../people/mentions.js';
import { passagePlacer, type MentionPlacer } from './people-file.js';
import { settingsKey, stableKey, type BuildCache } from './build-cache.js';
import { sha256 } from './checksum.js';
import { searchableText } from '../lexicon/field-words.js';
import { normalize } from '../text/normalize.js';
import { TEXT_FORM } from './tokenizer-options.js';
import type { DocumentSummary, SummarySentence } from './summary.js';

/** Where an article's passages sit in the build's passage list: [from, to). */
export interface PassageSpan {
  from: number;
  to: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * An article's passages as the cache keeps them: the bytes passages.json and
 * normal.json hold for them, and the sha256 of each passage's text, which the
 * manifest lists. A reindex copies an unchanged article's bytes into those files:
 * making every passage's object again and writing it out as JSON was a fifth of a
 * reindex after one article of a thousand changed. The objects are parsed from the
 * bytes only when something needs them (an article whose people or summary must
 * be worked out again).
 */
interface KeptSplit {
  /** Each passage's JSON without its id and opening brace (`"doc":…}`), one after another. */
  json: Uint8Array;
  /** Where each passage's JSON ends in `json`. */
  ends: Uint32Array;
  /** The passages' searchable texts in normal form, as JSON strings joined by commas. */
  normal: Uint8Array;
  sums: string[];
}

const isKeptSplit = (v: unknown): v is KeptSplit =>
  isObject(v) &&
  v.json instanceof Uint8Array &&
  v.ends instanceof Uint32Array &&
  v.normal instanceof Uint8Array &&
  isStringArray(v.sums) &&
  v.sums.length === v.ends.length &&
  (v.ends.length === 0 ? v.json.length === 0 : v.ends[v.ends.length - 1] === v.json.length) &&
  (v.ends.length === 0) === (v.normal.length === 0);

/** One article's passages in this build: derived now (objects), or the cache's bytes. */
type ArticleSplit =
  | { drafts: PassageDraft[]; normal: string[]; kept?: undefined }
  | { kept: KeptSplit; drafts?: undefined; normal?: undefined };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A passage's JSON without `{`: what follows `{"id":n,` in passages.json. */
const draftJson = (draft: PassageDraft): string => JSON.stringify(draft).slice(1);

/** What the cache keeps of an article's passages. TextEncoder gives each its own buffer, which V8 serializes whole. */
function keptSplit(drafts: PassageDraft[], normal: string[], sums: string[]): KeptSplit {
  const parts = drafts.map(draftJson);
  const ends = new Uint32Array(parts.length);
  const json = encoder.encode(parts.join(''));
  let at = 0;
  parts.forEach((part, i) => (ends[i] = at += Buffer.byteLength(part)));
  return {
    json,
    ends,
    normal: encoder.encode(normal.map((t) => JSON.stringify(t)).join(',')),
    sums,
  };
}

/**
 * The corpus split into passages. Articles split in this build hold their passage
 * objects; the others, the bytes the cache kept, parsed only when asked for.
 */
export class SplitCorpus {
  private readonly parsed = new Map<CorpusDocument, { passages: Passage[]; normal: string[] }>();

  constructor(
    /** The key of the settings the articles were split under (chunking, text form). */
    readonly key: string,
    private readonly articles: ReadonlyMap<CorpusDocument, ArticleSplit>,
    /** Where each article's passages sit, in corpus order. */
    readonly spans: ReadonlyMap<CorpusDocument, PassageSpan>,
    /** sha256 of each passage's text (Manifest.checksums.passages). */
    readonly checksums: string[],
  ) {}

  /** How many passages the corpus has. */
  get count(): number {
    return this.checksums.length;
  }

  /** `doc`'s passages, numbered in the build's list. */
  passagesOf(doc: CorpusDocument): Passage[] {
    return this.objects(doc).passages;
  }

  /** Each of `doc`'s passages' searchable text (with its field words) in normal form: what retrieval reads. */
  normalOf(doc: CorpusDocument): string[] {
    return this.objects(doc).normal;
  }

  /** Every passage, in order. */
  allPassages(): Passage[] {
    return [...this.spans.keys()].flatMap((doc) => this.passagesOf(doc));
  }

  private objects(doc: CorpusDocument): { passages: Passage[]; normal: string[] } {
    let made = this.parsed.get(doc);
    if (made) return made;
    const article = this.articles.get(doc);
    const span = this.spans.get(doc);
    if (!article || !span) throw new Error(`${doc.meta.file} is not in this split`);
    let drafts: PassageDraft[];
    let normal: string[];
    if (article.kept) {
      const { json, ends } = article.kept;
      const parts: string[] = [];
      for (let i = 0, from = 0; i < ends.length; from = ends[i++]!)
        parts.push(`{${decoder.decode(json.subarray(from, ends[i]))}`);
      drafts = JSON.parse(`[${parts.join(',')}]`) as PassageDraft[];
      normal = JSON.parse(`[${decoder.decode(article.kept.normal)}]`) as string[];
    } else {
      ({ drafts, normal } = article);
    }
    made = { passages: drafts.map((d, i) => ({ id: span.from + i, ...d })), normal };
    this.parsed.set(doc, made);
    return made;
  }

  /**
   * passages.json: the bytes of `JSON.stringify(this.allPassages())`, in small parts
   * (`writeParts` gathers them): a kept passage is its id and the cache's bytes.
   */
  *passagesJson(): Generator<Uint8Array> {
    yield Buffer.from('[');
    let id = 0;
    const head = () => `${id === 0 ? '' : ','}{"id":${id++},`;
    for (const article of this.articles.values()) {
      if (article.drafts) {
        for (const draft of article.drafts) yield Buffer.from(head() + draftJson(draft));
        continue;
      }
      const { json, ends } = article.kept;
      for (let i = 0, from = 0; i < ends.length; from = ends[i++]!) {
        yield Buffer.from(head(), 'latin1');
        yield json.subarray(from, ends[i]);
      }
    }
    yield Buffer.from(']');
  }

  /** normal.json: the bytes of `JSON.stringify` of every passage's normal text, in parts. */
  *normalJson(): Generator<Uint8Array> {
    yield Buffer.from('[');
    let first = true;
    for (const [, article] of this.articles) {
      const bytes = article.kept
        ? article.kept.normal
        : Buffer.from(article.normal.map((t) => JSON.stringify(t)).join(','));
      if (bytes.length === 0) continue;
      if (!first) yield Buffer.from(',');
      first = false;
      yield bytes;
    }
    yield Buffer.from(']');
  }
}

function splitArticle(
  doc: CorpusDocument,
  chunking: ChunkOptions,
): { drafts: PassageDraft[]; normal: string[]; sums: string[] } {
  const drafts = chunkDocument(doc, chunking);
  return {
    drafts,
    normal: drafts.map((d) => normalize(searchableText(d))),
    sums: drafts.map((d) => sha256(d.text)),
  };
}

export function passagesOf(
  documents: readonly CorpusDocument[],
  chunking: ChunkOptions,
  cache: BuildCache,
): SplitCorpus {
  const key = settingsKey('passages', chunking, TEXT_FORM);
  const articles = new Map<CorpusDocument, ArticleSplit>();
  const spans = new Map<CorpusDocument, PassageSpan>();
  const checksums: string[] = [];
  for (const doc of documents) {
    const from = checksums.length;
    const entry = cache.of(doc);
    const kept = entry.peek('passages', key, isKeptSplit);
    if (kept) {
      articles.set(doc, { kept });
      checksums.push(...kept.sums);
    } else {
      const { drafts, normal, sums } = splitArticle(doc, chunking);
      entry.put('passages', key, keptSplit(drafts, normal, sums));
      articles.set(doc, { drafts, normal });
      checksums.push(...sums);
    }
    spans.set(doc, { from, to: checksums.length });
  }
  return new SplitCorpus(key, articles, spans, checksums);
}

/**
 * What the model embeds for `doc`'s passages: made only when embedding, as a keyword-only
 * build has no use for a second copy of every passage.
 */
export function passageEmbedTexts(split: SplitCorpus, doc: CorpusDocument): string[] {
  return split.passagesOf(doc).map((p) => embeddingText(p, doc.meta));
}

function isSentences(v: unknown): v is SummarySentence[] {
  return (
    Array.isArray(v) &&
    v.every((x) => isObject(x) && typeof x.passage === 'number' && typeof x.start === 'number')
  );
}

export function isSummaryOrNull(v: unknown): v is DocumentSummary | null {
  return (
    v === null ||
    (isObject(v) && typeof v.doc === 'string' && isSentences(v.sentences) && isSentences(v.further))
  );
}

/** The summary with every passage number moved by `by`. */
export function shiftSummary(summary: DocumentSummary | null, by: number): DocumentSummary | null {
  if (!summary) return null;
  const shift = (s: SummarySentence): SummarySentence => ({ ...s, passage: s.passage + by });
  return {
    ...summary,
    sentences: summary.sentences.map(shift),
    further: summary.further.map(shift),
  };
}

export function isTextsView(v: unknown): v is TextsView {
  return (
    isObject(v) &&
    isStringArray(v.traditional) &&
    isStringArray(v.headwordGrams) &&
    isStringArray(v.words) &&
    isStringArray(v.latin) &&
    Array.isArray(v.tagged) &&
    v.tagged.every((t) => isStringArray(t) && t.length === 2)
  );
}

export function isDocumentNames(v: unknown): v is DocumentNames {
  if (!isObject(v)) return false;
  const { keys, names, evidence, english, paragraphs } = v;
  return (
    isStringArray(keys) &&
    isStringArray(names) &&
    isStringArray(evidence) &&
    isStringArray(english) &&
    Array.isArray(paragraphs) &&
    paragraphs.every((n) => Number.isInteger(n)) &&
    [names, evidence, english, paragraphs].every((column) => column.length === keys.length)
  );
}

export function isDocumentMentions(v: unknown): v is DocumentMentions {
  if (!isObject(v) || !(v.numbers instanceof Int32Array) || !Array.isArray(v.forms)) return false;
  const { numbers, forms } = v;
  if (numbers.length % MENTION_FIELDS !== 0 || !forms.every(isStringArray)) return false;
  for (let k = 0; k < numbers.length; k += MENTION_FIELDS) {
    if (numbers[k]! < 0 || numbers[k + 1]! < 0 || numbers[k + 3]! < numbers[k + 2]!) return false;
    if (!(numbers[k + 4]! >= 0 && numbers[k + 4]! < forms.length)) return false;
  }
  return true;
}

/** The shape of a kept segment; whether its parts agree is `segmentFits`. */
export function isBm25Segment(v: unknown): v is Bm25Segment {
  return (
    isObject(v) &&
    typeof v.terms === 'string' &&
    v.lengths instanceof Uint32Array &&
    v.offsets instanceof Uint32Array &&
    v.passages instanceof Uint32Array &&
    v.tfs instanceof Uint32Array
  );
}

const isVectors = (v: unknown): v is Float32Array[] =>
  Array.isArray(v) && v.every((x) => x instanceof Float32Array);

/**
 * Each passage's vector, embedding only the articles the cache holds none for
 * (in one batch, as the uncached build does). The cache keeps the Float32Arrays
 * themselves, so a reused vector is bit for bit the one the model gave.
 */
export async function passageVectors(
  documents: readonly CorpusDocument[],
  split: SplitCorpus,
  embedder: Embedder,
  modelKey: unknown,
  cache: BuildCache,
): Promise<Float32Array[]> {
  // What is embedded, not how the code got there: vectors survive an upgrade that
  // leaves an article's passages as they were, and never outlive a change to them
  // (other chunking can keep the number of passages but not their text).
  const keyOf = (doc: CorpusDocument): string =>
    stableKey(
      'vectors',
      modelKey,
      embedder.model,
      embedder.dims,
      embedder.passagePrefix,
      sha256(passageEmbedTexts(split, doc).join('\u0000')),
    );
  const vectors: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(split.count);
  const missing: CorpusDocument[] = [];
  for (const doc of documents) {
    const { from, to } = split.spans.get(doc)!;
    const held = cache.of(doc).peek('vectors', keyOf(doc), isVectors);
    if (held && held.length === to - from) held.forEach((v, i) => (vectors[from + i] = v));
    else missing.push(doc);
  }
  const wanted = missing.flatMap((doc) => passageEmbedTexts(split, doc));
  const fresh = wanted.length > 0 ? await embedder.embedPassages(wanted) : [];
  let next = 0;
  for (const doc of missing) {
    const { from, to } = split.spans.get(doc)!;
    const mine = fresh.slice(next, next + (to - from));
    next += to - from;
    mine.forEach((v, i) => (vectors[from + i] = v));
    // Copies, each owning its buffer: V8 serializes a view together with all of its buffer.
    cache.of(doc).put(
      'vectors',
      keyOf(doc),
      mine.map((v) => new Float32Array(v)),
    );
  }
  return vectors.map((v, i) => {
    if (!v) throw new Error(`No vector for passage ${i}`);
    return v;
  });
}

/** An article's mentions as this build found them, and the key of the cache section they came from. */
export interface FoundMentions {
  key: string;
  mentions: DocumentMentions;
}

/**
 * Places mentions among the build's passages through the cache: each article keeps
 * where its mentions sit among its own passages (three numbers each, as
 * `MentionPlacer` writes them, with the passage counted from the article's first),
 * under the key of its passages and of its mentions. A reindex then places an
 * unchanged article's mentions without its passage objects. `found` gives each
 * article's mentions; a mention held as an object (never, in a build) is placed
 * among every passage.
 */
export function mentionPlacer(
  split: SplitCorpus,
  found: ReadonlyMap<CorpusDocument, FoundMentions>,
  cache: BuildCache,
): MentionPlacer {
  let doc: CorpusDocument | undefined;
  let base = 0;
  let placed: Int32Array = new Int32Array(0);
  // Read once each: a person's mentions run through the articles in order, but every
  // person starts again from the first.
  const placements = new Map<CorpusDocument, Int32Array>();
  const placementOf = (article: CorpusDocument): Int32Array => {
    let held = placements.get(article);
    if (!held) placements.set(article, (held = readPlacement(article)));
    return held;
  };
  const readPlacement = (article: CorpusDocument): Int32Array => {
    const mine = found.get(article);
    const { from, to } = split.spans.get(article)!;
    if (!mine) throw new Error(`No mentions were found in ${article.meta.file}`);
    const fits = (v: unknown): v is Int32Array =>
      v instanceof Int32Array &&
      v.length === mentionCount(mine.mentions) * 3 &&
      v.every((n, i) => (i % 3 === 0 ? n >= 0 && n < to - from : i % 3 === 1 ? n >= -1 : n <= 1));
    return cache
      .of(article)
      .reuse('placement', settingsKey('placement', split.key, mine.key), fits, () => {
        const local = passagePlacer(split.passagesOf(article));
        const out = new Int32Array(mentionCount(mine.mentions) * 3);
        for (let k = 0; k < out.length / 3; k++)
          local.mention(mentionAt(article, mine.mentions, k), out.subarray(k * 3, k * 3 + 3));
        return out;
      });
  };
  let everywhere: MentionPlacer | undefined;
  return {
    ref: (refs, i, out) => {
      const article = refs.docs[i]!;
      if (article !== doc) {
        placed = placementOf(article);
        base = split.spans.get(article)!.from;
        doc = article;
      }
      const at = refs.at[i]! * 3;
      out[0] = base + placed[at]!;
      out[1] = placed[at + 1]!;
      out[2] = placed[at + 2]!;
    },
    mention: (m, out) => (everywhere ??= passagePlacer(split.allPassages())).mention(m, out),
  };
}
