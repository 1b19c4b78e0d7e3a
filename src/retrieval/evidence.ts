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
import { escapeRegExp } from '../text/regexp.js';
import { splitSentences } from '../text/sentences.js';
import { SubstringLookup } from '../text/substring-lookup.js';
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
// 一 alone before a measure word is an article ("一名工程師", an engineer), not a count.
const CHINESE_COUNT =
  '(?:[二两三四五六七八九十百千万亿]|一[二两三四五六七八九十百千万亿])[一二两三四五六七八九十百千万亿]*';
const QUANTITY = new RegExp(
  `${NUMBER}\\s*(?:[万亿千百兆]+\\s*)?(?:${UNITS})|\\d+\\s*/\\s*\\d+|` +
    `${CHINESE_COUNT}(?:倍|个人|个|名|位|家|成|亿|万|年|天)|一半|半数|大半|近半|百万分之一|` +
    `${NUMBER}\\s*[万亿]`,
  'iu',
);
const DATE = new RegExp(
  [
    String.raw`\d{4}\s*年`,
    String.raw`\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?`,
    String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
    String.raw`\d{2,4}\s*年代`,
    // Not 當時, 此後, 最近: they place an event without dating it.
    '[去今明前]年|上个?月|本月|[春夏秋冬]季|[春夏秋冬]天|昨天|今天',
    String.raw`\b(?:19|20)\d{2}\b`,
    String.raw`\b(?:january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today)\b`,
  ].join('|'),
  'iu',
);
const AGE = /\d+\s*周?岁|[一二三四五六七八九十]+岁|\d+\s*years?\s*old|\baged\s*\d+/iu;
const PERCENTAGE =
  /\d+(?:\.\d+)?\s*[%％]|百分之|\d+\s*\/\s*\d+|[一二三四五六七八九十]成|一半|半数|[二三四五六七八九十百]分之[一二三四五六七八九十]|\bpercent\b/iu;
const ORGANISATION_SUFFIX =
  /(\p{Script=Han}{1,12}?)(?:公司|企业|大学|学院|研究院|研究所|智库|基金会|实验室|集团|银行|政府|学会|协会|委员会|媒体|网|报|杂志|电视台|通讯社|机构|商店|平台|工作室)/gu;
/** Words that describe rather than name: 美國知名科技公司 is no organisation's name. */
const GENERIC_MODIFIER =
  /^(?:美国|中国|国内|国外|海外|全球|知名|著名|大型|小型|科技|互联网|初创|新创|上市|一家|这家|该|某|其|多家|本土|顶尖|一流|头部|研究|相关|的)+/u;
const TITLE = /《[^》]{1,30}》/u;

/** The text names an organisation: 哈爾濱工業大學, 觀察者網, 《華爾街日報》; not "a US tech company". */
function namesOrganisation(normal: string): boolean {
  if (TITLE.test(normal)) return true;
  for (const m of normal.matchAll(ORGANISATION_SUFFIX)) {
    // The shortest prefix the pattern found may be cut inside a name; look at the whole run.
    const run = normal.slice(0, m.index + m[1]!.length).match(/\p{Script=Han}+$/u)?.[0] ?? '';
    const tail = run.slice(-8).replace(/^.*[的在了是和与及]/u, '');
    if (tail.replace(GENERIC_MODIFIER, '').length >= 2) return true;
  }
  return false;
}
/** A capitalised Latin word in Chinese text is a name: DeepSeek, GitHub, Rest of World. */
const LATIN_NAME = /(?<![\p{L}\d])\p{Lu}[\p{L}\d]+/u;
const DOT_NAME = /\p{Script=Han}+[·・]\p{Script=Han}+/u;
const PRONOUN = /[他她其]|该公司|这家|此人/u;
/** A pronoun that continues a person named in an earlier sentence of the passage. */
const PERSON_PRONOUN = /[他她]/u;

interface SentenceFacts {
  /** As written. */
  original: string;
  /** Normal form. */
  normal: string;
  /** Cut at commas, brackets and quotes: as written, and in normal form. */
  clauses: { original: string; normal: string }[];
  types: Set<AnswerType>;
  /** Forms of the corpus's people the sentence names. */
  people: string[];
}

/** Does the text name some entity: a known name, a dotted transliteration, a Latin name? */
/**
 * Which of a set of names a text holds. Looked up by the text's substrings rather than by
 * testing each name: at ten thousand articles the corpus names tens of thousands of
 * people, and each new sentence was tested against every one of them, twice.
 */
class NamesIn {
  private readonly lookup: SubstringLookup<string>;
  /** `includes('')` is true of any text; the look-up skips empty keys. */
  private readonly empty: boolean;

  constructor(names: ReadonlySet<string>) {
    this.lookup = new SubstringLookup([...names].map((n) => [n, n] as const));
    this.empty = names.has('');
  }

  /** The names `text` holds, each once, in no particular order. */
  in(text: string): string[] {
    const found = this.lookup.in(text);
    return this.empty ? [...found, ''] : found;
  }

  any(text: string): boolean {
    return this.empty || this.lookup.in(text).length > 0;
  }
}

