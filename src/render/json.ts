/** The machine-readable shapes of `ask --json` and `person --json`. */
import { rankedExcerpts } from '../answers/answerer.js';
import { groupByArticle, type ArticleRef } from '../answers/articles.js';
import type { Answer, Excerpt, PersonAnswer, Reply, SummaryAnswer } from '../answers/types.js';
import { formatPublished } from './citation.js';

export interface PassageJson {
  doc: string;
  /** The article's title: every passage says which article it quotes. */
  title: string;
  source?: string;
  /** As the publisher dates it: "2025-02-09". */
  published?: string;
  url?: string;
  section: string | null;
  paragraphs: number[];
  text: string;
  quote: string;
  score: number;
  /** The question's terms the passage matched. */
  matched: string[];
}

export interface AnswerJson {
  id?: string;
  question: string;
  kind: 'answer';
  /** What was answered: the question itself, or a follow-up as read against its context. */
  understood: string;
  /** How a follow-up was read, or null for a question answered as asked. */
  followUp: 'pronoun' | 'ellipsis' | null;
  mode: Answer['mode'];
  abstained: boolean;
  confidence: Answer['confidence'];
  /** The numbers abstention was decided on. */
  answerability: Answer['answerability'];
  passages: PassageJson[];
  /**
   * The passages grouped by article: each article once, in the order of its best passage,
   * with the indexes of its passages in `passages`.
   */
  articles: ArticleJson[];
}

export interface ArticleJson {
  doc: string;
  title: string;
  source?: string;
  published?: string;
  url?: string;
  /** Indexes into the reply's `passages`, best first. */
  passages: number[];
}

function articleFields(a: ArticleRef): Omit<ArticleJson, 'passages'> {
  const published = formatPublished(a.published);
  return {
    doc: a.doc,
    title: a.title,
    ...(a.source !== undefined && { source: a.source }),
    ...(published !== undefined && { published }),
    ...(a.url !== undefined && { url: a.url }),
  };
}

function passageJson(e: Excerpt, paragraphs: number[]): PassageJson {
  const { doc, ...article } = articleFields(e.citation);
  return {
    doc,
    ...article,
    section: e.passage.section,
    paragraphs,
    text: e.passage.text,
    quote: e.quote,
    score: Number(e.score.toFixed(6)),
    matched: e.matched,
  };
}

export function answerToJson(answer: Answer, id?: string): AnswerJson {
  const ranked = rankedExcerpts(answer);
  return {
    ...(id !== undefined && { id }),
    question: answer.question,
    kind: 'answer',
    understood: answer.followUp?.understood ?? answer.question,
    followUp: answer.followUp?.kind ?? null,
    mode: answer.mode,
    abstained: answer.abstained,
    confidence: answer.confidence,
    answerability: answer.answerability,
    // The whole ranked list, best first, whether shown or behind "more".
    passages: ranked.map((e) => passageJson(e, e.passage.paragraphs)),
    articles: groupByArticle(ranked).map((g) => ({
      ...articleFields(g.article),
      passages: g.excerpts.map((e) => ranked.indexOf(e)),
    })),
  };
}

/** A summary: its sentences in article order, each citing the ¶ it is in. Never an abstention. */
export interface SummaryJson {
  id?: string;
  question: string;
  kind: 'summary';
  mode: SummaryAnswer['mode'];
  abstained: false;
  confidence: 'answer';
  passages: PassageJson[];
  /** The next-ranked sentences, behind "more passages" in Discord. */
  more: PassageJson[];
}

interface DocumentJson {
  id: string;
  title: string;
  source?: string;
  published?: string;
}

export interface GreetingJson {
  id?: string;
  question: string;
  kind: 'greeting';
  abstained: false;
  documents: DocumentJson[];
  examples: string[];
  passages: [];
}

export interface HelpJson {
  id?: string;
  question: string;
  kind: 'help';
  abstained: false;
  passages: [];
}

export type ReplyJson = AnswerJson | SummaryJson | GreetingJson | HelpJson;

/** `ask --json`: what any message gets, told apart by `kind`. */
export function replyToJson(reply: Reply, question: string, id?: string): ReplyJson {
  const base = { ...(id !== undefined && { id }), question };
  switch (reply.kind) {
    case 'answer':
      return answerToJson(reply.answer, id);
    case 'summary': {
      const s = reply.summary;
      // The sentence's own ¶, not the whole passage's: a summary cites what it quotes.
      const of = (e: Excerpt) => passageJson(e, e.citation.paragraphs);
      return {
        ...base,
        kind: 'summary',
        mode: s.mode,
        abstained: false,
        confidence: 'answer',
        passages: s.articles.flatMap((a) => a.excerpts.map(of)),
        more: s.articles.flatMap((a) => a.more.map(of)),
      };
    }
    case 'greeting':
      return {
        ...base,
        kind: 'greeting',
        abstained: false,
        documents: reply.greeting.documents.map((d) => ({
          id: d.id,
          title: d.title,
          ...(d.source !== undefined && { source: d.source }),
          ...(d.published !== undefined && { published: formatPublished(d.published)! }),
        })),
        examples: reply.greeting.examples,
        passages: [],
      };
    case 'help':
      return { ...base, kind: 'help', abstained: false, passages: [] };
  }
}

export interface PersonJson {
  query: string;
  person: {
    name: string;
    aliases: string[];
    role: string;
    mentions: { doc: string; title: string; paragraphs: number[]; quote: string }[];
  } | null;
  suggestions: string[];
}

export function personToJson(answer: PersonAnswer): PersonJson {
  const p = answer.person;
  return {
    query: answer.query,
    person: p && {
      name: p.name,
      aliases: p.aliases,
      role: p.role,
      mentions: p.mentions.map((m) => ({
        doc: m.doc,
        title: m.citation.title,
        paragraphs: m.paragraphs,
        quote: m.quote,
      })),
    },
    suggestions: answer.suggestions,
  };
}
