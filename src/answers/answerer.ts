/**
 * Retrieval results → an Answer: excerpts with citations, or an abstention with
 * suggestions. Pure given a Retriever; renderers take it from here.
 */
import type { DocumentMeta } from '../corpus/types.js';
import type { RetrieveOptions, Retriever } from '../retrieval/retriever.js';
import { UnknownArticleError } from './articles.js';
import { pickQuote } from './quote.js';
import type { Answer, Citation, Excerpt, Passage } from './types.js';

export interface AnswerOptions {
  /** Excerpts shown with the answer. */
  shown: number;
  /** Further passages behind "more passages". */
  more: number;
}

export const DEFAULT_ANSWER: AnswerOptions = { shown: 3, more: 5 };

/** A passage is shown with the answer when it covers at least this share of what the best one covers. */
const SHOW_RATIO = 0.6;

export function citationFor(
  meta: DocumentMeta | undefined,
  passage: Pick<Passage, 'doc' | 'section'>,
  paragraphs: number[],
): Citation {
  return {
    doc: passage.doc,
    paragraphs,
    section: passage.section,
    title: meta?.title ?? passage.doc,
    ...(meta?.source !== undefined && { source: meta.source }),
    ...(meta?.published !== undefined && { published: meta.published }),
    ...(meta?.url !== undefined && { url: meta.url }),
  };
}

/** Every excerpt of an answer in retrieval order (best first), shown or behind "more". */
export function rankedExcerpts(answer: Answer): Excerpt[] {
  return [...answer.excerpts, ...answer.more].sort(
    (a, b) => b.score - a.score || a.passage.id - b.passage.id,
  );
}

export class Answerer {
  private readonly docs: Map<string, DocumentMeta>;

  constructor(
    private readonly retriever: Retriever,
    private readonly suggestions: () => string[],
    private readonly options: AnswerOptions = DEFAULT_ANSWER,
  ) {
    this.docs = new Map(retriever.index.manifest.documents.map((d) => [d.id, d]));
  }

  /** With `options.doc`, only that article is searched and quoted; an unknown id throws. */
  async answer(question: string, options: RetrieveOptions = {}): Promise<Answer> {
    if (options.doc !== undefined && !this.docs.has(options.doc))
      throw new UnknownArticleError(options.doc, [...this.docs.keys()]);
    const r = await this.retriever.retrieve(question, options);
    const base = {
      question,
      lang: r.query.lang,
      mode: this.retriever.mode,
      confidence: r.confidence,
      answerability: r.answerability,
    };
    if (r.confidence === 'none') {
      return { ...base, abstained: true, excerpts: [], more: [], suggestions: this.suggestions() };
    }
    // A passage that covers nothing of the question is not quoted, however it ranked,
    // unless the vector leg put it near the top (it may paraphrase every word).
    const relevant = r.ranked.filter(
      (x) =>
        x.coverage > 0 || x.pinned || (x.denseRank !== null && x.denseRank < this.options.shown),
    );
    const excerpts = relevant.slice(0, this.options.shown + this.options.more).map((x): Excerpt => {
      const picked = pickQuote(x.passage, r.query.units, this.retriever.coverage);
      return {
        passage: x.passage,
        score: x.score,
        matched: x.matched,
        sentences: picked.sentences,
        quote: picked.quote,
        citation: citationFor(this.docs.get(x.passage.doc), x.passage, picked.paragraphs),
      };
    });
    // Shown with the answer: the best passage, and those after it that cover the question
    // nearly as well. Weaker ones wait behind "more passages" rather than pose as answers.
    const best = Math.max(0, ...relevant.slice(0, excerpts.length).map((x) => x.coverage));
    const shown: Excerpt[] = [];
    const more: Excerpt[] = [];
    excerpts.forEach((e, i) => {
      const strong = i === 0 || relevant[i]!.coverage >= SHOW_RATIO * best;
      if (strong && shown.length < this.options.shown) shown.push(e);
      else more.push(e);
    });
    return {
      ...base,
      abstained: r.abstained,
      excerpts: shown,
      more,
      suggestions: r.abstained ? this.suggestions() : [],
    };
  }
}