const CLAUSE_BREAK = /[,，;；:：()（）「」『』“”"]/u;

const ENTITY_TYPES: ReadonlySet<AnswerType> = new Set(['person', 'organisation', 'place']);

/** The text with the given forms blanked out, case-insensitively, keeping its length. */
function mask(text: string, forms: readonly string[]): string {
  let out = text;
  for (const f of forms) {
    if (!f) continue;
    out = out.replace(new RegExp(escapeRegExp(f), 'giu'), (m) => '　'.repeat(m.length));
  }
  return out;
}

/** What a question asks for, as the finder tests each sentence. */
interface Asked {
  types: AnswerType[];
  attributes: readonly AttributeSpec[];
  focal: readonly FocalEntity[];
  unit: RegExp | null;
}

export class EvidenceFinder {
  private readonly cache = new Map<number, SentenceFacts[]>();
  private readonly people: NamesIn;
  private readonly others: NamesIn;

  /** `corpus` is every passage of the index, for the paragraph a passage continues. */
  constructor(
    lexicon: EntityLexicon,
    private readonly corpus: readonly Passage[],
  ) {
    this.people = new NamesIn(lexicon.people);
    this.others = new NamesIn(lexicon.others);
  }

  private namesSomething(normal: string, original: string): boolean {
    if (this.people.any(normal) || this.others.any(normal)) return true;
    return DOT_NAME.test(normal) || LATIN_NAME.test(original) || namesOrganisation(normal);
  }

  /** The sentences of the passage before, in the same article: what a leading 他 may refer to. */
  private before(passage: Passage): SentenceFacts[] {
    const previous = this.corpus[passage.id - 1];
    return previous && previous.doc === passage.doc ? this.facts(previous) : [];
  }

  private typesOf(normal: string, original: string): Set<AnswerType> {
    const types = new Set<AnswerType>();
    if (QUANTITY.test(normal)) types.add('quantity');
    if (DATE.test(normal)) types.add('date');
    if (AGE.test(normal)) types.add('age');
    if (PERCENTAGE.test(normal)) types.add('percentage');
    const people = this.people.any(normal) || DOT_NAME.test(normal);
    const organisation =
      namesOrganisation(normal) || LATIN_NAME.test(original) || this.others.any(normal);
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
          original: s.text,
          normal,
          clauses: s.text
            .split(CLAUSE_BREAK)
            .filter((c) => c.trim())
            .map((original) => ({ original, normal: normalize(original) })),
          types: this.typesOf(normal, s.text),
          people: this.people.in(normal),
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
    const ask: Asked = {
      types: frame.types.filter((t) => EVIDENCED_TYPES.has(t)),
      attributes: frame.attributes,
      focal,
      unit: frame.quantityUnit,
    };
    let best: { passage: number; sentence: number; rest: number } | null = null;
    for (let p = 0; p < passages.length; p++) {
      const sentences = this.facts(passages[p]!);
      const before = this.before(passages[p]!);
      for (let s = 0; s < sentences.length; s++) {
        if (!this.answers(sentences[s]!, [...before, ...sentences.slice(0, s)], ask)) continue;
        const score = rest(sentences[s]!.normal);
        if (score >= restMin && (!best || score > best.rest))
          best = { passage: p, sentence: s, rest: score };
      }
    }
    return best;
  }

  private answers(s: SentenceFacts, earlier: readonly SentenceFacts[], ask: Asked): boolean {
    const { types: wanted, attributes, focal, unit } = ask;
    const forms = focal.flatMap((g) => g.forms);
    const names = (text: string) => forms.some((f) => text.includes(f));
    const inSentence = (g: FocalEntity) => g.forms.some((f) => s.normal.includes(f));
    // Every person the question names is in the sentence, or a 他 there refers to them:
    // the nearest earlier sentence naming anyone names them ("潘梓正…。他本科畢業於…").
    // When the sentence holds another thing the question names, the person may be in
    // its context instead ("after Pan's decision, how long until DeepSeek…").
    const people = focal.filter((g) => g.person);
    const things = focal.filter((g) => !g.person);
    const nearest = [...earlier].reverse().find((p) => p.people.length > 0);
    const pronoun = PERSON_PRONOUN.test(s.normal);
    const corefers = (g: FocalEntity) =>
      pronoun && nearest !== undefined && g.forms.some((f) => nearest.people.includes(f));
    // Nearby only where no pronoun of the sentence points at someone else.
    const nearby = (g: FocalEntity) =>
      (!pronoun || nearest === undefined) &&
      earlier.some((p) => g.forms.some((f) => p.normal.includes(f)));
    if (things.length > 0 && !things.some(inSentence)) return false;
    const thingHere = things.length > 0;
    if (!people.every((g) => inSentence(g) || corefers(g) || (thingHere && nearby(g))))
      return false;
    // The answer is something other than what the question names: "which company does the
    // researcher who spoke to RoW work for" is not answered by RoW.
    const types =
      forms.length > 0 && wanted.some((t) => ENTITY_TYPES.has(t))
        ? this.typesOf(mask(s.normal, forms), mask(s.original, forms))
        : s.types;
    if (wanted.length > 0 && !wanted.some((t) => satisfies(types, t))) return false;
    if (unit && wanted.includes('quantity') && !unit.test(s.normal)) return false;
    for (const attribute of attributes) {
      const clauses = s.clauses.filter((c) => attribute.cue.test(c.normal));
      if (clauses.length === 0) return false;
      // The attribute must be the entity's: a clause that names someone else instead
      // ("總部設在北京的微軟亞洲研究院") says it of them.
      const own = clauses.some(
        (c) =>
          attribute.anyClause === true ||
          forms.length === 0 ||
          names(c.normal) ||
          PRONOUN.test(c.normal) ||
          !this.namesSomething(c.normal, c.original),
      );
      if (!own) return false;
      if (attribute.evidence && !satisfies(types, attribute.evidence)) return false;
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
