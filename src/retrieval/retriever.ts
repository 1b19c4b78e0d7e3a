/**
 * Hybrid retrieval: BM25 over Chinese terms (plus English→Chinese expansion) and,
 * when the index has vectors, HNSW over embeddings; the two rankings are fused by
 * reciprocal rank fusion. Then coverage decides whether the article answers at all.
 */
import type { Passage } from '../corpus/types.js';
import type { WeightedTerm } from '../indexes/bm25.js';
import type { Embedder } from '../embedding/types.js';
import type { LoadedIndex } from '../indexes/load.js';
import { CURATED_WEIGHT, curatedSynonyms } from '../lexicon/chinese-synonyms.js';
import { fieldWords } from '../lexicon/field-words.js';
import { SubstringLookup } from '../text/substring-lookup.js';
import { ARTICLE_FACTS, CAUSAL, PHOTO_WORDS } from '../lexicon/question-lexicon.js';
import type { PersonEntry } from '../people/types.js';
import { hasHan, isHanOnly } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { normalize } from '../text/normalize.js';
import type { Answerability, Confidence, DenseEvidence } from './answerability.js';
import { CoverageModel, unitMatch } from './coverage.js';
import { CONFIDENCE, decide } from './decide.js';
import { denseEvidence, denseSupports } from './dense-evidence.js';
import { CorpusEntities, type FocalEntity, type NamedInQuestion } from './entities.js';
import { EvidenceFinder } from './evidence.js';
import { EVIDENCED_TYPES } from './question-frame.js';
import {
  analyzeQuery,
  termsOf,
  type AnalyzedQuery,
  type NameResolver,
  type QueryUnit,
} from './query.js';

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
  /** Where near-synonyms of the question's words come from (none when empty). */
  synonyms: readonly 'curated'[];
}

export const DEFAULT_RETRIEVER: RetrieverOptions = {
  rrfK: 60,
  abstainBelow: 0.38,
  candidates: 20,
  synonyms: ['curated'],
};

/**
 * What a question asks of the entity it names is in its nouns (博士, 市值, 總部); its
 * verbs are often the reader's paraphrase (念, 跌掉) and are left out of that test.
 */
const REST_IMPORTANCE = 0.8;
/** How surely an alternative must mean the asked-for noun to count as the article naming it. */
const HEAD_CONFIDENCE = 0.7;
/** How far down the ranking typed evidence is looked for. */
const EVIDENCE_DEPTH = 5;
/** Share of the question's corpus nouns besides its entities an answering sentence must hold. */
const REST_MIN = 0.3;
/** Fused-score margin by which the passage with the evidence leads. */
const EVIDENCE_BONUS = 1e-4;
/** The subject a bare pronoun stands for weighs less than what was typed. */
const SUBJECT_WEIGHT = 0.5;
const SUBJECT_IMPORTANCE = 0.5;
/** Caption passages for a question about a photo: their score is raised, or given if BM25 missed them. */
const PHOTO_BOOST = 2;
const PHOTO_FLOOR = 0.5;
/** What a passage giving a reason gains for a why-question. */
const REASON_BOOST = 1.5;
/** The passage right after a match, when it gives the reason, against the match's score. */
const FOLLOWING_REASON = 0.9;
/** How many passages on a reason may follow what it explains, and what each step costs. */
const REASON_REACH = 3;
const REASON_DECAY = 0.85;
/** Role words a question must share with a person's role to describe them. */
const DESCRIBED_MIN_WORDS = 2;

/** Coverage scales BM25 between COVERAGE_FLOOR (covers nothing) and 1 + COVERAGE_FLOOR. */
const COVERAGE_FLOOR = 0.5;

/** How much an expanded abbreviation counts, against 1 for what was typed. */
const ABBREVIATION_WEIGHT = 0.8;

/** Total weight of a named person's role terms, against 1 per question term. */
const PERSON_CONTEXT_WEIGHT = 1;

/** What a question is asked of. */
export interface RetrieveOptions {
  /** An article id: only that article's passages are ranked and quoted. */
  doc?: string;
}

/** The passages a question may be answered from: all, or one article's. */
interface Scope {
  /** Null for the whole corpus. */
  ids: ReadonlySet<number> | null;
  masthead: number[];
  captions: number[];
}

