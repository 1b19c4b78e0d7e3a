/** Chinese near-synonyms: the curated paraphrase classes. */
import { describe, expect, it } from 'vitest';
import { CURATED_SYNONYMS, curatedSynonyms } from '../src/lexicon/chinese-synonyms.js';
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
