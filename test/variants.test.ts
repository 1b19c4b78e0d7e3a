/**
 * Regional vocabulary: OpenCC's Taiwan phrases and the curated table fold a Taiwan or
 * Hong Kong word and the mainland word for the same thing to one normal form.
 */
import { describe, expect, it } from 'vitest';
import { foldScript, normalize } from '../src/text/normalize.js';
import { twpToCn } from '../src/text/opencc.js';
import { VARIANTS } from '../src/text/variants.js';

describe('regional vocabulary', () => {
  it.each([
    ['輝達', '英偉達'],
    ['矽谷', '硅谷'],
    ['晶片', '芯片'],
    ['軟體', '軟件'],
    ['伺服器', '服務器'],
    ['演算法', '算法'],
    ['資料集', '數據集'],
    ['人工智慧', '人工智能'],
  ])('OpenCC phrases fold %s and %s alike', (taiwan, mainland) => {
    expect(normalize(taiwan)).toBe(normalize(mainland));
    // Character by character they stay apart: the phrase table is what folds them.
    expect(foldScript(taiwan)).not.toBe(foldScript(mainland));
  });

  it.each(VARIANTS.map((v) => [v.regional, v.standard, v.note]))(
    'the table folds %s to %s (%s), which OpenCC alone does not',
    (regional, standard) => {
      expect(twpToCn(regional)).not.toBe(twpToCn(standard));
      expect(normalize(regional)).toBe(normalize(standard));
      expect(normalize(`他在${regional}。`)).toBe(normalize(`他在${standard}。`));
    },
  );

  it('leaves a regional form alone inside another word', () => {
    expect(normalize('創新創業')).toBe('创新创业');
    expect(normalize('新創公司')).toBe(normalize('初創公司'));
  });

  it('folds both sides: a passage in Taiwan wording meets a mainland question', () => {
    expect(normalize('他大學部念台大')).toContain(normalize('本科'));
    expect(normalize('輝達的晶片')).toBe(normalize('英伟达的芯片'));
  });
});
