/**
 * Regional vocabulary OpenCC's Taiwan phrase table (`twp`) does not fold: words a
 * reader in Taiwan or Hong Kong writes for what mainland and Hong Kong news copy in
 * Traditional script calls something else. Both sides of every comparison, question
 * and passage, are folded with this table after OpenCC, so 大學部 meets 本科 whichever
 * of the two the article uses; quotes are cut from the original text and never see it.
 *
 * Entries are general vocabulary, not words of one article, and only what OpenCC
 * lacks. Each has a test (test/variants.test.ts): OpenCC alone keeps the two forms
 * apart, and with this table they fold alike.
 */
import { twpToCn } from './opencc.js';
import { escapeRegExp } from './regexp.js';

export interface Variant {
  /** The regional form, as its readers write it. */
  regional: string;
  /** The form it folds to: the mainland word, which the Traditional press of Hong Kong shares. */
  standard: string;
  /** Characters that, right before the regional form, mean it is part of another word. */
  notAfter?: string;
  note: string;
}

export const VARIANTS: readonly Variant[] = [
  { regional: '大學部', standard: '本科', note: 'undergraduate studies (Taiwan)' },
  { regional: '學士班', standard: '本科', note: 'undergraduate programme (Taiwan)' },
  // 創新創業: the 新創 there is not a word.
  { regional: '新創', standard: '初創', notAfter: '創创', note: 'start-up (Taiwan)' },
  { regional: '正職', standard: '全職', note: 'full-time job (Taiwan)' },
  { regional: '指導教授', standard: '導師', note: 'academic advisor (Taiwan)' },
  { regional: '社群媒體', standard: '社交媒體', note: 'social media (Taiwan)' },
  { regional: '社群平台', standard: '社交平臺', note: 'social platform (Taiwan)' },
  { regional: '社群網站', standard: '社交網站', note: 'social network site (Taiwan)' },
  { regional: '轉推', standard: '轉發', note: 'to retweet (Taiwan)' },
  { regional: '轉貼', standard: '轉載', note: 'to repost an article (Taiwan)' },
  { regional: '資訊科學', standard: '計算機科學', note: 'computer science (Taiwan)' },
  { regional: '資訊工程', standard: '計算機工程', note: 'computer engineering (Taiwan)' },
  { regional: '電機工程', standard: '電子工程', note: 'electrical engineering (Taiwan)' },
  { regional: '美金', standard: '美元', note: 'US dollar (Taiwan, Hong Kong)' },
  { regional: '澳洲', standard: '澳大利亞', note: 'Australia (Taiwan, Hong Kong)' },
  { regional: '雪梨', standard: '悉尼', note: 'Sydney (Taiwan)' },
  { regional: '川普', standard: '特朗普', note: 'Trump (Taiwan)' },
  { regional: '甘迺迪', standard: '肯尼迪', note: 'Kennedy (Taiwan)' },
  { regional: '歌利亞', standard: '哥利亞', note: 'Goliath (Taiwan Bible)' },
  { regional: '蒙納士', standard: '莫納什', note: 'Monash (Hong Kong)' },
  { regional: '蒙納許', standard: '莫納什', note: 'Monash (Taiwan)' },
  { regional: '阿德雷德', standard: '阿德萊德', note: 'Adelaide (Taiwan)' },
  { regional: '愛德蓮', standard: '阿德萊德', note: 'Adelaide (Hong Kong)' },
];

interface Compiled {
  pattern: RegExp;
  target: Map<string, string>;
}

let compiled: Compiled | undefined;

/**
 * The table in the form it is applied in: both sides through OpenCC first (the fold
 * runs after it), longest regional form first so 指導教授 wins over a shorter entry.
 */
function compile(): Compiled {
  if (compiled) return compiled;
  const target = new Map<string, string>();
  const parts: { source: string; length: number }[] = [];
  for (const v of VARIANTS) {
    const from = twpToCn(v.regional);
    const to = twpToCn(v.standard);
    target.set(from, to);
    const guard = v.notAfter ? `(?<![${escapeRegExp(twpToCn(v.notAfter) + v.notAfter)}])` : '';
    parts.push({ source: guard + escapeRegExp(from), length: from.length });
  }
  parts.sort((a, b) => b.length - a.length);
  compiled = { pattern: new RegExp(parts.map((p) => p.source).join('|'), 'gu'), target };
  return compiled;
}

/** Regional words of Simplified (already OpenCC-folded) text replaced by their standard form. */
export function foldVariants(simplified: string): string {
  const { pattern, target } = compile();
  return simplified.replace(pattern, (m) => target.get(m) ?? m);
}

/** The table's entries, for a fingerprint of the normal form. */
export function variantEntries(): [string, string, string][] {
  return VARIANTS.map((v) => [v.regional, v.standard, v.notAfter ?? '']);
}