/** Two passages of one article under one heading. */
function sameSection(a: Passage, b: Passage): boolean {
  return a.doc === b.doc && a.section === b.section;
}

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
  /**
   * Placed by what the question asks rather than by its words: the masthead for a question
   * about the article, the passage holding a typed answer. Quoted even without shared words.
   */
  pinned: boolean;
}

/** A question as retrieval works with it, before anything is ranked. */
interface Understood {
  question: string;
  query: AnalyzedQuery;
  named: NamedInQuestion;
  /** Who a bare pronoun stands for, if anyone. */
  subject: PersonEntry | null;
  /** What the question names, the subject included. */
  focal: FocalEntity[];
  aboutArticle: boolean;
  /** Every term the keyword index is searched with, and its weight. */
  searched: WeightedTerm[];
  scope: Scope;
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
  private readonly roles: {
    person: PersonEntry;
    forms: string[];
    terms: WeightedTerm[];
    words: string[];
  }[];
  /** Each role's words, as [role, word] indexes: which a question's words hold or are part of. */
  private readonly roleWords: SubstringLookup<readonly [number, number]>;
  /** Scratch for `describedPerson`, one word mask per role, all zero between calls. */
  private roleMasks: Uint32Array | undefined;
  /** Each role's person's names, as role indexes. */
  private readonly roleForms: SubstringLookup<number>;
  private readonly entities: CorpusEntities;
  private readonly evidence: EvidenceFinder;
  private readonly mastheadIds: number[];
  private readonly captionIds: number[];
  private allMastheads: string | null = null;
  /** Each article's passage ids, for questions asked of one article. */
  private readonly docIds = new Map<string, Set<number>>();

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
    // Worked out by the build: normalising every passage here took most of opening an index.
    this.normalizedTexts = index.normalTexts;
    this.coverage = new CoverageModel(
      this.normalizedTexts,
      // Most passages have no field words: their plain text is the same string, kept once.
      index.passages.map((p, i) =>
        fieldWords(p.tags) ? normalize(p.text) : this.normalizedTexts[i]!,
      ),
      index.manifest.tokenizer.bigrams ? index.bm25 : null,
    );
    this.entities = new CorpusEntities(index, this.coverage);
    this.evidence = new EvidenceFinder(this.entities, index.passages);
    this.mastheadIds = index.passages.filter((p) => p.tags.includes('masthead')).map((p) => p.id);
    this.captionIds = index.passages.filter((p) => p.tags.includes('caption')).map((p) => p.id);
    for (const p of index.passages) {
      const ids = this.docIds.get(p.doc);
      if (ids) ids.add(p.id);
      else this.docIds.set(p.doc, new Set([p.id]));
    }
    this.roles = index.people.people
      .filter((p) => p.roleQuoted)
      .map((p) => {
        // Once: normalising twice was 89 of this loop's 253 ms at 1,000 articles.
        const role = normalize(p.role);
        return {
          person: p,
          forms: p.forms.filter((f) => f.length > 1),
          terms: termsOf(role, PERSON_CONTEXT_WEIGHT, index.manifest.tokenizer),
          words: [
            ...new Set(
              jieba()
                .cut(role, true)
                .filter((w) => w.length >= 2 && isHanOnly(w)),
            ),
          ],
        };
      });
    this.roleWords = new SubstringLookup(
      this.roles.flatMap((r, i) => r.words.map((w, j) => [w, [i, j] as const] as const)),
      { within: true },
    );
    this.roleForms = new SubstringLookup(
      this.roles.flatMap((r, i) => r.forms.map((f) => [f, i] as const)),
    );
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
   * Near-synonyms of what the question says, in the words the article uses (小組 →
   * 團隊, 跌掉 → 蒸發): each covers its unit and is searched for, less than what was typed.
   */
  private expandSynonyms(query: AnalyzedQuery): WeightedTerm[] {
    const terms: WeightedTerm[] = [];
    const curated = this.options.synonyms.includes('curated');
    const synonymsOf = (word: string): [string, number][] =>
      curated ? curatedSynonyms(word).map((s): [string, number] => [s, CURATED_WEIGHT]) : [];
    for (const unit of query.units) {
      const have = new Set(unit.alternatives.map((a) => a.text));
      for (const alt of [...unit.alternatives]) {
        const found = synonymsOf(alt.text);
        // A compound the article lacks may hold a word it says otherwise: 重點項目 → 重要項目.
        if (alt.text.length >= 3 && !this.coverage.inCorpus(alt.text)) {
          for (const part of jieba().cutForSearch(alt.text, true)) {
            if (part.length < 2 || part === alt.text) continue;
            for (const [s, w] of synonymsOf(part)) found.push([alt.text.replace(part, s), w]);
          }
        }
        for (const [text, weight] of found) {
          if (have.has(text) || !this.coverage.inCorpus(text)) continue;
          have.add(text);
          const w = weight * Math.min(1, alt.weight);
          unit.alternatives.push({ text, weight: w });
          terms.push(...termsOf(text, w, this.index.manifest.tokenizer));
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
  private reasons(hits: { id: number; score: number }[]): { id: number; score: number }[] {
    const causal = (id: number) => CAUSAL.test(this.normalizedTexts[id]!);
    const out = new Map(hits.map((h) => [h.id, h.score]));
    const top = [...hits].sort((a, b) => b.score - a.score).slice(0, 3);
    for (const h of top) {
      if (causal(h.id)) continue;
      const at = this.index.passages[h.id]!;
      // The reason may come a few passages on, in the same section (RoW's finding that
      // top talent leaves Silicon Valley, then two passages, then "關於其背後原因…"),
      // each passage between weakening the link.
      let factor = FOLLOWING_REASON;
      for (let id = h.id + 1; id <= h.id + REASON_REACH; id++, factor *= REASON_DECAY) {
        const next = this.index.passages[id];
        if (!next || !sameSection(next, at)) break;
        if (!causal(id)) continue;
        out.set(id, Math.max(out.get(id) ?? 0, h.score * factor));
        break;
      }
    }
    return [...out].map(([id, score]) => ({
      id,
      score: causal(id) ? score * REASON_BOOST : score,
    }));
  }

  /**
   * The person a description fits ("the former assistant secretary of defense",
   * "那位哈佛學者"), by the words of their role, or null when no one person's role
   * holds enough of them.
   */
  describes(description: string): PersonEntry | null {
    const { crosslingual, manifest } = this.index;
    const query = analyzeQuery(description, crosslingual, manifest.tokenizer, this.resolveName);
    return this.describedPerson(query)?.person ?? null;
  }

  private describedPerson(query: AnalyzedQuery): { person: PersonEntry; forms: string[] } | null {
    const texts = query.units.flatMap((u) => u.alternatives.map((a) => a.text));
    // Per role, its words the question's texts hold or are part of: a bit per word
    // (a Set past the 31st). A common word (研究, 公司) is in thousands of roles at ten
    // thousand articles, and a Set per role with an array per match was most of a
    // question's time.
    const masks = (this.roleMasks ??= new Uint32Array(this.roles.length));
    const beyond = new Map<number, Set<number>>();
    const touched: number[] = [];
    const match = ([role, word]: readonly [number, number]) => {
      if (masks[role] === 0 && !beyond.has(role)) touched.push(role);
      if (word < 31) masks[role]! |= 1 << word;
      else {
        const words = beyond.get(role);
        if (words) words.add(word);
        else beyond.set(role, new Set([word]));
        if (masks[role] === 0) masks[role] = 1 << 31;
      }
    };
    for (const t of texts) {
      if (t.length < 2) continue;
      this.roleWords.eachIn(t, match);
      for (const pair of this.roleWords.containing(t)) match(pair);
    }
    // The first role (in the registry's order) with the most words, unless another has
    // as many. Only the roles matched are looked at.
    let best = -1;
    let most = DESCRIBED_MIN_WORDS - 1;
    let tie = false;
    for (const i of touched) {
      const hits = bitCount(masks[i]! & 0x7fffffff) + (beyond.get(i)?.size ?? 0);
      masks[i] = 0;
      if (hits > most) {
        best = i;
        most = hits;
        tie = false;
      } else if (hits === most && best >= 0) {
        tie = true;
        best = Math.min(best, i);
      }
    }
    return best >= 0 && !tie ? this.roles[best]! : null;
  }

  private personContext(query: AnalyzedQuery): WeightedTerm[] {
    const haystacks = [
      query.normalized,
      ...query.units.flatMap((u) => u.alternatives.map((a) => a.text)),
    ];
    const found = new Set(haystacks.flatMap((h) => this.roleForms.in(h)));
    const named = this.roles.filter((_, i) => found.has(i));
    // With two people named, the question is about what links them, not who either one is.
    return named.length === 1 ? named[0]!.terms : [];
  }

  /** The scope of `options`: an unknown article has no passages, so nothing is found in it. */
  private scopeOf(options: RetrieveOptions): Scope {
    if (options.doc === undefined)
      return { ids: null, masthead: this.mastheadIds, captions: this.captionIds };
    const ids = this.docIds.get(options.doc) ?? new Set<number>();
    return {
      ids,
      masthead: this.mastheadIds.filter((id) => ids.has(id)),
      captions: this.captionIds.filter((id) => ids.has(id)),
    };
  }

  async retrieve(question: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const q = this.understand(question, this.scopeOf(options));
    const { ranked, denseFound, bestCoverage } = await this.rank(q);
    const corpusCoverage = this.coverage.corpusCoverage(q.query.units);
    // Passage coverage alone punishes questions that combine the article's ideas in
    // other words; corpus coverage alone misses questions whose words the article
    // uses about something else. Together they separate the dev set with a margin.
    const lexicalScore = (bestCoverage + corpusCoverage) / 2;
    const judged = this.judge(q, ranked);
    const { frame } = q.query;

    const reason = decide({
      personMissing: this.personMissing(q, ranked),
      units: q.query.units.length,
      ranked: ranked.length,
      aboutArticle: q.aboutArticle,
      absent: q.named.absent.length,
      absentPeople: q.named.absentPeople.length,
      named: q.named.focal.length,
      covered:
        lexicalScore >= this.options.abstainBelow ||
        (denseFound ? denseSupports(denseFound) : false),
      typed: judged.typed,
      evidenced: judged.found !== null,
      headKnown: judged.headKnown,
      howTo: frame.howTo,
    });
    const confidence = CONFIDENCE[reason];
    const { found } = judged;
    return {
      query: q.query,
      ranked,
      confidence,
      abstained: confidence !== 'answer',
      answerability: {
        bestCoverage,
        corpusCoverage,
        lexical: lexicalScore,
        reason,
        ...(denseFound && { dense: denseFound }),
        details: {
          types: frame.types.join(',') || null,
          attributes: frame.attributes.map((a) => a.name).join(',') || null,
          focal: q.named.focal.map((g) => g.forms[0]).join(',') || null,
          absent: q.named.absent.join(',') || null,
          subject: q.subject?.name ?? null,
          asked: judged.asked.map((u) => u.label).join(',') || null,
          head: frame.head,
          headKnown: judged.headKnown,
          aboutArticle: q.aboutArticle,
          aboutPhoto: frame.aboutPhoto,
          evidence: found
            ? `passage ${found.passage + 1}, sentence ${found.sentence + 1}, rest ${found.rest.toFixed(2)}`
            : null,
        },
      },
    };
  }

  /** The question analysed and expanded: what it names, what it asks, what to search for. */
  private understand(question: string, scope: Scope): Understood {
    const tokenizer = this.index.manifest.tokenizer;
    const query = analyzeQuery(question, this.index.crosslingual, tokenizer, this.resolveName);
    const { frame } = query;
    const abbreviations = this.expandAbbreviations(query);
    const synonyms = this.expandSynonyms(query);
    const named = this.entities.named(query);

    // "他的博士在哪裡讀的": with nobody named, a pronoun means the article's subject.
    const subject = frame.pronoun && named.people.length === 0 ? this.entities.subject : null;
    const focal: FocalEntity[] = [...named.focal];
    const subjectTerms: WeightedTerm[] = [];
    if (subject) {
      const forms = subject.forms.filter((f) => f.length > 1);
      focal.push({ forms, person: true });
      query.units.push({
        label: subject.name,
        alternatives: forms.map((text) => ({ text, weight: 1 })),
        importance: SUBJECT_IMPORTANCE,
        name: true,
      });
      subjectTerms.push(...termsOf(forms[0] ?? subject.name, SUBJECT_WEIGHT, tokenizer));
    }
    // "那位哈佛學者": a person the question describes by their role instead of naming.
    const described = named.people.length === 0 && !subject ? this.describedPerson(query) : null;
    if (described) subjectTerms.push(...termsOf(described.forms[0]!, SUBJECT_WEIGHT, tokenizer));
    const aboutArticle = this.asksAboutArticle(
      query,
      named.focal.flatMap((g) => g.forms),
      scope.masthead,
    );
    const searched = [
      ...query.terms,
      ...abbreviations,
      ...synonyms,
      ...subjectTerms,
      ...this.personContext(query),
    ];
    return { question, query, named, subject, focal, aboutArticle, searched, scope };
  }

  /** Both legs ranked and fused, each passage with its coverage of the question. */
  private async rank(q: Understood): Promise<{
    ranked: RankedPassage[];
    denseFound: DenseEvidence | undefined;
    bestCoverage: number;
  }> {
    const { index, options } = this;
    const { query, aboutArticle, searched, scope } = q;
    const coverage = new Map<number, number>();
    const coverageOf = (id: number): number => {
      let c = coverage.get(id);
      if (c === undefined)
        coverage.set(id, (c = this.coverage.coverage(query.units, this.normalizedTexts[id]!)));
      return c;
    };
    // BM25 rewards repeating one matched word; scaling by coverage prefers the
    // passage that holds more of the distinct things the question asks about.
    const hits = index.bm25.search(searched, {
      limit: options.candidates * 2,
      ...(scope.ids && { within: scope.ids }),
    });
    let lexical = hits.map((hit) => ({
      id: hit.id,
      score: hit.score * (COVERAGE_FLOOR + coverageOf(hit.id)),
    }));
    // A why-question is answered by a passage that gives a reason, often the one right
    // after the passage that tells what happened ("…許多人還是選擇回國。" → "關於其背後原因…").
    if (query.frame.types.includes('reason')) lexical = this.reasons(lexical);
    lexical = this.route(lexical, query.frame.aboutPhoto, aboutArticle, scope)
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, options.candidates);

    let dense: { id: number; score: number }[] = [];
    if (this.embedder && index.vectors) {
      const [vector] = await this.embedder.embedQueries([q.question]);
      if (vector) dense = index.vectors.search(vector, options.candidates, scope.ids ?? undefined);
    }
    const calibration = index.manifest.embedding?.calibration;
    const denseFound =
      dense[0] && calibration ? denseEvidence(dense[0].score, calibration, query.lang) : undefined;

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
        pinned: aboutArticle && scope.masthead.includes(id),
      }))
      .sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
    const bestCoverage = Math.max(0, ...ranked.slice(0, 3).map((r) => r.coverage));
    return { ranked, denseFound, bestCoverage };
  }

