/**
 * Typed evidence: does a sentence show the kind of thing a question asks for? A
 * "when" question is answered by a sentence with a date, a "how much" question by a
 * number with a unit, a "who" question by a name. When the question names an entity
 * (潘梓正, DeepSeek) and asks an attribute of it (總部, 薪水), the sentence must hold
 * the entity, the attribute and the evidence together; otherwise the passage is
 * about the question without answering it.
 */
import type { Passage } from '../corpus/types.js';
import type { AnswerType, AttributeSpec } from '../lexicon/question-lexicon.js';
import { jieba } from '../text/jieba.js';
import { normalize } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { FocalEntity } from './entities.js';
import { EVIDENCED_TYPES, type QuestionFrame } from './question-frame.js';

/** Names the corpus knows, in normal form. */
export interface EntityLexicon {
  people: ReadonlySet<string>;
  /** Organisations, places, works and products: glossary terms, Latin-script names. */
  others: ReadonlySet<string>;
}

// Not 月 or 日: "2月1日" is a date, not an amount.
const UNITS =
  '美元|美金|元|人民币|英镑|欧元|日元|港元|块|人|名|位|个|家|倍|岁|年|天|小时|分钟|次|项|款|篇|座|所|%|％|' +
  'tokens?|dollars?|usd|people|times|percent|billion|million|thousand|trillion|years?';
const NUMBER = String.raw`(?<![A-Za-z\d.\-/])\d+(?:[.,]\d+)*`;
const QUANTITY = new RegExp(
  `${NUMBER}\\s*(?:[万亿千百兆]+\\s*)?(?:${UNITS})|\\d+\\s*/\\s*\\d+|` +
    '[一二两三四五六七八九十百千万亿]+(?:倍|个人|名|位|家|成|亿|万)|一半|半数|大半|近半|' +
    `${NUMBER}\\s*[万亿]`,
  'iu',
);
const DATE = new RegExp(
  [
    String.raw`\d{4}\s*年`,
    String.raw`\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?`,
    String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
    String.raw`\d{2,4}\s*年代`,
    '[去今明前]年|上个?月|本月|[春夏秋冬]季|[春夏秋冬]天|日前|近日|昨天|今天|当时|此前|此后|后来|最近',
    String.raw`\b(?:19|20)\d{2}\b`,
    String.raw`\b(?:january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today)\b`,
  ].join('|'),
  'iu',
);
const AGE = /\d+\s*周?岁|[一二三四五六七八九十]+岁|\d+\s*years?\s*old|\baged\s*\d+/iu;
const PERCENTAGE =
  /\d+(?:\.\d+)?\s*[%％]|百分之|\d+\s*\/\s*\d+|[一二三四五六七八九十]成|一半|半数|[二三四五六七八九十百]分之[一二三四五六七八九十]|\bpercent\b/iu;
const ORGANISATION =
  /\p{Script=Han}{1,12}(?:公司|企业|大学|学院|研究院|研究所|智库|基金会|实验室|集团|银行|政府|学会|协会|委员会|媒体|网|报|杂志|电视台|通讯社|机构|商店|平台|工作室)|《[^》]{1,30}》/u;
/** A capitalised Latin word in Chinese text is a name: DeepSeek, GitHub, Rest of World. */
const LATIN_NAME = /(?<![\p{L}\d])\p{Lu}[\p{L}\d]+/u;
const DOT_NAME = /\p{Script=Han}+[·・]\p{Script=Han}+/u;
const PRONOUN = /[他她其]|该公司|这家|此人/u;
/** A pronoun that continues a person named in an earlier sentence of the passage. */
const PERSON_PRONOUN = /[他她]/u;

interface SentenceFacts {
  /** Normal form. */
  normal: string;
  /** Cut at commas, brackets and quotes: as written, and in normal form. */
  clauses: { original: string; normal: string }[];
  types: Set<AnswerType>;
}

/** Does the text name some entity: a known name, a dotted transliteration, a Latin name? */
function namesSomething(normal: string, original: string, lexicon: EntityLexicon): boolean {
  for (const n of lexicon.people) if (normal.includes(n)) return true;
  for (const n of lexicon.others) if (normal.includes(n)) return true;
  return DOT_NAME.test(normal) || LATIN_NAME.test(original) || ORGANISATION.test(normal);
}

