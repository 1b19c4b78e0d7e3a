/**
 * Markdown escaping: quotes are escaped, never edited, so Discord renders them literally and
 * the characters on screen are the article's.
 */
const URL_RE = /https?:\/\/[\x21-\x7e]+/g;
const URL_TRAILING = /[.,;:!?)'"\]}>]+$/;
/** Characters that change rendering anywhere in a line. */
const INLINE_SPECIAL = /[\\*_~`|<>[\]]/g;
/** Line-start constructs: headings, lists, subtext, blockquotes. */
const LINE_START = /^(\s*)(?:([#+-])|(\d+)\.)/;

function escapePlain(text: string, atLineStart: boolean): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      let out = line.replace(INLINE_SPECIAL, '\\$&');
      if (i > 0 || atLineStart) {
        // Discord drops a backslash only before punctuation: "1." becomes "1\.", not "\1.".
        out = out.replace(LINE_START, (_, sp: string, mark?: string, digits?: string) =>
          mark ? `${sp}\\${mark}` : `${sp}${digits}\\.`,
        );
      }
      return out;
    })
    .join('\n');
}

/**
 * Escape text so Discord shows it literally: a backslash before every Markdown character
 * (Discord drops a backslash before any ASCII punctuation), and URLs wrapped in <…> so they
 * stay whole links without previews. What the reader sees is exactly `text`.
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    const trailing = URL_TRAILING.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    if (url.length <= 'https://'.length) continue;
    const start = m.index;
    out += escapePlain(text.slice(last, start), startsLine(text, last, atLineStart));
    out += `<${url}>`;
    last = start + url.length;
  }
  out += escapePlain(text.slice(last), startsLine(text, last, atLineStart));
  return out;
}

function startsLine(text: string, index: number, atLineStart: boolean): boolean {
  return index === 0 ? atLineStart : text[index - 1] === '\n';
}

/** What a reader sees for escaped text: the inverse of escapeMarkdown (for tests and measuring). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/<(https?:\/\/[^>\s]+)>/g, '$1').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Shorten plain text so that its escaped form fits `max`; the result is escaped. */
export function fitEscaped(text: string, max: number): string {
  const full = escapeMarkdown(text);
  if (full.length <= max) return full;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // Largest prefix whose escaped form plus "…" fits.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escapeMarkdown(chars.slice(0, mid).join('').trimEnd()).length + 1 <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${escapeMarkdown(chars.slice(0, lo).join('').trimEnd())}…`;
}
