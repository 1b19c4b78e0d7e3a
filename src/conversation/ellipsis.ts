/**
 * Elliptical follow-ups: "那R1呢？", "還有宋俊瀟呢", "what about his PhD?", "and Liang?".
 * They name only what changes and leave the rest to the previous question.
 */

/** Chinese question words: a clause that has one is a question of its own, not a fragment. */
export const CHINESE_QUESTION_WORD =
  /哪|什[么麼]|甚[么麼]|[谁誰]|何|[几幾]|多少|[为為]什|怎|如何|是否|有[没沒]有|[吗嗎]|边个|邊個|咩|乜/u;

const CHINESE_LEAD = '(?:那麼|那么|那|還有|还有|而|至於|至于|換成|换成|如果是|假如是)';
/** "那X呢", "X呢", "那X又如何": a fragment and a particle asking "and what about it". */
const CHINESE_PARTICLE = new RegExp(
  `^\\s*${CHINESE_LEAD}?\\s*(.+?)\\s*(?:的[話话])?\\s*(?:呢|又如何|又怎[樣样]|又怎[麼么][樣样])\\s*[？?！!。.…\\s]*$`,
  'u',
);
/** "那X怎麼樣", "還有X如何": these tails ask about X only after a leading 那 or 還有. */
const CHINESE_LED = new RegExp(
  `^\\s*${CHINESE_LEAD}\\s*(.+?)\\s*(?:怎[麼么][樣样]|如何)\\s*[？?！!。.…\\s]*$`,
  'u',
);
const ENGLISH = [
  /^\s*(?:(?:and|so|ok|okay|then)[,\s]+)?(?:what|how) about\s+(.+?)[\s?.!]*$/iu,
  /^\s*(?:and|or)\s+(.+?)\s*\?+\s*$/iu,
  /^\s*(?:the\s+)?same\s+(?:question\s+|thing\s+)?(?:for|about|with)\s+(.+?)[\s?.!]*$/iu,
];
const ENGLISH_CLAUSE =
  /^(?:did|does|do|is|are|was|were|can|could|will|would|has|have|had|should|who|whom|whose|what|when|where|why|how|which)\b/iu;

/** Longest fragment read as elliptical, in characters (Chinese) or words (English). */
const MAX_CHINESE = 14;
const MAX_ENGLISH_WORDS = 6;

export interface Ellipsis {
  /** What the follow-up names instead ("R1", "his PhD"), as written. */
  fragment: string;
  /** Where the fragment starts in the question. */
  start: number;
}

export function matchEllipsis(question: string): Ellipsis | null {
  for (const re of [CHINESE_PARTICLE, CHINESE_LED]) {
    const m = re.exec(question);
    const fragment = m?.[1];
    if (!m || !fragment) continue;
    if (fragment.length > MAX_CHINESE || CHINESE_QUESTION_WORD.test(fragment)) continue;
    return { fragment, start: m.index + m[0].indexOf(fragment) };
  }
  for (const re of ENGLISH) {
    const m = re.exec(question);
    const fragment = m?.[1];
    if (!m || !fragment) continue;
    // "And did he hesitate?" is a whole question after an "and", not a fragment.
    if (ENGLISH_CLAUSE.test(fragment)) return null;
    if (fragment.split(/\s+/).length > MAX_ENGLISH_WORDS) continue;
    return { fragment, start: m.index + m[0].indexOf(fragment) };
  }
  return null;
}

/**
 * The asking part of a Chinese question, from its question word on: 在哪所大學拿的？ of
 * 潘梓正的碩士在哪所大學拿的？ A fragment plus this tail asks the same of the fragment.
 */
export function chineseAskingTail(question: string): string | null {
  const m =
    /(?:是|在|從|从|於|于)?(?:哪|什[么麼]|甚[么麼]|[谁誰]|何|[几幾]|多少|[为為]什|怎|如何|是否|有[没沒]有)/u.exec(
      question,
    );
  return m ? question.slice(m.index) : null;
}
