/**
 * Sentence spans of verbatim text. A sentence ends at 。！？ (or . ! ? followed by
 * a space or the end, for Latin text) plus any closing quotes or brackets right after
 * it, so 「……。」 stays one sentence. Spans cover the text without gaps, so joining
 * consecutive sentences gives back a verbatim substring.
 */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const CJK_END = '。！？!?';
const CLOSERS = '」』”’）)】》"\'';

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    let end = -1;
    if (CJK_END.includes(ch) || ch === '…' && text[i + 1] === '…' && CLOSERS.includes(text[i + 2] ?? '')) {
      end = i + 1;
      if (ch === '…') end = i + 2;
    } else if (ch === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!)) && !/\d/.test(text[i - 1] ?? '')) {
      end = i + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    while (end < text.length && (CLOSERS.includes(text[end]!) || CJK_END.includes(text[end]!))) end++;
    // A closing quote that opens speech attribution ("……。」禹之鼎寫道") ends the sentence there.
    while (end < text.length && /\s/.test(text[end]!)) end++;
    spans.push({ text: text.slice(start, end), start, end });
    start = end;
    i = end;
  }
  if (start < text.length) spans.push({ text: text.slice(start), start, end: text.length });
  return spans.filter((s) => s.text.trim().length > 0);
}
