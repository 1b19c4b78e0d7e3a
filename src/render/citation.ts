/**
 * Footnote lines for citations, shared by every renderer: "¶3 · section · source · date".
 * Plain text only (no Markdown), so each renderer escapes it for its own medium.
 */
import type { Citation } from '../answers/types.js';

export interface CitationFormatOptions {
  /** Long section headings are shortened to this many characters (with "…"); ¶, source and date never are. */
  maxSection?: number;
  /** Separator between the parts. */
  separator?: string;
}

const DEFAULT_MAX_SECTION = 60;

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

/** Shorten to at most `max` code points, ending with "…" when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** The parts of a footnote, in order, empty ones left out. */
export function citationParts(citation: Citation, options: CitationFormatOptions = {}): string[] {
  const maxSection = options.maxSection ?? DEFAULT_MAX_SECTION;
  const parts = [formatParagraphs(citation.paragraphs)];
  if (citation.section) parts.push(shorten(citation.section, maxSection));
  // Without a named source the title is the only thing that says which article it is.
  parts.push(citation.source ?? citation.title);
  const date = formatPublished(citation.published);
  if (date) parts.push(date);
  return parts;
}

/** "¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09" */
export function formatCitation(citation: Citation, options: CitationFormatOptions = {}): string {
  return citationParts(citation, options).join(options.separator ?? ' · ');
}

/** Two excerpts citing the same place share one footnote number. */
export function citationKey(citation: Citation): string {
  return `${citation.doc}\u0000${[...citation.paragraphs].sort((a, b) => a - b).join(',')}`;
}
