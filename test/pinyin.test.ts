import { describe, expect, it } from 'vitest';
import { pinyinSpellings, pinyinSyllables } from '../src/text/pinyin.js';

describe('pinyin', () => {
  it('reads Han text as toneless syllables, ü as ü', () => {
    expect(pinyinSyllables('潘梓正')).toEqual(['pan', 'zi', 'zheng']);
    expect(pinyinSyllables('呂布')).toEqual(['lü', 'bu']);
    expect(pinyinSyllables('女兒')).toEqual(['nü', 'er']);
  });

  it('reads surnames as surnames only when asked', () => {
    expect(pinyinSyllables('单雄信')[0]).toBe('dan');
    expect(pinyinSyllables('单雄信', { surname: true })[0]).toBe('shan');
    expect(pinyinSyllables('曾国藩', { surname: true })).toEqual(['zeng', 'guo', 'fan']);
  });

  it('gives nothing rather than a syllable short', () => {
    expect(pinyinSyllables('')).toEqual([]);
    expect(pinyinSyllables('潘A')).toEqual([]);
    expect(pinyinSyllables('Pan')).toEqual([]);
    // An Extension B character pinyin-pro has no reading for.
    expect(pinyinSyllables('潘\u{20000}')).toEqual([]);
  });

  it('spells ü the three ways English text does', () => {
    expect(pinyinSpellings('lü')).toEqual(['lu', 'lv', 'lü']);
    expect(pinyinSpellings('lübunü')).toEqual(['lubunu', 'lvbunv', 'lübunü']);
    expect(pinyinSpellings('panzizheng')).toEqual(['panzizheng']);
  });
});
