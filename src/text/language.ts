/**
 * Which of the three supported languages a text is written in. It picks the UI
 * wording and whether English→Chinese expansion runs; quotes are never touched.
 */
import { hanCount } from './han.js';
import { foldScript, toTraditional } from './normalize.js';

export const LANGS = ['zh-Hant', 'zh-Hans', 'en'] as const;

export type Lang = (typeof LANGS)[number];

export function detectLanguage(text: string): Lang {
  const han = hanCount(text);
  if (han === 0) return 'en';
  // "Who is 潘梓正?" is English with a Chinese name in it, while "DeepSeek-R1 每百萬token
  //收費多少?" is Chinese with product names in it: English grammar words decide.
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const grammar = words.filter((w) => ENGLISH_GRAMMAR.has(w)).length;
  if (grammar > 0 && words.join('').length > han) return 'en';
  const simplified = foldScript(text);
  const traditional = toTraditional(text);
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  const chars = [...text];
  const simp = [...simplified];
  const trad = [...traditional];
  for (let i = 0; i < chars.length; i++) {
    if (simp[i] !== chars[i]) traditionalOnly++;
    if (trad[i] !== chars[i]) simplifiedOnly++;
  }
  return simplifiedOnly > traditionalOnly ? 'zh-Hans' : 'zh-Hant';
}

const ENGLISH_GRAMMAR = new Set(
  'a an the is are was were be been do does did who whom whose what when where why which how of in on at to for from with about by and or not can could would should will say said tell me'.split(
    ' ',
  ),
);
