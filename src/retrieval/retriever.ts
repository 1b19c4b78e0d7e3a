/**
 * Hybrid retrieval: BM25 over Chinese terms (plus English→Chinese expansion) and,
 * when the index has vectors, HNSW over embeddings; the two rankings are fused by
 * reciprocal rank fusion. Then coverage decides whether the article answers at all.
 */
import type { Passage } from '../answers/types.js';
import type { Embedder } from '../indexes/embedder.js';
import type { LoadedIndex } from '../indexes/load.js';
import { normalize } from '../text/normalize.js';
import { CoverageModel } from './coverage.js';
import { analyzeQuery, type AnalyzedQuery } from './query.js';

export interface RetrieverOptions {
  /** RRF's k: larger flattens the difference between ranks. */
  rrfK: number;
  /** Below this coverage of the question by the best passages, abstain. */
  abstainBelow: number;
  /** How many passages each leg contributes to fusion. */
  candidates: number;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = { rrfK: 60, abstainBelow: 0.5, candidates: 20 };

export interface RankedPassage {
  passage: Passage;
  /** Fused score (RRF), best first. */
  score: number;
  lexicalRank: number | null;
  denseRank: number | null;
  /** Share of the question's content this passage covers, 0..1. */
  coverage: number;
}

export interface Retrieval {
  query: AnalyzedQuery;
  ranked: RankedPassage[];
  abstained: boolean;
  bestCoverage: number;
}

export class Retriever {
  private readonly normalizedTexts: string[];
  readonly coverage: CoverageModel;

  constructor(
    readonly index: LoadedIndex,
    private readonly embedder: Embedder | null,
    readonly options: RetrieverOptions = DEFAULT_RETRIEVER,
  ) {
    this.normalizedTexts = index.passages.map((p) => normalize(p.text));
    this.coverage = new CoverageModel(this.normalizedTexts);
  }

  /** What this retriever really uses: a hybrid index whose model failed to load answers lexically. */
  get mode(): 'hybrid' | 'lexical' {
    return this.embedder && this.index.vectors ? 'hybrid' : 'lexical';
  }

  normalizedText(passageId: number): string {
    return this.normalizedTexts[passageId] ?? '';
  }

  async retrieve(question: string): Promise<Retrieval> {
    const { index, options } = this;
    const query = analyzeQuery(question, index.crosslingual, index.manifest.tokenizer);
    const lexical = index.bm25.search(query.terms).slice(0, options.candidates);

    let dense: { id: number; score: number }[] = [];
    if (this.embedder && index.vectors) {
      const [vector] = await this.embedder.embedQueries([question]);
      if (vector) dense = index.vectors.search(vector, options.candidates);
    }

    const fused = new Map<number, { score: number; lexicalRank: number | null; denseRank: number | null }>();
    const add = (id: number, rank: number, leg: 'lexicalRank' | 'denseRank') => {
      const entry = fused.get(id) ?? { score: 0, lexicalRank: null, denseRank: null };
      entry.score += 1 / (options.rrfK + rank + 1);
      entry[leg] = rank;
      fused.set(id, entry);
    };
    lexical.forEach((hit, rank) => add(hit.id, rank, 'lexicalRank'));
    dense.forEach((hit, rank) => add(hit.id, rank, 'denseRank'));

    const ranked: RankedPassage[] = [...fused.entries()]
      .map(([id, f]) => ({
        passage: index.passages[id]!,
        ...f,
        coverage: this.coverage.coverage(query.units, this.normalizedTexts[id]!),
      }))
      .sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);

    const bestCoverage = Math.max(0, ...ranked.slice(0, 3).map((r) => r.coverage));
    const abstained = query.units.length === 0 || ranked.length === 0 || bestCoverage < options.abstainBelow;
    return { query, ranked, abstained, bestCoverage };
  }
}
