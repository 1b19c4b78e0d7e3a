/**
 * Retrieval results → an Answer: excerpts with citations, or an abstention with
 * suggestions. Pure given a Retriever; renderers take it from here.
 */
import type { DocumentMeta } from '../corpus/types.js';
import type { Retriever } from '../retrieval/retriever.js';
import { pickQuote } from './quote.js';
import type { Answer, Citation, Excerpt, Passage } from './types.js';

export interface AnswerOptions {
  /** Excerpts shown with the answer. */
  shown: number;
  /** Further passages behind "more passages". */
  more: number;
}

export const DEFAULT_ANSWER: AnswerOptions = { shown: 3, more: 5 };

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

export class Answerer {
  private readonly docs: Map<string, DocumentMeta>;

  constructor(
    private readonly retriever: Retriever,
    private readonly suggestions: () => string[],
    private readonly options: AnswerOptions = DEFAULT_ANSWER,
  ) {
    this.docs = new Map(retriever.index.manifest.documents.map((d) => [d.id, d]));
  }

  async answer(question: string): Promise<Answer> {
    const r = await this.retriever.retrieve(question);
    const base = { question, lang: r.query.lang, mode: this.retriever.mode };
    if (r.abstained) {
      return { ...base, abstained: true, excerpts: [], more: [], suggestions: this.suggestions() };
    }
    // Passages that cover nothing of the question are not quoted, however they ranked.
    const relevant = r.ranked.filter((x) => x.coverage > 0);
    const excerpts = relevant.slice(0, this.options.shown + this.options.more).map((x): Excerpt => {
      const picked = pickQuote(x.passage, r.query.units, this.retriever.coverage);
      return {
        passage: x.passage,
        score: Number(x.score.toFixed(6)),
        sentences: picked.sentences,
        quote: picked.quote,
        citation: citationFor(this.docs.get(x.passage.doc), x.passage, picked.paragraphs),
      };
    });
    return {
      ...base,
      abstained: false,
      excerpts: excerpts.slice(0, this.options.shown),
      more: excerpts.slice(this.options.shown),
      suggestions: [],
    };
  }
}
