/**
 * Stored summary sentences → excerpts with citations. The sentences were chosen at
 * index time (src/summary/select.ts); here they are only cut from their passages.
 */
import type { DocumentMeta } from '../corpus/types.js';
import type { SummarySentence } from '../indexes/summary.js';
import type { LoadedIndex } from '../indexes/load.js';
import { citationFor } from './answerer.js';
import type { ArticleSummary, Excerpt, IndexMode, SummaryAnswer, SummaryRequest } from './types.js';

/** Runs of sentences that follow each other in one passage: each run is one quote. */
function runs(sentences: readonly SummarySentence[], passagesText: (id: number) => string) {
  const out: SummarySentence[][] = [];
  for (const s of sentences) {
    const run = out.at(-1);
    const prev = run?.at(-1);
    const adjacent =
      prev !== undefined &&
      prev.passage === s.passage &&
      passagesText(s.passage).slice(prev.end, s.start).trim() === '';
    if (run && adjacent) run.push(s);
    else out.push([s]);
  }
  return out;
}

function excerptsOf(
  index: LoadedIndex,
  meta: DocumentMeta | undefined,
  sentences: readonly SummarySentence[],
): Excerpt[] {
  const text = (id: number) => index.passages[id]!.text;
  return runs(sentences, text).map((run): Excerpt => {
    const passage = index.passages[run[0]!.passage]!;
    // Each sentence carries the blank before the next one, so the quote is one verbatim range.
    const parts = run.map((s, i) => ({
      text: passage.text.slice(s.start, run[i + 1]?.start ?? s.end),
      key: false,
    }));
    return {
      passage,
      score: Math.max(...run.map((s) => s.score)),
      matched: [],
      sentences: parts,
      quote: passage.text.slice(run[0]!.start, run.at(-1)!.end),
      citation: citationFor(meta, passage, [...new Set(run.map((s) => s.paragraph))]),
    };
  });
}

export function summaryAnswer(
  index: LoadedIndex,
  mode: IndexMode,
  request: SummaryRequest,
): SummaryAnswer {
  const docs = new Map(index.manifest.documents.map((d) => [d.id, d]));
  const articles: ArticleSummary[] = index.summaries
    .filter((s) => request.doc === undefined || s.doc === request.doc)
    .map((s) => ({
      meta: docs.get(s.doc)!,
      excerpts: excerptsOf(index, docs.get(s.doc), s.sentences),
      more: excerptsOf(index, docs.get(s.doc), s.further),
    }));
  return { question: request.question ?? null, lang: request.lang, mode, articles };
}
