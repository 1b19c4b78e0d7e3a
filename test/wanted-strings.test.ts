import { describe, expect, it } from 'vitest';
import { MAX_HEADWORD, WantedStrings } from '../src/lexicon/wanted-strings.js';

/** Every substring of `run` up to MAX_HEADWORD long that `wanted` holds, by start, then length. */
function bruteForce(run: string, wanted: Set<string>): string[] {
  const out = new Set<string>();
  for (let i = 0; i < run.length; i++)
    for (let n = 1; n <= MAX_HEADWORD && i + n <= run.length; n++)
      if (wanted.has(run.slice(i, i + n))) out.add(run.slice(i, i + n));
  return [...out];
}

describe('WantedStrings', () => {
  // Enough strings with shared prefixes that the table is compacted after it is built.
  const words: string[] = [];
  const chars = '人工智能深度求索回國人才美國中國學者研究';
  for (let i = 0; i < 3000; i++) {
    let w = '';
    for (let k = 0, x = i * 7919; k < 2 + (i % 4); k++, x = Math.floor(x / 5) + k * 31)
      w += chars[x % chars.length];
    words.push(w);
  }
  words.push('深度求索', 'DeepSeek', '梁文鋒');
  const wanted = new Set(words);
  const text = '深度求索(DeepSeek)的梁文鋒說,人工智能人才回國,中國學者研究美國人工智能深度。';

  it('finds exactly the wanted substrings, and so does the trie read back from its state', () => {
    const trie = new WantedStrings(words);
    const found = new Set<string>();
    trie.collect(text, found);
    expect([...found]).toEqual(bruteForce(text, wanted));
    expect(found.has('深度求索')).toBe(true);

    const state = trie.state();
    // Compacted: at most half full, in a power-of-two table.
    expect(state.parents.length).toBeLessThanOrEqual(Math.max(1024, 4 * (state.nodes - 1)));
    const back = WantedStrings.fromState(structuredClone(state))!;
    const again = new Set<string>();
    back.collect(text, again);
    expect([...again]).toEqual([...found]);
  });

  it('refuses a state that is not a trie', () => {
    expect(WantedStrings.fromState({ parents: new Int32Array(3) })).toBeNull();
    expect(WantedStrings.fromState(null)).toBeNull();
  });
});
