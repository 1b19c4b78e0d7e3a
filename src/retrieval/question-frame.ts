/**
 * What kind of question this is, apart from what it is about: the kind of answer it
 * wants (a person, a date, a number …), the attributes it asks for (an age, a salary),
 * whether it asks about the article itself or its photos, and whether it leans on a
 * bare pronoun. Retrieval uses the frame to decide whether a passage that matches the
 * question's words actually answers it.
 */
import {
  ARTICLE_FACTS,
  ARTICLE_REFERENCE,
  ATTRIBUTES,
  CHINESE_PRONOUNS,
  CHINESE_QUESTION_WORDS,
  CLASS_NOUNS,
  ENGLISH_CLASS_NOUNS,
  ENGLISH_PRONOUN,
  ENGLISH_QUESTION_WORDS,
  PHOTO_WORDS,
  type AnswerType,
  type AttributeSpec,
} from '../lexicon/question-lexicon.js';
import { HAN_RUNS } from '../text/han.js';
import { jieba } from '../text/jieba.js';

export interface QuestionFrame {
  /** The kinds of answer asked for; empty for a statement or a bare topic. */
  types: AnswerType[];
  /** Attributes of the lexicon the question asks for. */
  attributes: AttributeSpec[];
  /** It asks who wrote, published or dated an article (answered from the masthead)… */
  asksArticleFacts: boolean;
  /** …and points at the article ("這篇", "this piece"). */
  pointsAtArticle: boolean;
  /** It mentions a photo or a caption. */
  aboutPhoto: boolean;
  /** It uses a third-person pronoun (whether anyone is named is for the caller to see). */
  pronoun: boolean;
  /** Class nouns used with a question word (城市 in 哪個城市): frame, not content. */
  frameNouns: Set<string>;
}

/** Question words that take a class noun after an optional measure word: 哪(個)城市, 什么职位. */
const WH_BEFORE_NOUN =
  /(?:哪|什么|啥|哪些|几)(?:一)?(?:个|家|所|间|位|款|部|份|篇|项|种|座|名|条|类|样)?/gu;

/** Types whose answer is a thing the sentence must show; the rest (why, how, what) need none. */
export const EVIDENCED_TYPES: ReadonlySet<AnswerType> = new Set([
  'person',
  'date',
  'place',
  'organisation',
  'quantity',
  'age',
  'percentage',
]);

function chineseTypes(normalized: string, frameNouns: Set<string>): AnswerType[] {
  const types = new Set<AnswerType>();
  for (const [run] of normalized.matchAll(HAN_RUNS)) {
    for (const m of run.matchAll(WH_BEFORE_NOUN)) {
      const after = run.slice(m.index + m[0].length);
      // The longest class noun right after the question word.
      const noun = Object.keys(CLASS_NOUNS)
        .filter((n) => after.startsWith(n))
        .sort((a, b) => b.length - a.length)[0];
      if (noun) {
        types.add(CLASS_NOUNS[noun]!);
        frameNouns.add(noun);
      }
    }
    for (const [pattern, type] of CHINESE_QUESTION_WORDS) {
      // A class noun says more than "什么" or "哪个" alone.
      if (type === 'thing' && types.size > 0) continue;
      if (pattern.test(run)) types.add(type);
    }
  }
  if (types.has('age') || types.has('percentage')) types.delete('quantity');
  if (types.size > 1) types.delete('thing');
  return [...types];
}

/** Lead-ins before the question proper: "According to Allison, who …", "So, when …". */
const ENGLISH_LEAD_IN =
  /^(?:(?:according to|in|per|based on)\b[^,]*,\s*|(?:and|so|also|ok|okay|hey|hi|well|then|but)\b[,\s]*|(?:tell me|do you know|can you tell me|i wonder|any idea)\b[,\s]*)+/;

function englishTypes(question: string, frameNouns: Set<string>): AnswerType[] {
  const types = new Set<AnswerType>();
  // Several questions in one ("Who is he, and where did he study?") each count.
  for (const clause of question.toLowerCase().split(/[?;]|,\s*(?:and|or)\s+/)) {
    const text = clause.trim().replace(ENGLISH_LEAD_IN, '');
    const match = ENGLISH_QUESTION_WORDS.find(([pattern]) => pattern.test(text));
    if (!match) continue;
    let type = match[1];
    const noun = /^(?:what|which)\s+([a-z]+)/.exec(text)?.[1];
    if (noun && Object.hasOwn(ENGLISH_CLASS_NOUNS, noun)) {
      type = ENGLISH_CLASS_NOUNS[noun]!;
      frameNouns.add(noun);
    }
    types.add(type);
  }
  if (types.size > 1) types.delete('thing');
  return [...types];
}

function photoWords(normalized: string): boolean {
  if (PHOTO_WORDS.test(normalized)) return true;
  // 圖 alone is a photo only as a word of its own (not 試圖, 意圖, 圖靈).
  return [...normalized.matchAll(HAN_RUNS)].some(([run]) => jieba().cut(run, true).includes('图'));
}

/**
 * The frame of a question. `normalized` is its normal form (Simplified, lowercase);
 * English patterns read it too, since lowercasing is all normalisation does to Latin text.
 */
export function analyzeFrame(question: string, normalized: string): QuestionFrame {
  const frameNouns = new Set<string>();
  const types = [
    ...new Set([...chineseTypes(normalized, frameNouns), ...englishTypes(question, frameNouns)]),
  ];
  const attributes = ATTRIBUTES.filter((a) => a.asked.test(normalized));
  return {
    types,
    attributes,
    asksArticleFacts: ARTICLE_FACTS.test(normalized),
    pointsAtArticle: ARTICLE_REFERENCE.test(normalized),
    aboutPhoto: photoWords(normalized),
    pronoun:
      ENGLISH_PRONOUN.test(normalized) ||
      // A word of its own: the 他 of 吉他 is no pronoun.
      [...normalized.matchAll(HAN_RUNS)].some(([run]) =>
        jieba()
          .cut(run, true)
          .some((w) => CHINESE_PRONOUNS.has(w)),
      ),
    frameNouns,
  };
}
