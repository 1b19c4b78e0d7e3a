/** The machine-readable shapes of `ask --json` and `person --json`. */
import { rankedExcerpts } from '../answers/answerer.js';
import type { Answer, PersonAnswer } from '../answers/types.js';

export interface AnswerJson {
  id?: string;
  question: string;
  /** What was answered: the question itself, or a follow-up as read against its context. */
  understood: string;
  /** How a follow-up was read, or null for a question answered as asked. */
  followUp: 'pronoun' | 'ellipsis' | null;
  mode: Answer['mode'];
  abstained: boolean;
  confidence: Answer['confidence'];
  /** The numbers abstention was decided on. */
  answerability: Answer['answerability'];
  passages: {
    doc: string;
    section: string | null;
    paragraphs: number[];
    text: string;
    quote: string;
    score: number;
    /** The question's terms the passage matched. */
    matched: string[];
  }[];
}

export function answerToJson(answer: Answer, id?: string): AnswerJson {
  return {
    ...(id !== undefined && { id }),
    question: answer.question,
    understood: answer.followUp?.understood ?? answer.question,
    followUp: answer.followUp?.kind ?? null,
    mode: answer.mode,
    abstained: answer.abstained,
    confidence: answer.confidence,
    answerability: answer.answerability,
    // The whole ranked list, best first, whether shown or behind "more".
    passages: rankedExcerpts(answer).map((e) => ({
      doc: e.passage.doc,
      section: e.passage.section,
      paragraphs: e.passage.paragraphs,
      text: e.passage.text,
      quote: e.quote,
      score: Number(e.score.toFixed(6)),
      matched: e.matched,
    })),
  };
}

export interface PersonJson {
  query: string;
  person: {
    name: string;
    aliases: string[];
    role: string;
    mentions: { doc: string; paragraphs: number[]; quote: string }[];
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
      mentions: p.mentions.map((m) => ({ doc: m.doc, paragraphs: m.paragraphs, quote: m.quote })),
    },
    suggestions: answer.suggestions,
  };
}