  /**
   * Typed evidence: a question asking for a date, a number, a name, or an attribute (an
   * age, a salary) is answered only by a sentence that shows one, beside what the question
   * names; the passage holding it moves to the top of `ranked`. And the article must name
   * what a "what is Y" asks for, in the sense asked.
   */
  private judge(
    q: Understood,
    ranked: RankedPassage[],
  ): {
    typed: boolean;
    found: { passage: number; sentence: number; rest: number } | null;
    asked: QueryUnit[];
    headKnown: boolean;
  } {
    const { query, focal, aboutArticle } = q;
    const { frame } = query;
    const typed = frame.attributes.length > 0 || frame.types.some((t) => EVIDENCED_TYPES.has(t));
    // What the question asks of what it names: its other nouns. Only those the article
    // says are a test; a noun it lacks is the reader's own word and may be paraphrased.
    const focalForms = focal.flatMap((g) => g.forms);
    const asked = query.units.filter(
      (u) =>
        u.importance >= REST_IMPORTANCE &&
        // An English word counts only through a translation it surely has ("out" has none).
        u.alternatives.some((a) => a.weight >= 0.9) &&
        // A question about a photo names it; the caption does not.
        !(frame.aboutPhoto && u.alternatives.some((a) => PHOTO_WORDS.test(a.text))) &&
        !u.alternatives.some((a) =>
          focalForms.some((f) => a.text.includes(f) || f.includes(a.text)),
        ) &&
        // The attribute asked for is tested by its cue, not by its words.
        !frame.attributes.some(
          (attr) => attr.asked.test(u.label.toLowerCase()) || attr.cue.test(u.label.toLowerCase()),
        ) &&
        // Of an English question only the nouns: its verbs ("working on") are phrasing.
        (hasHan(u.label) || u.importance >= 1) &&
        u.alternatives.some((a) => this.coverage.inArticle(a.text)),
    );
    // What a "how many" counts must be what the sentence counts; the article cannot count
    // what it never mentions.
    const counted = frame.counted
      ? query.units.find((u) => u.label.toLowerCase() === frame.counted)
      : undefined;
    const countable = counted?.alternatives.some((a) => this.coverage.inArticle(a.text)) ?? true;
    const restOf = (text: string): number => {
      // The masthead answers what a question about the article asks, whatever its words.
      if (aboutArticle) return 1;
      if (counted && (!countable || unitMatch(counted, text) < 0.5)) return 0;
      return asked.length === 0 ? 1 : this.coverage.coverage(asked, text);
    };
    const found = typed
      ? this.evidence.find(
          frame,
          aboutArticle ? [] : focal,
          ranked.slice(0, EVIDENCE_DEPTH).map((r) => r.passage),
          restOf,
          REST_MIN,
        )
      : null;
    if (found && found.passage > 0) {
      const [hit] = ranked.splice(found.passage, 1);
      ranked.unshift({ ...hit!, score: ranked[0]!.score + EVIDENCE_BONUS, pinned: true });
    }
    // "潘梓正的博士論文題目是什麼": the article must name what is asked for, in the sense
    // asked (資本 is not the capital of a country).
    const head = frame.head
      ? query.units.find((u) => u.label.toLowerCase() === frame.head)
      : undefined;
    const headKnown =
      !head ||
      head.alternatives.some((a) => a.weight >= HEAD_CONFIDENCE && this.coverage.inCorpus(a.text));
    return { typed, found, asked, headKnown };
  }

