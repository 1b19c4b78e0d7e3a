/**
 * Who a "who" question turned out to be about. After "潘梓正實習時的導師是誰？" the
 * answer, 禹之鼎, is what the conversation is now about: "他在輝達是什麼職位？" asks
 * about the mentor, not about 潘梓正. The answer's person is read off the quoted
 * evidence, so it is only ever someone the article names there.
 */
import type { Answer } from '../answers/types.js';
import { analyzeFrame } from '../retrieval/question-frame.js';
import { normalize, normalizeAligned } from '../text/normalize.js';
import type { Mention, Referent, ReferentFinder } from './referents.js';

/** "叫什麼名字", "what's his name": a name asked for, which the frame reads as a thing. */
const ASKS_NAME = /叫(?:什么|啥|甚么)|什么名字|名字是|\bname\b|\bcalled\b/u;
/** "X是誰", "who is X": the question names the person it asks about, so the answer adds no one. */
const NAMES_ITS_SUBJECT =
  /^(?:(?:who|who's|whos)\s+(?:is|was)?\s*@(?:[\s·]*@)*|@(?:[\s·]*@)*\s*(?:是|係|系)?\s*(?:谁|誰|邊個|边个|哪位|何人))\s*[?？!！.。]*$/iu;

/** Whether an answer to `question` names a person the question itself does not. */
export function asksForSomeone(question: string, finder: ReferentFinder): boolean {
  const normal = normalize(question);
  const types = analyzeFrame(question, normal).types;
  if (!types.includes('person') && !ASKS_NAME.test(normal)) return false;
  return !NAMES_ITS_SUBJECT.test(withPlaceholders(question, finder.find(question)).trim());
}

function withPlaceholders(question: string, mentions: Mention[]): string {
  let out = '';
  let cursor = 0;
  for (const m of mentions) {
    if (m.start < 0) continue;
    out += `${question.slice(cursor, m.start)}@`;
    cursor = m.end;
  }
  return out + question.slice(cursor);
}

/** How far, in characters, a role word may stand before the name it introduces (研究員名為潘梓正). */
const APPOSITION_GAP = 8;
/** Excerpts after the best one whose names are weighed, and what a lower rank costs. */
const EXCERPTS_WEIGHED = 3;
const RANK_COST = 4;

/**
 * The person the answer gives. News writes a person after the words that describe them
 * ("關鍵工程師潘梓正", "研究員名為潘梓正"), so the one named closest after a word the
 * question matched is the one it asked for; the best excerpt is preferred, then the
 * nearest. Without such a word, the first person of the best excerpt's key sentences.
 * Nobody named in the question counts. Null when the answer abstained or adds no one.
 */
export function answeredPerson(
  answer: Answer,
  question: string,
  finder: ReferentFinder,
): Referent | null {
  if (answer.confidence !== 'answer' || answer.excerpts.length === 0) return null;
  const asked = new Set(finder.find(question).map((m) => m.referent.key));
  const isNew = (m: Mention) => m.referent.kind === 'person' && !asked.has(m.referent.key);
  let best: { referent: Referent; cost: number } | null = null;
  for (const [rank, ex] of answer.excerpts.slice(0, EXCERPTS_WEIGHED).entries()) {
    const text = normalizeAligned(ex.quote);
    for (const m of finder.find(ex.quote).filter(isNew)) {
      const gap = gapAfterTerm(text, m.start, ex.matched);
      if (gap === null) continue;
      const cost = gap + rank * RANK_COST;
      if (!best || cost < best.cost) best = { referent: m.referent, cost };
    }
  }
  if (best) return best.referent;
  const first = answer.excerpts[0]!;
  const key = first.sentences
    .filter((s) => s.key)
    .map((s) => s.text)
    .join('');
  return finder.find(key || first.quote).find(isNew)?.referent ?? null;
}

/** Characters between the end of the nearest matched term before `at` and `at`, within the gap. */
function gapAfterTerm(text: string, at: number, terms: readonly string[]): number | null {
  let gap: number | null = null;
  // Room for the gap and for the longest term before it.
  const longest = Math.max(0, ...terms.map((t) => t.length));
  const window = text.slice(Math.max(0, at - APPOSITION_GAP - longest), at);
  for (const term of terms) {
    if (!term) continue;
    const end = window.lastIndexOf(term);
    if (end < 0) continue;
    const d = window.length - (end + term.length);
    if (d <= APPOSITION_GAP && (gap === null || d < gap)) gap = d;
  }
  return gap;
}
