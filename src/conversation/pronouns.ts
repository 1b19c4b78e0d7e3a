/**
 * Pronouns and pointing phrases in a question that may stand for something the
 * previous question named: 他, 她, 他們, 它, 這家公司, he, she, they, it, the company.
 */
import { hasHan } from '../text/han.js';
import { segmentWithOffsets } from '../text/jieba.js';
import { normalizeAligned } from '../text/normalize.js';

/** What a pronoun can stand for: one person, several people (or a team), or a thing. */
export type PronounKind = 'person' | 'people' | 'thing';

export interface PronounSpan {
  kind: PronounKind;
  start: number;
  end: number;
  /** Written as a possessive (his, its, their): the name goes in as "X's". */
  possessive: boolean;
  /** A Chinese pronoun directly before a noun (他導師): the name takes 的. */
  beforeNoun: boolean;
}

/** jieba words, Simplified: the 他 of 吉他 or 其他 is no word of its own, so it is not matched. */
const CHINESE_WORDS: Record<string, PronounKind> = {
  他: 'person',
  她: 'person',
  佢: 'person',
  他的: 'person',
  她的: 'person',
  此人: 'person',
  这个人: 'person',
  该人: 'person',
  他们: 'people',
  她们: 'people',
  佢哋: 'people',
  他们的: 'people',
  它: 'thing',
  它的: 'thing',
  它们: 'thing',
};

/** Phrases that point at an organisation, matched on the aligned normal form. */
const CHINESE_THING = /(?:这|那|该|此)(?:一)?(?:家|间|个)?(?:公司|企业|机构|初创公司|团队)/gu;

const ENGLISH: [RegExp, PronounKind, boolean][] = [
  [/\b(?:he|him|she)\b/giu, 'person', false],
  [/\bhis\b/giu, 'person', true],
  // "her" is a possessive before a noun ("her thesis"), an object otherwise ("about her").
  [
    /\bher\b(?=\s+(?!and\b|or\b|to\b|in\b|on\b|at\b|for\b|with\b|about\b|from\b|that\b)[a-z])/giu,
    'person',
    true,
  ],
  [/\bher\b/giu, 'person', false],
  [/\b(?:they|them)\b/giu, 'people', false],
  [/\btheir\b/giu, 'people', true],
  [/\bits\b/giu, 'thing', true],
  [/\bit\b/giu, 'thing', false],
  [
    /\b(?:the|this|that) (?:company|firm|startup|start-up|organi[sz]ation|lab)\b/giu,
    'thing',
    false,
  ],
];

/** "Is it true that…", "it is said": an "it" that stands for nothing. */
const DUMMY_IT =
  /^it\s+(?:true|possible|likely|unlikely|said|says|reported|known|clear|right|correct|fair|that|to\b|is\s+(?:true|said|reported|possible|likely|clear))/iu;

export function findPronouns(question: string): PronounSpan[] {
  const found: PronounSpan[] = [];
  const overlaps = (s: number, e: number) => found.some((p) => s < p.end && e > p.start);
  const aligned = normalizeAligned(question);
  for (const m of aligned.matchAll(CHINESE_THING)) {
    found.push({
      kind: 'thing',
      start: m.index,
      end: m.index + m[0].length,
      possessive: false,
      beforeNoun: false,
    });
  }
  // TA: the written gender-neutral pronoun of Chinese internet usage.
  if (hasHan(question)) {
    for (const m of question.matchAll(/(?<!\p{Script=Latin})TA(?!\p{Script=Latin})/giu))
      found.push({
        kind: 'person',
        start: m.index,
        end: m.index + 2,
        possessive: false,
        beforeNoun: false,
      });
  }
  const words = segmentWithOffsets(aligned);
  words.forEach((w, i) => {
    const kind = CHINESE_WORDS[w.word];
    if (!kind || overlaps(w.start, w.end)) return;
    const owned = w.word.endsWith('的');
    const next = words[i + 1];
    found.push({
      kind,
      start: w.start,
      // Keep the 的 of 他的 in the question: only the pronoun is replaced.
      end: owned ? w.end - 1 : w.end,
      possessive: false,
      beforeNoun: !owned && next !== undefined && next.start === w.end && /^n/.test(next.tag),
    });
  });
  for (const [re, kind, possessive] of ENGLISH) {
    for (const m of question.matchAll(re)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      if (kind === 'thing' && DUMMY_IT.test(question.slice(m.index))) continue;
      found.push({
        kind,
        start: m.index,
        end: m.index + m[0].length,
        possessive,
        beforeNoun: false,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
