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
  HOW_TO,
  PHOTO_WORDS,
  QUANTITY_UNITS,
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
  /** For "how much" in a given unit (幾年, 多少錢): what the answer's number must look like. */
  quantityUnit: RegExp | null;
  /** What a "how many" counts (多少參數, how many GPUs): the answer must be a count of it. */
  counted: string | null;
  /** What a "what is X's Y" asks for: Y (題目 in 論文題目是什麼, capital in "the capital of"). */
  head: string | null;
  /** A first-person request for instructions ("how do I…"). */
  howTo: boolean;
}

/** Question words that take a class noun after an optional measure word: 哪(個)城市, 什么职位. */
const WH_BEFORE_NOUN =
  /(?:哪|什么|啥|哪些|几|边|咩)(?:一)?(?:个|家|所|间|位|款|部|份|篇|项|种|座|名|条|类|样)?/gu;

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

/** Class nouns of two characters or more, longest first. */
const LONG_CLASS_NOUNS = Object.keys(CLASS_NOUNS)
  .filter((n) => n.length >= 2)
  .sort((a, b) => b.length - a.length);

/**
 * A class noun that leads the word jieba joined it into: 哪所大學畢業 is segmented
 * 大学毕业, which still asks which university. One character (年 of 年轻) is too little.
 */
function classNounLeading(word: string): string | undefined {
  return LONG_CLASS_NOUNS.find((n) => word.length > n.length && word.startsWith(n));
}

function chineseTypes(normalized: string, frameNouns: Set<string>): AnswerType[] {
  const types = new Set<AnswerType>();
  for (const [run] of normalized.matchAll(HAN_RUNS)) {
    for (const m of run.matchAll(WH_BEFORE_NOUN)) {
      const after = run.slice(m.index + m[0].length);
      // The longest class noun right after the question word.
      // A class noun is the word that follows, not its first character (幾家國內: not 國).
      const next = jieba().cut(after, false)[0] ?? '';
      const noun = Object.hasOwn(CLASS_NOUNS, next) ? next : classNounLeading(next);
      // 幾年, 幾個人, 幾家公司 ask how many; 哪年, 哪個人, 哪家公司 and 哪幾年 which.
      const counting = m[0].startsWith('几') && run[m.index - 1] !== '哪';
      const type = noun && (counting ? 'quantity' : CLASS_NOUNS[noun]);
      if (noun && type) {
        types.add(type);
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
  /^(?:(?:according to|in|per|based on)\b[^,]*,\s*|(?:and|so|also|ok|okay|hey|hi|well|then|but)\b[,\s]*|(?:tell me|do you know|can you tell me|i wonder|any idea)\b[,\s]*|(?:on|in|at|by|from|since|until|for|to|with|of)\s+(?=what|which|whom|when|where|how)\b)+/;

/** A verb that ends the noun phrase after "what": "what did …" asks no class. */
const AUXILIARY = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)$/;

function englishTypes(question: string, frameNouns: Set<string>): AnswerType[] {
  const types = new Set<AnswerType>();
  // Several questions in one ("Who is he, and where did he study?") each count.
  for (const clause of question.toLowerCase().split(/[?;]|,\s*(?:and|or)\s+/)) {
    const text = clause.trim().replace(ENGLISH_LEAD_IN, '');
    const match = ENGLISH_QUESTION_WORDS.find(([pattern]) => pattern.test(text));
    if (!match) continue;
    let type = match[1];
    // "which US tech company": the class noun may follow a word or two of description.
    const after = /^(?:what|which)\s+((?:[a-z'-]+\s*){1,3})/.exec(text)?.[1] ?? '';
    const noun = after
      .split(/\s+/)
      .map((w) => w.replace(/'s$/, ''))
      .find(
        (w, i, all) =>
          !all.slice(0, i).some((x) => AUXILIARY.test(x)) && Object.hasOwn(ENGLISH_CLASS_NOUNS, w),
      );
    if (noun) {
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
      // A word of its own: the 他 of 吉他 is no pronoun. Dictionary words only: the HMM
      // would join 他 to the verb after it (他讀, 他念) into a word it does not know.
      [...normalized.matchAll(HAN_RUNS)].some(([run]) =>
        jieba()
          .cut(run, false)
          .some((w) => CHINESE_PRONOUNS.has(w)),
      ) ||
      /这个人|这位|此人|该人/u.test(normalized),
    frameNouns,
    quantityUnit: QUANTITY_UNITS.find((u) => u.asked.test(normalized))?.evidence ?? null,
    counted: countedNoun(normalized),
    head: askedHead(normalized),
    howTo: HOW_TO.test(normalized.trim()),
  };
}

// 是什麼 asks what Y is; 叫什麼 asks a name, which says nothing of what the article names.
const HEAD_CHINESE = /(\p{Script=Han}{1,8})(?:是|系)(?:什么|啥|甚么|咩|乜嘢)/u;
const HEAD_ENGLISH =
  /^(?:what|which)(?:'s| is| was| are| were)\s+(?:the|a|an|his|her|its|their|[a-z0-9-]+'s)\s+(?:[a-z-]+\s+)??([a-z-]+)(?:\s+(?:of|for|in|at|on|that|behind|about)\b|\s*[?.!]?$)/;

/**
 * The noun a "what is" question asks for. A question about something the article never
 * names in that sense (a thesis title, a capital city) is not answered by passages that
 * match its other words.
 */
function askedHead(normalized: string): string | null {
  const en = HEAD_ENGLISH.exec(normalized.trim().replace(ENGLISH_LEAD_IN, ''))?.[1];
  if (en) return Object.hasOwn(ENGLISH_CLASS_NOUNS, en) ? null : en;
  const zh = HEAD_CHINESE.exec(normalized)?.[1];
  if (!zh) return null;
  const words = jieba().tag(zh, true);
  const last = words.at(-1);
  if (!last || !last.tag.startsWith('n') || Object.hasOwn(CLASS_NOUNS, last.word)) return null;
  return last.word;
}

/** Measure words between 多少/幾 and what is counted. */
const COUNTED_CHINESE =
  /(?:多少|(?<!哪)几)(?:个|名|位|家|款|台|辆|部|张|块|颗|架|只|条|项|种|篇)?\s*(\p{Script=Han}{1,6}|[a-z][a-z0-9-]*)/u;
const COUNTED_ENGLISH = /\bhow many ([a-z][a-z-]+)/;
/** Counted words that are units or people: their own checks apply (QUANTITY_UNITS). */
const NOT_COUNTED =
  /^(?:年|月|天|日|钱|倍|人|次|岁|分|成|号|时|比例|比率|占比|份额|people|times|years?|months?|days?|percent)$/u;

function countedNoun(normalized: string): string | null {
  const en = COUNTED_ENGLISH.exec(normalized)?.[1];
  if (en) return NOT_COUNTED.test(en) || Object.hasOwn(ENGLISH_CLASS_NOUNS, en) ? null : en;
  const zh = COUNTED_CHINESE.exec(normalized)?.[1];
  if (!zh) return null;
  if (/^[a-z]/.test(zh)) return NOT_COUNTED.test(zh) ? null : zh;
  const first = jieba().tag(zh, true)[0];
  if (!first || !first.tag.startsWith('n') || NOT_COUNTED.test(first.word)) return null;
  return Object.hasOwn(CLASS_NOUNS, first.word) ? null : first.word;
}
