/**
 * Which article an excerpt comes from, and an answer's excerpts grouped by article, so
 * that with several articles every renderer can say whose words it quotes.
 */
import type { DocumentMeta } from '../corpus/types.js';
import { ExpectedError } from '../errors.js';
import { normalize } from '../text/normalize.js';
import type { Citation, Excerpt } from './types.js';

/** What names an article wherever it is cited: title · source · date, and where to read it. */
export interface ArticleRef {
  doc: string;
  title: string;
  source?: string;
  published?: string;
  url?: string;
}

/** One article's excerpts in an answer, best first. */
export interface ArticleGroup {
  article: ArticleRef;
  excerpts: Excerpt[];
}

/** An article as /articles and `about` list it. */
export interface ArticleInfo extends DocumentMeta {
  /** Passages the index holds for it. */
  passages: number;
}

/** A question asked of an article the index does not hold. */
export class UnknownArticleError extends ExpectedError {
  override name = 'UnknownArticleError';
  constructor(
    readonly doc: string,
    known: readonly string[],
  ) {
    super(`No article "${doc}". Known article ids: ${known.join(', ') || '(none)'}`);
  }
}

export function articleOf(citation: Citation): ArticleRef {
  return {
    doc: citation.doc,
    title: citation.title,
    ...(citation.source !== undefined && { source: citation.source }),
    ...(citation.published !== undefined && { published: citation.published }),
    ...(citation.url !== undefined && { url: citation.url }),
  };
}

/**
 * Excerpts grouped by the article they quote. Groups come in the order of their best
 * excerpt, and keep the excerpts' order within, so the first group holds the best answer.
 * With one article there is one group: renderers lay that out as they always have.
 */
export function groupByArticle(excerpts: readonly Excerpt[]): ArticleGroup[] {
  const groups = new Map<string, ArticleGroup>();
  for (const e of excerpts) {
    const doc = e.citation.doc;
    const group = groups.get(doc);
    if (group) group.excerpts.push(e);
    else groups.set(doc, { article: articleOf(e.citation), excerpts: [e] });
  }
  return [...groups.values()];
}

/** The excerpts in group order: what a grouped layout shows, first to last. */
export function groupedOrder(excerpts: readonly Excerpt[]): Excerpt[] {
  return groupByArticle(excerpts).flatMap((g) => g.excerpts);
}

/** Each document with its passage count, in the index's order. */
export function articleInfos(
  documents: readonly DocumentMeta[],
  passages: readonly { doc: string }[],
): ArticleInfo[] {
  const counts = new Map<string, number>();
  for (const p of passages) counts.set(p.doc, (counts.get(p.doc) ?? 0) + 1);
  return documents.map((d) => ({ ...d, passages: counts.get(d.id) ?? 0 }));
}

/**
 * The article a user's value names: its id (what autocomplete submits and /articles
 * shows), else the first title containing it, compared in normal form (script, case).
 */
export function findArticle<D extends Pick<DocumentMeta, 'id' | 'title'>>(
  documents: readonly D[],
  value: string,
): D | null {
  const byId = documents.find((d) => d.id === value);
  if (byId) return byId;
  const wanted = normalize(value);
  if (!wanted) return null;
  return documents.find((d) => normalize(d.title).includes(wanted)) ?? null;
}
