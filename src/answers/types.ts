/**
 * What the core answers with. Renderers (console, Discord, JSON) only read these;
 * nothing in them is generated text about the article, only the article's own
 * words plus where they came from.
 */
import type { SkippedFile } from '../corpus/types.js';
import type { DocumentMeta, Passage } from '../corpus/types.js';
import type { Answerability, Confidence } from '../retrieval/answerability.js';
import type { Intent } from '../intent/classify.js';
import type { Lang } from '../text/language.js';
import type { ArticleInfo } from './articles.js';

export type IndexMode = 'hybrid' | 'lexical';

export type { Passage } from '../corpus/types.js';
export type { Answerability, Confidence, DenseEvidence } from '../retrieval/answerability.js';

/** One sentence of a quote: verbatim, and whether it is the one that best answers. */
export interface QuoteSentence {
  text: string;
  key: boolean;
}

export interface Citation {
  doc: string;
  paragraphs: number[];
  section: string | null;
  source?: string;
  published?: string;
  url?: string;
  title: string;
}

export interface Excerpt {
  passage: Passage;
  score: number;
  /** The question's terms found in the passage (normal form), as minisearch reports `match`. */
  matched: string[];
  /** The excerpt shown, as consecutive verbatim sentences of the passage. */
  sentences: QuoteSentence[];
  /** sentences joined: a verbatim substring of passage.text. */
  quote: string;
  citation: Citation;
}

export interface Answer {
  question: string;
  lang: Lang;
  mode: IndexMode;
  /** True unless confidence is "answer". */
  abstained: boolean;
  confidence: Confidence;
  /**
   * Best first. With confidence "answer", the excerpts that answer; with "related", the
   * closest passages, shown under a caveat; with "none", empty.
   */
  excerpts: Excerpt[];
  /** Further passages, for "more passages". */
  more: Excerpt[];
  /** When abstaining: people and topics the article does cover. */
  suggestions: string[];
  answerability: Answerability;
  /**
   * Present when the question was read as a follow-up of an earlier one: `question` is
   * what was asked, `followUp.understood` what was answered.
   */
  followUp?: FollowUp;
}

/** How a follow-up was read: a pronoun resolved, or an elliptical question completed. */
export interface FollowUp {
  kind: 'pronoun' | 'ellipsis';
  understood: string;
}

export interface AskOptions {
  /**
   * The conversation's previous questions, oldest first (as asked, or as understood):
   * the question may lean on the last of them.
   */
  context?: readonly string[];
  /**
   * An article id: the question is answered from that article alone (and a summary
   * request summarises it). An id the index does not hold throws UnknownArticleError.
   */
  doc?: string;
}

export interface PersonMention {
  doc: string;
  paragraphs: number[];
  section: string | null;
  /** Verbatim sentence(s) naming the person. */
  quote: string;
  citation: Citation;
}

export interface PersonRecord {
  /** Canonical name as the article writes it. */
  name: string;
  aliases: string[];
  /** One line: quoted from the article when roleQuoted, else built from metadata (an author's byline). */
  role: string;
  roleQuoted: boolean;
  /** Where a quoted role is in the article; absent for roles built from metadata. */
  roleCitation?: Citation;
  mentionCount: number;
  mentions: PersonMention[];
}

export interface PersonAnswer {
  query: string;
  lang: Lang;
  person: PersonRecord | null;
  /** Names to try when nobody fits (or near-misses). */
  suggestions: string[];
}

export interface PersonChoice {
  /** What to show: "潘梓正 (Pan Zizheng)". At most 100 characters. */
  name: string;
  /** What to submit: the canonical name. */
  value: string;
}

export interface AboutInfo {
  documents: DocumentMeta[];
  /** The same documents, each with its passage count (what /articles lists). */
  articles: ArticleInfo[];
  passages: number;
  people: number;
  mode: IndexMode;
  /** Why the index is keyword-only, when it is. */
  modeReason?: string;
  model: string | null;
  builtAt: string;
  /** The build answering now. */
  buildId: string;
  /** Corpus files the build left out, and why. */
  skipped: SkippedFile[];
}

/** One article's summary: its chosen sentences as excerpts, in the article's order. */
export interface ArticleSummary {
  meta: DocumentMeta;
  /** In article order; sentences next to each other in one passage make one excerpt. */
  excerpts: Excerpt[];
  /** The next-ranked sentences, for "more passages". */
  more: Excerpt[];
}

/** What the whole article says, in its own sentences: built at index time, never generated. */
export interface SummaryAnswer {
  /** What the user wrote, or null for /summary. */
  question: string | null;
  lang: Lang;
  mode: IndexMode;
  articles: ArticleSummary[];
}

/** What a greeting answers with: what the bot knows, and questions it can answer. */
export interface Greeting {
  lang: Lang;
  documents: DocumentMeta[];
  /** Questions taken from the articles (a person, a figure) that the bot answers; in `lang`. */
  examples: string[];
}

/** The engine's response to anything a user writes, by intent. */
export type Reply =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'summary'; summary: SummaryAnswer }
  | { kind: 'greeting'; greeting: Greeting }
  | { kind: 'help'; lang: Lang };

export interface SummaryRequest {
  lang: Lang;
  /** An article id; all articles when absent. */
  doc?: string;
  question?: string;
}

/** The core, as the Discord layer and the console see it. */
export interface Engine {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /**
   * Anything a user writes: summary and help requests and greetings are told apart first;
   * a question may follow up on `options.context`.
   */
  reply(text: string, intent?: Intent, options?: AskOptions): Promise<Reply>;
  summary(request: SummaryRequest): SummaryAnswer;
  person(query: string): PersonAnswer;
  suggestPeople(partial: string, limit: number): PersonChoice[];
  about(): AboutInfo;
}