const CLAUSE_BREAK = /[,，;；:：()（）「」『』“”"]/u;

export class EvidenceFinder {
  private readonly cache = new Map<number, SentenceFacts[]>();

  constructor(private readonly lexicon: EntityLexicon) {}

  private typesOf(normal: string, original: string): Set<AnswerType> {
    const types = new Set<AnswerType>();
    if (QUANTITY.test(normal)) types.add('quantity');
    if (DATE.test(normal)) types.add('date');
    if (AGE.test(normal)) types.add('age');
    if (PERCENTAGE.test(normal)) types.add('percentage');
    const people =
      [...this.lexicon.people].some((n) => normal.includes(n)) || DOT_NAME.test(normal);
    const organisation =
      ORGANISATION.test(normal) ||
      LATIN_NAME.test(original) ||
      [...this.lexicon.others].some((n) => normal.includes(n));
    let place = false;
    for (const { tag } of jieba().tag(normal, true)) {
      if (tag === 'ns') place = true;
      if (tag === 'nt') types.add('organisation');
    }
    if (people) types.add('person');
    if (organisation) types.add('organisation');
    if (place) types.add('place');
    return types;
  }

  private facts(passage: Passage): SentenceFacts[] {
    let facts = this.cache.get(passage.id);
    if (!facts) {
      facts = splitSentences(passage.text).map((s) => {
        const normal = normalize(s.text);
        return {
          normal,
          clauses: s.text
            .split(CLAUSE_BREAK)
            .filter((c) => c.trim())
            .map((original) => ({ original, normal: normalize(original) })),
          types: this.typesOf(normal, s.text),
        };
      });
      // Passages come from a fixed index: the cache is bounded by its size.
      this.cache.set(passage.id, facts);
    }
    return facts;
  }

  /**
   * The sentence among the passages that best answers the frame, as indexes, or null.
   * `focal` are the normal forms of what the question names (empty when it names
   * nothing); `rest` scores how much of the rest of the question, what it asks of them,
   * a sentence covers (0..1). An answering sentence holds the evidence, the focal entity
   * and at least `restMin` of the rest: "禹之鼎的博士是哪間學校畢業的" is not answered by a
   * sentence that names 禹之鼎 and a company but says nothing of a doctorate.
   */
  find(
    frame: QuestionFrame,
    focal: readonly FocalEntity[],
    passages: readonly Passage[],
    rest: (normal: string) => number,
    restMin: number,
  ): { passage: number; sentence: number; rest: number } | null {
    const wanted = frame.types.filter((t) => EVIDENCED_TYPES.has(t));
    let best: { passage: number; sentence: number; rest: number } | null = null;
    for (let p = 0; p < passages.length; p++) {
      const sentences = this.facts(passages[p]!);
      for (let s = 0; s < sentences.length; s++) {
        if (!this.answers(sentences, s, wanted, frame.attributes, focal)) continue;
        const score = rest(sentences[s]!.normal);
        if (score >= restMin && (!best || score > best.rest))
          best = { passage: p, sentence: s, rest: score };
      }
    }
    return best;
  }

  private answers(
    sentences: SentenceFacts[],
    at: number,
    wanted: AnswerType[],
    attributes: readonly AttributeSpec[],
    focal: readonly FocalEntity[],
  ): boolean {
    const s = sentences[at]!;
    const forms = focal.flatMap((g) => g.forms);
    const names = (text: string) => forms.some((f) => text.includes(f));
    const inSentence = (g: FocalEntity) => g.forms.some((f) => s.normal.includes(f));
    // Every person the question names is in the sentence, or a 他 there continues an
    // earlier sentence that names them ("潘梓正…。他本科畢業於…"); of the other things
    // it names, at least one is there.
    const corefers = (g: FocalEntity) =>
      g.person &&
      PERSON_PRONOUN.test(s.normal) &&
      sentences.slice(0, at).some((p) => g.forms.some((f) => p.normal.includes(f)));
    if (!focal.filter((g) => g.person).every((g) => inSentence(g) || corefers(g))) return false;
    const things = focal.filter((g) => !g.person);
    if (things.length > 0 && !things.some(inSentence)) return false;
    if (wanted.length > 0 && !wanted.some((t) => satisfies(s.types, t))) return false;
    for (const attribute of attributes) {
      const clauses = s.clauses.filter((c) => attribute.cue.test(c.normal));
      if (clauses.length === 0) return false;
      // The attribute must be the entity's: a clause that names someone else instead
      // ("總部設在北京的微軟亞洲研究院") says it of them.
      const own = clauses.some(
        (c) =>
          forms.length === 0 ||
          names(c.normal) ||
          PRONOUN.test(c.normal) ||
          !namesSomething(c.normal, c.original, this.lexicon),
      );
      if (!own) return false;
      if (attribute.evidence && !satisfies(s.types, attribute.evidence)) return false;
    }
    return true;
  }
}

/** A sentence's evidence for a wanted type. Who may be an organisation; where, too. */
function satisfies(types: ReadonlySet<AnswerType>, wanted: AnswerType): boolean {
  if (types.has(wanted)) return true;
  if (wanted === 'person' || wanted === 'place') return types.has('organisation');
  if (wanted === 'organisation') return types.has('place');
  return false;
}
