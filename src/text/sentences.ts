/**
 * Sentence spans of verbatim text. A sentence ends at 。！？ (or . ! ? followed by
 * a space or the end, for Latin text) plus any closing quotes or brackets right after
 * it, so 「……。」 stays one sentence. A line break also ends one (a caption merged
 * with the paragraph below it is not the same sentence). Spans cover the text without gaps, so joining
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
    if (ch === '\n') {
      end = i + 1;
    } else if (
      CJK_END.includes(ch) ||
      (ch === '…' && text[i + 1] === '…' && CLOSERS.includes(text[i + 2] ?? ''))
    ) {
      end = i + 1;
      if (ch === '…') end = i + 2;
    } else if (
      ch === '.' &&
      (i + 1 === text.length || /\s/.test(text[i + 1]!)) &&
      !/\d/.test(text[i - 1] ?? '')
    ) {
      end = i + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    while (end < text.length && (CLOSERS.includes(text[end]!) || CJK_END.includes(text[end]!)))
      end++;
    // Trailing blanks belong to the sentence they follow, so spans stay gapless.
    while (end < text.length && /\s/.test(text[end]!)) end++;
    spans.push({ text: text.slice(start, end), start, end });
    start = end;
    i = end;
  }
  if (start < text.length) spans.push({ text: text.slice(start), start, end: text.length });
  return spans.filter((s) => s.text.trim().length > 0);
}
