/** The Sources field: one footnote line per cited place, numbered in order of first use. */
import { Footnotes, type CitationFormatOptions } from '../citation.js';
import { escapeMarkdown } from './markdown.js';

/** Sources field lines: "`[1]` ¶3 · section · source · date", the citation escaped. */
export function sourceNotes(format: CitationFormatOptions = {}): Footnotes {
  return new Footnotes(
    (marker, citation) => `\`${marker}\` ${escapeMarkdown(citation, false)}`,
    format,
  );
}

/** The sources field's value, with one more footnote line when given. */
export function sourcesValue(notes: Footnotes, line: string | null = null): string {
  return [...notes.lines, ...(line === null ? [] : [line])].join('\n');
}
