/**
 * Hybrid retrieval: BM25 over Chinese terms (plus English→Chinese expansion) and,
 * when the index has vectors, HNSW over embeddings; the two rankings are fused by
 * reciprocal rank fusion. Then coverage decides whether the article answers at all.
 */
import type { Passage } from '../corpus/types.js';
import type { Embedder } from '../indexes/embedder.js';
import type { LoadedIndex } from '../indexes/load.js';
import type { WeightedTerm } from '../indexes/bm25.js';
import { searchableText } from '../lexicon/field-words.js';
import { normalize } from '../text/normalize.js';
import type { Answerability, Confidence } from './answerability.js';
import { CoverageModel } from './coverage.js';
import { denseEvidence } from './dense-evidence.js';
import { analyzeQuery, termsOf, type AnalyzedQuery, type NameResolver } from './query.js';

export interface RetrieverOptions {
  /** RRF's k: larger flattens the difference between ranks. */
  rrfK: number;
  /**
   * Abstain when answerability (the mean of the best passage's coverage of the
   * question and the corpus's coverage of it) is below this.
   */
  abstainBelow: number;
  /** How many passages each leg contributes to fusion. */
  candidates: number;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = { rrfK: 60, abstainBelow: 0.38, candidates: 20 };

/** Coverage scales BM25 between COVERAGE_FLOOR (covers nothing) and 1 + COVERAGE_FLOOR. */
const COVERAGE_FLOOR = 0.5;

/** How much an expanded abbreviation counts, against 1 for what was typed. */
const ABBREVIATION_WEIGHT = 0.8;

/** Total weight of a named person's role terms, against 1 per question term. */
const PERSON_CONTEXT_WEIGHT = 1;

export interface RankedPassage {
  passage: Passage;
  /** Fused score (RRF), best first. */
  score: number;
  lexicalRank: number | null;
  denseRank: number | null;
  /** Share of the question's content this passage covers, 0..1. */
  coverage: number;
  /** The query's index terms the passage contains. */
  matched: string[];
}

export interface Retrieval {
  query: AnalyzedQuery;
  ranked: RankedPassage[];
  confidence: Confidence;
  /** True unless confidence is "answer". */
  abstained: boolean;
  answerability: Answerability;
}

export class Retriever {
  private readonly normalizedTexts: string[];
  readonly coverage: CoverageModel;
  /** Each person with a quoted role: the Chinese forms that name them and their role's terms. */
  private readonly roles: { forms: string[]; terms: WeightedTerm[] }[];

  /**
   * `resolveName` tells which person a capitalised English word the dictionary
   * cannot translate names ("Pan", "Palomar"); the engine gives the people registry's.
   */
  constructor(
    readonly index: LoadedIndex,
    private readonly embedder: Embedder | null,
    private readonly resolveName: NameResolver,
    readonly options: RetrieverOptions = DEFAULT_RETRIEVER,
  ) {
    this.normalizedTexts = index.passages.map((p) => normalize(searchableText(p)));
    this.coverage = new CoverageModel(this.normalizedTexts);
    this.roles = index.people.people
      .filter((p) => p.roleQuoted)
      .map((p) => ({
        forms: p.forms.filter((f) => f.length > 1),
        terms: termsOf(normalize(p.role), PERSON_CONTEXT_WEIGHT, index.manifest.tokenizer),
      }));
  }

  /** What this retriever really uses: a hybrid index whose model failed to load answers lexically. */
  get mode(): 'hybrid' | 'lexical' {
    return this.embedder && this.index.vectors ? 'hybrid' : 'lexical';
  }

