/**
 * The articles' extractive summaries, computed at build time and stored in the build
 * (summary.json), so a summary costs a file read once and nothing per request. Each
 * sentence is stored as a range of a passage's text: quoting it is slicing, and the
 * loader checks that every range is a whole sentence of its passage.
 */
import { z } from 'zod';
import type { Corpus, CorpusDocument, Passage } from '../corpus/types.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize, type TokenizerOptions } from '../text/tokenize.js';
import {
  DEFAULT_SUMMARY,
  selectSummary,
  type SummaryCandidate,
  type SummaryOptions,
} from '../summary/select.js';

export const SummarySentenceSchema = z.object({
  passage: z.number().int().nonnegative(),
  /** [start, end) in the passage's text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  paragraph: z.number().int().positive(),
  /** TextRank score, for inspection. */
  score: z.number(),
  lead: z.boolean(),
});

export const DocumentSummarySchema = z.object({
  doc: z.string(),
  /** In article order. */
  sentences: z.array(SummarySentenceSchema),
  /** Next-ranked sentences, in article order: behind "more passages". */
  further: z.array(SummarySentenceSchema),
});

export const SummaryFileSchema = z.array(DocumentSummarySchema);

export type SummarySentence = z.infer<typeof SummarySentenceSchema>;
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** What the manifest records of how summaries were made. */
export const SUMMARY_METHOD = 'lead+textrank(bm25-idf cosine)+mmr';

export function summaryParameters(options: SummaryOptions = DEFAULT_SUMMARY) {
  return {
    method: SUMMARY_METHOD,
    minSentences: options.minSentences,
    maxSentences: options.maxSentences,
    maxChars: options.maxChars,
    lambda: options.lambda,
    damping: options.textRank.damping,
  };
}

interface Located extends SummaryCandidate {
  passage: number;
  start: number;
  end: number;
}

/**
 * Every sentence of a document's body paragraphs, located in its passage. Captions and
 * masthead lines are not candidates: they label a photo or the page, not the story.
 */
function candidatesOf(
  document: CorpusDocument,
  passages: readonly Passage[],
  tokenizer: TokenizerOptions,
): Located[] {
  const kindOf = new Map(document.paragraphs.map((p) => [p.n, p.kind]));
  const words = { ...tokenizer, bigrams: false };
  const out: Located[] = [];
  for (const p of passages) {
    if (p.doc !== document.meta.id || p.kind === 'masthead') continue;
    p.paragraphs.forEach((n, i) => {
      if (kindOf.get(n) !== 'paragraph') return;
      const from = p.paragraphStarts[i]!;
      const to = p.paragraphStarts[i + 1] ?? p.text.length;
      for (const s of splitSentences(p.text.slice(from, to))) {
        const lead = s.text.length - s.text.trimStart().length;
        const text = s.text.trim();
        const start = from + s.start + lead;
        out.push({
          text,
          terms: tokenize(text, words),
          paragraph: n,
          passage: p.id,
          start,
          end: start + text.length,
        });
      }
    });
  }
  return out;
}

/**
 * One article's summary from its own passages, or null when it has no sentence to
 * pick. It reads nothing beyond the article, which is what lets the build cache it.
 */
export function summarizeDocument(
  document: CorpusDocument,
  passages: readonly Passage[],
  tokenizer: TokenizerOptions,
  options: SummaryOptions = DEFAULT_SUMMARY,
): DocumentSummary | null {
  const candidates = candidatesOf(document, passages, tokenizer);
  const picked = selectSummary(candidates, options);
  if (!picked) return null;
  const stored = (i: number): SummarySentence => {
    const c = candidates[i]!;
    return {
      passage: c.passage,
      start: c.start,
      end: c.end,
      paragraph: c.paragraph,
      score: Number(picked.scores[i]!.toFixed(6)),
      lead: i === picked.lead,
    };
  };
  return {
    doc: document.meta.id,
    sentences: picked.chosen.map(stored),
    further: picked.further.map(stored),
  };
}

export function buildSummaries(
  corpus: Corpus,
  passages: readonly Passage[],
  tokenizer: TokenizerOptions,
  options: SummaryOptions = DEFAULT_SUMMARY,
): DocumentSummary[] {
  const byDoc = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = byDoc.get(p.doc);
    if (list) list.push(p);
    else byDoc.set(p.doc, [p]);
  }
  const out: DocumentSummary[] = [];
  for (const d of corpus.documents) {
    const summary = summarizeDocument(d, byDoc.get(d.meta.id) ?? [], tokenizer, options);
    if (summary) out.push(summary);
  }
  return out;
}

/** Problems with stored summaries against the passages they cite; empty when sound. */
export function summaryProblems(
  summaries: readonly DocumentSummary[],
  passages: readonly Passage[],
): string[] {
  const problems: string[] = [];
  for (const s of summaries) {
    for (const x of [...s.sentences, ...s.further]) {
      const p = passages[x.passage];
      if (!p || p.doc !== s.doc || x.end > p.text.length || x.start >= x.end)
        problems.push(`${s.doc}: a sentence points outside passage ${x.passage}`);
      else if (!p.paragraphs.includes(x.paragraph))
        problems.push(`${s.doc}: passage ${x.passage} has no ¶${x.paragraph}`);
    }
  }
  return problems;
}
