/**
 * The build's per-article steps, each through the build cache: splitting into
 * passages, summaries and passage vectors, and the shapes of the other kept parts.
 * What they produce is exactly what the uncached steps produce; only passage numbers
 * are stored relative to the article.
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
import type { DocumentMentions } from '../people/mentions.js';
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

export interface SplitCorpus {
  passages: Passage[];
  /** Each passage's searchable text (with its field words) in normal form: what retrieval reads. */
  normalTexts: string[];
  /** sha256 of each passage's text (Manifest.checksums.passages). */
  checksums: string[];
  spans: Map<CorpusDocument, PassageSpan>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isDraft(v: unknown): v is PassageDraft {
  return (
    isObject(v) &&
    typeof v.doc === 'string' &&
    typeof v.text === 'string' &&
    typeof v.start === 'number' &&
    typeof v.end === 'number' &&
    Array.isArray(v.paragraphs) &&
    Array.isArray(v.paragraphStarts) &&
    Array.isArray(v.tags)
  );
}

/**
 * An article's passages, with their searchable text in normal form (OpenCC is the
 * costly part of both) and the sha256 of each passage's text, which the manifest
 * lists: hashing every passage again took a tenth of a reindex.
 */
interface SplitArticle {
  drafts: PassageDraft[];
  normal: string[];
  sums: string[];
}

const isSplit = (v: unknown): v is SplitArticle =>
  isObject(v) &&
  Array.isArray(v.drafts) &&
  v.drafts.every(isDraft) &&
  Array.isArray(v.normal) &&
  v.normal.length === v.drafts.length &&
  v.normal.every((t) => typeof t === 'string') &&
  isStringArray(v.sums) &&
  v.sums.length === v.drafts.length;

function splitArticle(doc: CorpusDocument, chunking: ChunkOptions): SplitArticle {
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
  const passages: Passage[] = [];
  const normalTexts: string[] = [];
  const checksums: string[] = [];
  const spans = new Map<CorpusDocument, PassageSpan>();
  for (const doc of documents) {
    const from = passages.length;
    const { drafts, normal, sums } = cache
      .of(doc)
      .reuse('passages', key, isSplit, () => splitArticle(doc, chunking));
    for (const draft of drafts) passages.push({ id: passages.length, ...draft });
    normalTexts.push(...normal);
    checksums.push(...sums);
    spans.set(doc, { from, to: passages.length });
  }
  return { passages, normalTexts, checksums, spans };
}

/**
 * What the model embeds for `doc`'s passages: made only when embedding, as a keyword-only
 * build has no use for a second copy of every passage.
 */
export function passageEmbedTexts(split: SplitCorpus, doc: CorpusDocument): string[] {
  const { from, to } = split.spans.get(doc)!;
  return split.passages.slice(from, to).map((p) => embeddingText(p, doc.meta));
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
  return (
    Array.isArray(v) &&
    v.every(
      (x) =>
        Array.isArray(x) &&
        x.length === 5 &&
        Number.isInteger(x[0]) &&
        Number.isInteger(x[1]) &&
        Number.isInteger(x[2]) &&
        Number.isInteger(x[3]) &&
        isStringArray(x[4]),
    )
  );
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
  const vectors: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(
    split.passages.length,
  );
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
