import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { ShareCounts, ShareCountsMismatch, type Share } from '../src/lexicon/corpus-shares.js';

const share = (
  words: string[],
  tagged: [string, string][] = [],
  givenNames: string[] = [],
): Share => ({
  view: { traditional: [], headwordGrams: [], words, tagged, latin: [] },
  givenNames,
});

const counted = (...shares: Share[]): ShareCounts => {
  const counts = ShareCounts.empty();
  for (const s of shares) counts.add(s, 1);
  return counts;
};

/** No headwords: the views below hold none to narrow. */
const noDictionary = { simplified: [], traditional: [], normalTraditional: [] };

describe('ShareCounts', () => {
  const a = share(['人才', '回國'], [['梁文鋒', 'nr']]);
  const b = share(['人才', '深度求索'], [['梁文鋒', 'n']], ['文鋒']);

  it('fingerprints the members, whatever order the shares came in', () => {
    expect(counted(a, b).fingerprint()).toBe(counted(b, a).fingerprint());
    expect(counted(a, b).fingerprint()).not.toBe(counted(a).fingerprint());
    // A string two shares hold is one member.
    expect(counted(a, a, b).fingerprint()).toBe(counted(a, b).fingerprint());
  });

  it('takes a share out again, to the counts of the others alone', () => {
    const counts = counted(a, b);
    counts.add(b, -1);
    expect(counts.fingerprint()).toBe(counted(a).fingerprint());
    expect(counts.view(noDictionary).words).toEqual(new Set(['人才', '回國']));
  });

  it('reads a word as a name when any share tags it as one', () => {
    const view = counted(a, b).view({
      simplified: [],
      traditional: [],
      normalTraditional: [],
    });
    expect(view.names).toEqual(new Set(['梁文鋒']));
    expect(view.ngrams).toEqual(new Set(['文鋒']));
  });

  it('refuses to take out what was never put in', () => {
    expect(() => counted(a).add(b, -1)).toThrow(ShareCountsMismatch);
  });

  it('survives the build cache (v8 serialisation), and refuses what is not its state', () => {
    const kept = ShareCounts.fromState(deserialize(serialize(counted(a, b).toState())))!;
    kept.add(b, -1);
    expect(kept.fingerprint()).toBe(counted(a).fingerprint());
    // Patched counts keep the state counting from nothing would: strings taken out, put in, and new.
    expect(kept.toState()).toEqual(counted(a).toState());
    const grown = ShareCounts.fromState(deserialize(serialize(counted(a).toState())))!;
    grown.add(b, 1);
    grown.add(share(['人工智能', '中國'], [['宋俊瀟', 'nr']]), 1);
    expect(grown.toState()).toEqual(
      counted(a, b, share(['人工智能', '中國'], [['宋俊瀟', 'nr']])).toState(),
    );
    expect(grown.fingerprint()).toBe(
      counted(b, share(['人工智能', '中國'], [['宋俊瀟', 'nr']]), a).fingerprint(),
    );
    // Kept strings out of order, or one no share holds, are not counts this code kept.
    const state = counted(a, b).toState();
    const reversed = { ...state.sets.words, keys: [...state.sets.words.keys].reverse() };
    expect(
      ShareCounts.fromState({ ...state, sets: { ...state.sets, words: reversed } }),
    ).toBeNull();
    const zero = { ...state.sets.words, counts: new Uint32Array(state.sets.words.keys.length) };
    expect(ShareCounts.fromState({ ...state, sets: { ...state.sets, words: zero } })).toBeNull();
    expect(ShareCounts.fromState({ counts: {}, sums: {} })).toBeNull();
    expect(ShareCounts.fromState({ sets: {}, sums: {} })).toBeNull();
    expect(ShareCounts.fromState(null)).toBeNull();
  });
});
