import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/text/language.js';
import { normalize, normalizeAligned } from '../src/text/normalize.js';
import { splitSentences } from '../src/text/sentences.js';
import { tokenize } from '../src/text/tokenize.js';

describe('normalize', () => {
  it('folds Traditional (Taiwan and Hong Kong forms) and Simplified to one script', () => {
    expect(normalize('潘梓正在英偉達實習')).toBe(normalize('潘梓正在英伟达实习'));
    expect(normalize('禹之鼎説')).toBe(normalize('禹之鼎說'));
    expect(normalize('錢學森')).toBe('钱学森');
  });

  it('folds full-width to half-width and lowercases', () => {
    expect(normalize('ＤｅｅｐＳｅｅｋ－Ｒ１　１２３')).toBe('deepseek-r1 123');
  });

  it('keeps length in the aligned variant', () => {
    const s = '中國人工智能(AI)初創企業DeepSeek的「異軍突起」';
    expect(normalizeAligned(s)).toHaveLength(s.length);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['潘梓正是誰？', 'zh-Hant'],
    ['潘梓正是谁？', 'zh-Hans'],
    ['Who is Pan Zizheng?', 'en'],
    ['Who is 潘梓正?', 'en'],
    ['DeepSeek-R1 每百萬token收費多少？', 'zh-Hant'],
  ])('%s → %s', (q, lang) => expect(detectLanguage(q)).toBe(lang));
});

describe('tokenize', () => {
  it('gives a Simplified question the same terms as the Traditional text', () => {
    const trad = new Set(tokenize('潘梓正在英偉達實習'));
    for (const t of tokenize('潘梓正在英伟达实习')) expect(trad).toContain(t);
  });

  it('emits bigrams so that names split by the segmenter still match', () => {
    const terms = tokenize('宋俊瀟在香港科技大學');
    expect(terms).toContain('宋俊');
    expect(terms).toContain('俊潇');
  });

  it('drops question words and keeps numbers whole', () => {
    const terms = tokenize('R1每百萬token收費多少？2.19美元');
    expect(terms).not.toContain('多少');
    expect(terms).toContain('2.19');
    expect(terms).toContain('r1');
  });

  it('can use Intl.Segmenter instead of jieba', () => {
    expect(tokenize('英偉達實習', { segmenter: 'intl', bigrams: false }).length).toBeGreaterThan(0);
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends, keeps closing quotes, and loses no character', () => {
    const text =
      '「我至今仍然對梓正當時的決定印象深刻……我個人非常高興。」禹之鼎寫道,「梓正的案例。我們也學到了很多。」';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text).join('')).toBe(text);
    expect(spans[0]!.text.endsWith('。」')).toBe(true);
    expect(spans).toHaveLength(3);
  });

  it('handles Latin sentences and line breaks', () => {
    expect(splitSentences('One. Two!\nThree').map((s) => s.text.trim())).toEqual([
      'One.',
      'Two!',
      'Three',
    ]);
    expect(splitSentences('It cost 2.19 dollars.').length).toBe(1);
  });
});
