/**
 * Citations as every renderer shows them: footnotes numbered in order of first use, each
 * "[1] ¶3 · section · source · date", and `shorten`, the one way text is cut to a limit.
 * With several articles a citation names its article, "title · source · date", either in
 * the footnote (`article: 'full'`) or in a heading over the article's excerpts
 * (`formatArticle`, with `article: 'none'` in the footnotes under it).
 * Plain text only (no Markdown), so each renderer escapes it for its own medium.
 */
import type { ArticleRef } from '../answers/articles.js';
import type { Citation } from '../answers/types.js';

export interface CitationFormatOptions {
  /** Long section headings are shortened to this many code units (with "…"); ¶, source and date never are. */
  maxSection?: number;
  /** Separator between the parts. */
  separator?: string;
  /**
   * How the footnote names its article. "source" (the default): source, else title, and
   * date — enough with one article. "full": title · source · date, for answers that may
   * quote several. "none": only ¶ and section, under a heading that names the article.
   */
  article?: 'source' | 'full' | 'none';
  /** Titles are shortened to this many code units in footnotes and headings. */
  maxTitle?: number;
}

const DEFAULT_MAX_SECTION = 60;
const DEFAULT_MAX_TITLE = 60;

/** [3] → "¶3"; [3, 4, 5, 7] → "¶3–5, 7". Ranges make merged passages readable. */
export function formatParagraphs(paragraphs: readonly number[]): string {
  const sorted = [...new Set(paragraphs)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `¶${parts.join(', ')}`;
}

/**
 * The publication date as the publisher wrote it: "2025-02-09T11:47:00+08:00" is the 9th in
 * Beijing even where it is still the 8th in UTC, so the date part is kept as written.
 */
export function formatPublished(published: string | undefined): string | undefined {
  if (!published) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(published.trim());
  return m ? m[1] : published.trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shorten to at most `max` UTF-16 code units, ending with "…" when cut. Discord counts
 * characters, which are never more than code units, so the result fits its limits too;
 * the cut falls between graphemes, never inside a surrogate pair or an emoji sequence.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/** The parts of a footnote, in order, empty ones left out. */
export function citationParts(citation: Citation, options: CitationFormatOptions = {}): string[] {
  const maxSection = options.maxSection ?? DEFAULT_MAX_SECTION;
  // A masthead line (byline, dateline) has no ¶: the source and date cite it.
  const parts = citation.paragraphs.length > 0 ? [formatParagraphs(citation.paragraphs)] : [];
  if (citation.section) parts.push(shorten(citation.section, maxSection));
  const article = options.article ?? 'source';
  // A masthead line under a heading would otherwise cite nothing at all.
  if (article === 'none' && parts.length > 0) return parts;
  if (article === 'full') return [...parts, ...articleParts(citation, options)];
  // Without a named source the title is the only thing that says which article it is.
  parts.push(citation.source ?? citation.title);
  const date = formatPublished(citation.published);
  if (date) parts.push(date);
  return parts;
}

/** The parts naming an article: title, source, date (empty ones left out). */
export function articleParts(
  article: Pick<ArticleRef, 'title' | 'source' | 'published'>,
  options: Pick<CitationFormatOptions, 'maxTitle'> = {},
): string[] {
  const parts = [shorten(article.title, options.maxTitle ?? DEFAULT_MAX_TITLE)];
  if (article.source) parts.push(article.source);
  const date = formatPublished(article.published);
  if (date) parts.push(date);
  return parts;
}

/** "DeepSeek 工程師潘梓正回國 · 觀察者網 · 2025-02-09": a heading over one article's excerpts. */
export function formatArticle(
  article: Pick<ArticleRef, 'title' | 'source' | 'published'>,
  options: Pick<CitationFormatOptions, 'maxTitle' | 'separator'> = {},
): string {
  return articleParts(article, options).join(options.separator ?? ' · ');
}

/** "¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09" */
export function formatCitation(citation: Citation, options: CitationFormatOptions = {}): string {
  return citationParts(citation, options).join(options.separator ?? ' · ');
}

/** Two excerpts citing the same place share one footnote number. */
export function citationKey(citation: Citation): string {
  return `${citation.doc}\u0000${[...citation.paragraphs].sort((a, b) => a - b).join(',')}`;
}

/** How a renderer lays out one footnote: its marker ("[2]") and the citation text. */
export type FootnoteLine = (marker: string, citation: string) => string;

/**
 * Numbers citations in order of first use, "[1]", "[2]", …; citing the same place again
 * gives its number back and adds no footnote. Each renderer supplies the line layout.
 */
export class Footnotes {
  private readonly numbers = new Map<string, number>();
  private readonly footnotes: string[] = [];

  constructor(
    private readonly layout: FootnoteLine = (marker, citation) => `${marker} ${citation}`,
    private readonly format: CitationFormatOptions = {},
  ) {}

  /** The marker `citation` has or would get, and the footnote citing it would add (null when cited already). */
  peek(citation: Citation): { marker: string; line: string | null } {
    const known = this.numbers.get(citationKey(citation));
    if (known !== undefined) return { marker: `[${known}]`, line: null };
    const marker = `[${this.footnotes.length + 1}]`;
    return { marker, line: this.layout(marker, formatCitation(citation, this.format)) };
  }

  /** Cites `citation` and returns its marker. */
  cite(citation: Citation): string {
    const { marker, line } = this.peek(citation);
    if (line !== null) {
      this.footnotes.push(line);
      this.numbers.set(citationKey(citation), this.footnotes.length);
    }
    return marker;
  }

  /** One line per cited place, in number order. */
  get lines(): readonly string[] {
    return this.footnotes;
  }
}