  /**
   * Chinese words the corpus lacks may abbreviate words it has (港科大, 博導): such a
   * unit is also covered by its expansions, and they are searched for, a little
   * less than what was typed.
   */
  private expandAbbreviations(query: AnalyzedQuery): WeightedTerm[] {
    const terms: WeightedTerm[] = [];
    for (const unit of query.units) {
      if (unit.alternatives.some((a) => this.coverage.inCorpus(a.text))) continue;
      for (const alt of [...unit.alternatives]) {
        for (const long of this.coverage.abbreviationsOf(alt.text)) {
          unit.alternatives.push({ text: long, weight: ABBREVIATION_WEIGHT });
          terms.push(...termsOf(long, ABBREVIATION_WEIGHT, this.index.manifest.tokenizer));
        }
      }
    }
    return terms;
  }

  /**
   * Entity expansion: a question naming a person also searches, lightly, for what
   * the article says that person is (their role line). Questions about who someone
   * is or where they work ("禹之鼎在哪家公司工作") are answered by the sentence that
   * introduces them, which may share no other word with the question.
   */
  private personContext(query: AnalyzedQuery): WeightedTerm[] {
    const haystacks = [
      query.normalized,
      ...query.units.flatMap((u) => u.alternatives.map((a) => a.text)),
    ];
    const named = this.roles.filter((r) =>
      r.forms.some((f) => haystacks.some((h) => h.includes(f))),
    );
    // With two people named, the question is about what links them, not who either one is.
    return named.length === 1 ? named[0]!.terms : [];
  }

  async retrieve(question: string): Promise<Retrieval> {
    const { index, options } = this;
    const query = analyzeQuery(
      question,
      index.crosslingual,
      index.manifest.tokenizer,
      this.resolveName,
    );
    const abbreviations = this.expandAbbreviations(query);
    const coverage = new Map<number, number>();
    const coverageOf = (id: number): number => {
      let c = coverage.get(id);
      if (c === undefined)
        coverage.set(id, (c = this.coverage.coverage(query.units, this.normalizedTexts[id]!)));
      return c;
    };
    // BM25 rewards repeating one matched word; scaling by coverage prefers the
    // passage that holds more of the distinct things the question asks about.
    const searched = [...query.terms, ...abbreviations, ...this.personContext(query)];
    const lexical = index.bm25
      .search(searched)
      .slice(0, options.candidates * 2)
      .map((hit) => ({ id: hit.id, score: hit.score * (COVERAGE_FLOOR + coverageOf(hit.id)) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, options.candidates);

    let dense: { id: number; score: number }[] = [];
    if (this.embedder && index.vectors) {
      const [vector] = await this.embedder.embedQueries([question]);
      if (vector) dense = index.vectors.search(vector, options.candidates);
    }
    const calibration = index.manifest.embedding?.calibration;
    const evidence = dense[0] && calibration && denseEvidence(dense[0].score, calibration);

    const fused = new Map<
      number,
      { score: number; lexicalRank: number | null; denseRank: number | null }
    >();
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
        coverage: coverageOf(id),
        matched: index.bm25.termsIn(
          id,
          searched.map((t) => t.term),
        ),
      }))
      .sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);

    const bestCoverage = Math.max(0, ...ranked.slice(0, 3).map((r) => r.coverage));
    const corpusCoverage = this.coverage.corpusCoverage(query.units);
    // Passage coverage alone punishes questions that combine the article's ideas in
    // other words; corpus coverage alone misses questions whose words the article
    // uses about something else. Together they separate the dev set with a margin.
    const lexicalScore = (bestCoverage + corpusCoverage) / 2;
    const reason =
      query.units.length === 0
        ? 'no-content'
        : ranked.length === 0
          ? 'no-match'
          : lexicalScore < options.abstainBelow
            ? 'low-coverage'
            : 'covered';
    const confidence: Confidence = reason === 'covered' ? 'answer' : 'none';
    return {
      query,
      ranked,
      confidence,
      abstained: confidence !== 'answer',
      answerability: {
        bestCoverage,
        corpusCoverage,
        lexical: lexicalScore,
        reason,
        ...(evidence && { dense: evidence }),
      },
    };
  }
}
