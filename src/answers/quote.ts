/**
 * Picks, within a passage, the sentence or sentences that best answer the
 * question. The excerpt is a run of consecutive sentences, so it is a verbatim
 * substring of the passage; the best one is marked key (bold in renderers).
 */
import { unitMatch } from '../retrieval/coverage.js';
import type { CoverageModel } from '../retrieval/coverage.js';
import type { QueryUnit } from '../retrieval/query.js';
import { normalize } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { Passage, QuoteSentence } from './types.js';

export interface PickedQuote {
  sentences: QuoteSentence[];
  quote: string;
  /** ¶ numbers the picked sentences lie in. */
  paragraphs: number[];
}

/** Sentences shorter than this get their neighbour: "…名為潘梓正。" alone says little. */
const SHORT_SENTENCE = 30;
const MAX_SENTENCES = 3;

export function pickQuote(
  passage: Passage,
  units: QueryUnit[],
  coverage: CoverageModel,
): PickedQuote {
  const spans = splitSentences(passage.text);
  const scores = spans.map((s) => {
    const text = normalize(s.text);
    let score = 0;
    for (const u of units) score += coverage.weight(u) * unitMatch(u, text);
    return score;
  });
  let key = 0;
  scores.forEach((s, i) => {
    if (s > scores[key]!) key = i;
  });
  let from = key;
  let to = key;
  // Take neighbours that answer nearly as well, and a neighbour for a too-short key.
  const good = (i: number) =>
    i >= 0 && i < spans.length && scores[i]! > 0 && scores[i]! >= 0.75 * scores[key]!;
  while (to - from + 1 < MAX_SENTENCES && good(to + 1)) to++;
  while (to - from + 1 < MAX_SENTENCES && good(from - 1)) from--;
  if (spans[key]!.text.trim().length < SHORT_SENTENCE && to - from + 1 < MAX_SENTENCES) {
    if (to + 1 < spans.length) to++;
    else if (from > 0) from--;
  }
  const chosen = spans.slice(from, to + 1);
  const sentences = chosen.map((s, i) => ({ text: s.text, key: from + i === key }));
  const quote = passage.text.slice(chosen[0]!.start, chosen.at(-1)!.end);
  return {
    sentences,
    quote,
    paragraphs: paragraphsOf(passage, chosen[0]!.start, chosen.at(-1)!.end),
  };
}

/** The ¶ numbers of the blocks that the range [start, end) of the passage text touches. */
function paragraphsOf(passage: Passage, start: number, end: number): number[] {
  const out: number[] = [];
  passage.paragraphs.forEach((n, i) => {
    const from = passage.paragraphStarts[i]!;
    const to = passage.paragraphStarts[i + 1] ?? passage.text.length;
    if (from < end && start < to) out.push(n);
  });
  return out;
}
