/**
 * Chinese near-synonyms, so that a reader's word meets the article's: 小組 finds 團隊,
 * 跌掉 finds 蒸發, 讀博 finds 攻讀博士. A small curated table of the paraphrase classes
 * readers use in questions about news. No Chinese thesaurus on npm is both well kept
 * and freely licensed (node-synonyms is GPL-3.0 and 47 MB of word vectors; segment's
 * synonym.txt is 4,300 literary pairs without these words; HIT's Cilin ships with no
 * npm package), so the classes are written here, each general, each tested.
 *
 * CC-CEDICT read as a thesaurus (two headwords sharing a specific English gloss) was
 * tried too and measured: on seven question sets it changed nothing on five and lost
 * one answer on another, so it is not used.
 */
import { normalize } from '../text/normalize.js';

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
  ['重點', '重要', '主要'],
  ['貢獻', '貢獻者', '功臣'],
  ['畢業生', '應屆生', '畢業的學生'],
  ['移民政策', '簽證政策', '移民'],
  ['專欄', '專欄文章', '社論', '評論文章'],
  ['數量', '總數', '人數', '數目'],
  ['市值', '總市值', '股值'],
  ['模型', '大模型'],
  ['警鐘', '警告', '警示', '敲響警鐘'],
];

/** What a curated synonym weighs: near, not the same. */
export const CURATED_WEIGHT = 0.7;

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