  /**
   * A question about one person the article names ("禹之鼎在哪間研究所畢業的") is not
   * answered by a passage that never names them: the best passage, or the one before
   * it in its section (where "他" may refer back), must say who it is about. Otherwise
   * the words matched are another person's story (潘梓正's studies).
   */
  private personMissing(q: Understood, ranked: readonly RankedPassage[]): boolean {
    if (q.aboutArticle || q.named.people.length !== 1 || q.named.focal.length !== 1) return false;
    if (ranked.length === 0) return false;
    const forms = q.named.people[0]!.forms.filter((f) => f.length > 1);
    if (forms.length === 0) return false;
    const top = ranked[0]!.passage;
    const before = this.index.passages[top.id - 1];
    const texts = [this.normalizedTexts[top.id]!];
    if (before && sameSection(before, top)) texts.push(this.normalizedTexts[before.id]!);
    return !texts.some((t) => forms.some((f) => t.includes(f)));
  }

  /**
   * A question about the article itself ("誰寫的", "when was this published") that names
   * nothing the masthead does not: answered from the dateline and byline.
   */
  private asksAboutArticle(
    query: AnalyzedQuery,
    focal: readonly string[],
    mastheadIds: readonly number[],
  ): boolean {
    const { frame } = query;
    if (!frame.asksArticleFacts || mastheadIds.length === 0) return false;
    const masthead = this.mastheadText(mastheadIds);
    // "字節跳動最近發布了什麼" asks when something was published, not this article.
    const onlyFacts = query.units.every(
      (u) =>
        ARTICLE_FACTS.test(u.label.toLowerCase()) ||
        u.alternatives.some((a) => masthead.includes(a.text)),
    );
    return (frame.pointsAtArticle || onlyFacts) && focal.every((f) => masthead.includes(f));
  }

  /**
   * The masthead passages' text, joined: the whole corpus's made once (at ten thousand
   * articles joining it took milliseconds per question), one article's each time.
   */
  private mastheadText(ids: readonly number[]): string {
    const join = () => ids.map((id) => this.normalizedTexts[id]!).join('\n');
    if (ids !== this.mastheadIds) return join();
    return (this.allMastheads ??= join());
  }

  /** Masthead passages lead for questions about the article; captions rise for questions about photos. */
  private route(
    hits: { id: number; score: number }[],
    aboutPhoto: boolean,
    aboutArticle: boolean,
    scope: Scope,
  ): { id: number; score: number }[] {
    if (!aboutPhoto && !aboutArticle) return hits;
    const top = Math.max(1, ...hits.map((h) => h.score));
    const out = new Map(hits.map((h) => [h.id, h.score]));
    if (aboutPhoto) {
      for (const id of scope.captions)
        out.set(id, (out.get(id) ?? top * PHOTO_FLOOR) * PHOTO_BOOST);
    }
    if (aboutArticle) for (const id of scope.masthead) out.set(id, top * 2);
    return [...out].map(([id, score]) => ({ id, score }));
  }
}

/** The number of bits set in a 32-bit integer. */
function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
