/** Quotes as blockquotes, key sentence in bold; shortened only as a last resort, never misquoted. */
import type { QuoteSentence } from '../../answers/types.js';
import { splitSentences } from '../../text/sentences.js';
import { escapeMarkdown } from './markdown.js';

interface Piece {
  text: string;
  bold: boolean;
}

/**
 * Sentences as a blockquote, the key sentence in bold and the marker at the end. Bold goes
 * around each line's text with whitespace outside, where Discord's ** needs it.
 */
export function renderQuote(
  sentences: readonly QuoteSentence[],
  marker: string,
  cut = false,
): string {
  const lines: Piece[][] = [[]];
  for (const s of sentences) {
    s.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part.length > 0) lines[lines.length - 1]!.push({ text: part, bold: s.key });
    });
  }
  const rendered = lines.map((pieces) => {
    let line = '';
    pieces.forEach((p, i) => {
      const atStart = i === 0;
      if (!p.bold) {
        line += escapeMarkdown(p.text, atStart);
        return;
      }
      const lead = /^\s*/.exec(p.text)![0];
      const trail = /\s*$/.exec(p.text)![0];
      const core = p.text.slice(lead.length, p.text.length - trail.length);
      line += core ? `${lead}**${escapeMarkdown(core, atStart && lead === '')}**${trail}` : p.text;
    });
    return line.trimEnd();
  });
  while (rendered.length > 1 && rendered[rendered.length - 1] === '') rendered.pop();
  const last = rendered.length - 1;
  rendered[last] = `${rendered[last]}${cut ? '…' : ''}${marker ? ` ${marker}` : ''}`;
  return rendered.map((l) => (l ? `> ${l}` : '>')).join('\n');
}

function keyIndex(sentences: readonly QuoteSentence[]): number {
  const k = sentences.findIndex((s) => s.key);
  return k < 0 ? 0 : k;
}

/** Where to cut a sentence that alone is too long: after a clause mark if one is near. */
const CLAUSE_END = /[，,；;：:、\s]/;

/**
 * The quote within `budget` characters: the whole excerpt when it fits; otherwise sentences
 * are dropped from the ends (the one farther from the key sentence first); a single sentence
 * still too long is cut after a clause mark, with "…". Null when not even that fits.
 */
export function fitQuote(
  sentences: readonly QuoteSentence[],
  marker: string,
  budget: number,
): string | null {
  if (sentences.length === 0) return null;
  const full = renderQuote(sentences, marker);
  if (full.length <= budget) return full;
  const k = keyIndex(sentences);
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    if (hi - k >= k - lo) hi--;
    else lo++;
    const r = renderQuote(sentences.slice(lo, hi + 1), marker);
    if (r.length <= budget) return r;
  }
  const only = sentences[lo]!;
  const chars = [...only.text];
  const render = (n: number) =>
    renderQuote([{ text: chars.slice(0, n).join('').trimEnd(), key: only.key }], marker, true);
  let a = 0;
  let b = chars.length - 1;
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (render(mid).length <= budget) a = mid;
    else b = mid - 1;
  }
  // Anything shorter than a few words says nothing and would read as a misquote.
  if (a < 8) return null;
  let n = a;
  for (let i = a; i > Math.floor(a * 0.6); i--) {
    // Cut before the clause mark: "…大學…" reads better than "…大學，…".
    if (CLAUSE_END.test(chars[i]!)) {
      n = i;
      break;
    }
  }
  return render(n);
}

/** Mentions are sentences of the article; they are quoted like excerpts, without a key sentence. */
export function asSentences(quote: string): QuoteSentence[] {
  const spans = splitSentences(quote);
  return spans.length > 0
    ? spans.map((s) => ({ text: s.text, key: false }))
    : [{ text: quote, key: false }];
}
