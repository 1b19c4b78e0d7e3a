/**
 * Chinese near-synonyms, so that a reader's word meets the article's: 小組 finds 團隊,
 * 跌掉 finds 蒸發, 讀博 finds 攻讀博士. Two sources:
 *
 * - CC-CEDICT read as a thesaurus (`cedictSynonyms`): two headwords are near-synonyms
 *   when they share a specific English gloss (薪水 "salary" and 薪資 "salary"). A gloss
 *   many headwords share ("to be", "thing") says nothing and is dropped.
 * - A small curated table of the paraphrase classes readers use in questions about
 *   news (`CURATED_SYNONYMS`). No Chinese thesaurus on npm is both well kept and
 *   freely licensed (node-synonyms is GPL-3.0 and 47 MB of word vectors; segment's
 *   synonym.txt is 4,300 literary pairs; HIT's Cilin ships with no npm package), so
 *   the classes are written here, each general, each tested.
 *
 * Only words the corpus uses are kept as targets: an expansion the article cannot
 * contain only adds noise.
 */
import { normalize } from '../text/normalize.js';
import type { CedictEntry } from './cedict.js';

/** [synonym the corpus uses, how surely it means the word, 0..1]. */
export type SynonymTarget = [word: string, weight: number];

/**
 * Classes of words a question may use for what an article says otherwise. Written in
 * either script (they are normalised). Each class is one meaning; a word may be in two.
 */
export const CURATED_SYNONYMS: readonly (readonly string[])[] = [
  ['薪水', '薪資', '工資', '年薪', '月薪', '薪酬', '待遇', '報酬'],
  ['讀博', '讀博士', '攻讀博士', '念博士', '唸博士', '博士'],
  ['小組', '團隊', '隊伍', '團體'],
  ['跌', '跌掉', '下跌', '暴跌', '大跌', '蒸發', '縮水', '損失', '虧掉', '少了'],
  ['指導老師', '指導者', '導師', '指導教授', '博導', '博士生導師'],
  ['比喻', '比作', '比擬', '類比', '形容', '堪比', '好比'],
  ['一天', '一日', '單日', '當天', '一天之內'],
  ['花費', '花了', '耗資', '成本', '開銷', '費用', '花銷'],
  ['價格', '價錢', '收費', '售價', '定價', '費用'],
  ['回國', '歸國', '海歸', '返回中國', '回到中國'],
  ['登頂', '衝上第一', '第一名', '榜首', '奪冠', '排第一'],
  ['排行榜', '榜單', '排名', '排行'],
  ['實習', '實習生'],
  ['工作機會', '職位', 'offer', '錄取', '聘用'],
  ['轉正', '全職', '正式員工', '正職'],
  ['發帖', '發文', '發推', '貼文', '推文', '發布'],
  ['轉發', '轉推', '分享'],
  ['打敗', '擊敗', '戰勝', '打趴', '顛覆', '擊垮'],
  ['原因', '理由', '緣故', '動機'],
  ['趨勢', '潮流', '風潮', '流行'],
  ['驚訝', '意外', '吃驚', '詫異', '驚奇'],
  ['優秀', '頂尖', '頂級', '一流', '傑出', '出色'],
  ['天才', '人才', '精英', '菁英', '尖子'],
  ['刻苦', '努力', '用功', '勤奮'],
  ['才華', '才能', '天賦', '能力'],
  ['失去', '錯失', '流失', '丟掉', '錯過'],
  ['吸引', '留住', '招攬', '挽留', '延攬'],
  ['驅逐', '趕走', '遣返', '趕回', '驅逐出境', '被迫回國'],
  ['評價', '評論', '看法', '點評'],
  ['公司', '企業', '廠商', '大廠'],
  ['大學', '高校', '院校', '學校'],
  ['研究員', '研究人員', '研究者', '研究學者'],
  ['工程師', '技術人員'],
  ['生活成本', '物價', '生活費'],
  ['家人', '家庭', '父母', '親人'],
  ['負責', '主導', '帶領', '領導'],
  ['關鍵', '重要', '核心'],
  ['貢獻', '貢獻者', '功臣'],
  ['畢業生', '應屆生', '畢業的學生'],
  ['移民政策', '簽證政策', '移民'],
  ['專欄', '專欄文章', '社論', '評論文章'],
  ['數量', '總數', '人數', '數目'],
  ['市值', '總市值', '股值'],
  ['模型', '大模型'],
  ['警鐘', '警告', '警示', '敲響警鐘'],
];

