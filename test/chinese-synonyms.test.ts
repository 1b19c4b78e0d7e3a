/**
 * Chinese near-synonyms: the curated paraphrase classes, and CC-CEDICT read as a
 * thesaurus (two headwords sharing a specific English gloss).
 */
import { describe, expect, it } from 'vitest';
import type { CedictEntry } from '../src/lexicon/cedict.js';
import {
  CURATED_SYNONYMS,
  cedictSynonyms,
  curatedSynonyms,
} from '../src/lexicon/chinese-synonyms.js';
import { normalize } from '../src/text/normalize.js';

describe('curated synonym classes', () => {
  it.each(CURATED_SYNONYMS.map((cls) => [cls.join(' '), cls]))(
    'each word of 「%s」 has the others as synonyms, and not itself',
    (_, cls) => {
      const normal = cls.map((w) => normalize(w));
      for (const word of normal) {
        const synonyms = curatedSynonyms(word);
        expect(synonyms, word).not.toContain(word);
        for (const other of normal) if (other !== word) expect(synonyms, word).toContain(other);
      }
    },
  );

  it('takes words in normal form: 小組 is found as 小组 and leads to 团队', () => {
    expect(curatedSynonyms(normalize('小組'))).toContain(normalize('團隊'));
  });

  it('knows nothing of a word in no class', () => {
    expect(curatedSynonyms(normalize('潘梓正'))).toEqual([]);
  });
});

/** A dictionary entry as cc-cedict gives it; the headword is the same in both scripts. */
function entry(headword: string, ...senses: string[]): CedictEntry {
  return { traditional: headword, simplified: headword, pinyin: '', senses };
}

describe('CC-CEDICT synonyms', () => {
  it('makes two headwords that share a specific gloss synonyms, pointing at the corpus word', () => {
    const table = cedictSynonyms(
      [entry('薪水', 'salary', 'wage'), entry('薪資', 'salary; pay')],
      new Set([normalize('薪資')]),
    );
    expect(table[normalize('薪水')]).toEqual([[normalize('薪資'), expect.any(Number)]]);
  });

  it('keeps only corpus words as targets', () => {
    const table = cedictSynonyms(
      [entry('薪水', 'salary'), entry('薪資', 'salary')],
      new Set([normalize('薪資')]),
    );
    // 薪水 is not in the corpus: nothing leads to it, and the corpus word needs no entry.
    expect(Object.keys(table)).toEqual([normalize('薪水')]);
    expect(Object.values(table).flat()).not.toContainEqual([normalize('薪水'), expect.any(Number)]);
  });

  it('finds nothing when no corpus word shares a gloss', () => {
    expect(
      cedictSynonyms([entry('薪水', 'salary'), entry('薪資', 'salary')], new Set(['蒸发'])),
    ).toEqual({});
  });

  it('drops a gloss shared by more than 10 headwords, keeps one shared by 10', () => {
    const words = [...'甲乙丙丁戊己庚辛壬癸子'].map((c) => `光${c}`);
    const shared = (n: number) =>
      cedictSynonyms(
        words.slice(0, n).map((w) => entry(w, 'to shine brightly')),
        new Set(['光甲']),
      );
    expect(Object.keys(shared(10))).toHaveLength(9);
    expect(shared(10)['光乙']).toEqual([['光甲', expect.any(Number)]]);
    expect(shared(11)).toEqual({});
  });

  it('ignores "variant of" senses', () => {
    expect(
      cedictSynonyms(
        [entry('蒸發', 'variant of steam'), entry('烝發', 'variant of steam')],
        new Set([normalize('蒸發')]),
      ),
    ).toEqual({});
  });

  it('ignores surname senses', () => {
    expect(
      cedictSynonyms(
        [entry('歐陽', 'surname Ouyang'), entry('區陽', 'surname Ouyang')],
        new Set([normalize('歐陽')]),
      ),
    ).toEqual({});
  });

  it('ignores a general gloss such as "thing"', () => {
    expect(
      cedictSynonyms([entry('東西', 'thing'), entry('物件', 'thing')], new Set(['东西'])),
    ).toEqual({});
  });
});