/** Glosses too general to make two headwords synonyms. */
const GENERIC_GLOSS = new Set(
  (
    'be|do|have|make|get|go|come|give|take|put|say|see|use|thing|things|person|people|man|' +
    'one|it|this|that|so|very|also|and|or|not|no|yes|good|bad|big|small|new|old|way|time|' +
    'place|part|kind|type|matter|affair|situation|state|case|point|side|the|a|an|of|in|on|at'
  ).split('|'),
);

/** A gloss shared by more headwords than this is too common to mean anything specific. */
const MAX_SHARED = 10;
/** What a dictionary synonym weighs: a near-synonym, not a translation. */
const CEDICT_WEIGHT = 0.6;
/** What a curated synonym weighs. */
export const CURATED_WEIGHT = 0.7;

/** The specific glosses of an entry: "to evaporate" → "evaporate"; no references, no descriptions. */
function glosses(entry: CedictEntry): string[] {
  const out: string[] = [];
  for (const sense of entry.senses) {
    if (/\b(?:variant of|surname|see also|see |abbr\.|used in|classifier|CL:)/i.test(sense))
      continue;
    for (const piece of sense.split(';')) {
      const g = piece
        .replace(/\([^)]*\)/g, ' ')
        .replace(/^\s*to\s+/i, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();
      if (!g || g.split(' ').length > 3 || GENERIC_GLOSS.has(g) || /[^a-z' -]/.test(g)) continue;
      out.push(g);
    }
  }
  return out;
}

/**
 * Words (normal form) whose CC-CEDICT glosses share a specific gloss with a corpus word,
 * mapped to those corpus words. `corpusWords` are the corpus's words in normal form.
 */
export function cedictSynonyms(
  entries: readonly CedictEntry[],
  corpusWords: ReadonlySet<string>,
): Record<string, SynonymTarget[]> {
  const byGloss = new Map<string, Set<string>>();
  const glossesOf = new Map<string, Set<string>>();
  for (const entry of entries) {
    const word = normalize(entry.traditional);
    if (word.length < 2 || !/^\p{Script=Han}+$/u.test(word)) continue;
    for (const g of glosses(entry)) {
      let words = byGloss.get(g);
      if (!words) byGloss.set(g, (words = new Set()));
      words.add(word);
      let gs = glossesOf.get(word);
      if (!gs) glossesOf.set(word, (gs = new Set()));
      gs.add(g);
    }
  }
  const out = new Map<string, Map<string, number>>();
  for (const target of corpusWords) {
    for (const g of glossesOf.get(target) ?? []) {
      const words = byGloss.get(g)!;
      if (words.size > MAX_SHARED) continue;
      for (const w of words) {
        if (w === target) continue;
        let row = out.get(w);
        if (!row) out.set(w, (row = new Map<string, number>()));
        row.set(target, CEDICT_WEIGHT);
      }
    }
  }
  const result: Record<string, SynonymTarget[]> = {};
  for (const w of [...out.keys()].sort()) {
    result[w] = [...out.get(w)!].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TARGETS);
  }
  return result;
}

const MAX_TARGETS = 4;

let curatedIndex: Map<string, Set<string>> | undefined;

/** Curated synonyms of a word in normal form (itself excluded). */
export function curatedSynonyms(word: string): string[] {
  if (!curatedIndex) {
    curatedIndex = new Map();
    for (const cls of CURATED_SYNONYMS) {
      const normal = cls.map((w) => normalize(w));
      for (const w of normal) {
        let set = curatedIndex.get(w);
        if (!set) curatedIndex.set(w, (set = new Set()));
        for (const other of normal) if (other !== w) set.add(other);
      }
    }
  }
  return [...(curatedIndex.get(word) ?? [])];
}
