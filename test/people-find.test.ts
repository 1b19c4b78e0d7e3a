/**
 * `find` scores only the people a Latin query could match (LatinCandidates); this checks
 * it against `lookup`, which scores everyone, on names with typos, prefixes, short words,
 * run-together words and words of other names.
 */
import { describe, expect, it } from 'vitest';
import { PeopleMatcher } from '../src/people/matcher.js';
import type { PeopleRegistry, PersonEntry } from '../src/people/types.js';

const SURNAMES = [...'王李張劉陳楊黃趙周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁'];
const GIVEN = [...'偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉蘭萍紅鵬飛宇浩然軒涵欣怡晨陽'];
const ENGLISH = ['Jensen Huang', 'Sam Altman', 'Li Fei-Fei', 'Yu Zhiding', 'Pan Zizheng', 'Al Ng'];

function person(i: number): PersonEntry {
  const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[i % 13]!;
  return {
    name,
    aliases: i < ENGLISH.length ? [ENGLISH[i]!] : [],
    role: '',
    roleQuoted: false,
    roleAt: null,
    source: 'detected',
    forms: [name],
    mentionCount: (i * 37) % 11,
    mentions: [],
  };
}

let seed = 3;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** A query made from a spelling: whole, one word, a prefix, a typo, or run together. */
function variant(spelling: string): string {
  const words = spelling.split(' ');
  const r = next();
  if (r < 0.2) return spelling;
  if (r < 0.35) return words[Math.floor(next() * words.length)]!;
  if (r < 0.5) return spelling.slice(0, 2 + Math.floor(next() * 5));
  if (r < 0.65) return words.join('');
  const at = Math.floor(next() * spelling.length);
  const letter = 'aeiouxzghn'[Math.floor(next() * 10)]!;
  return r < 0.8
    ? spelling.slice(0, at) + letter + spelling.slice(at + 1)
    : spelling.slice(0, at) + spelling.slice(at + 1);
}

describe('PeopleMatcher.find', () => {
  const registry: PeopleRegistry = {
    version: 1,
    people: Array.from({ length: 400 }, (_, i) => person(i)),
  };
  const matcher = new PeopleMatcher(registry);

  it('names the person the full ranking names, for Latin queries', () => {
    const spellings = [
      ...ENGLISH,
      'Wang Wei',
      'Zhang Wei',
      'Zizheng',
      'Huang',
      'Liu Yang',
      'Chen Jing',
      'Xu Hao',
      'Mr Lin',
      'Ng',
      'Altmann',
      'zhangweiming',
    ];
    let named = 0;
    for (let n = 0; n < 600; n++) {
      const query = variant(spellings[Math.floor(next() * spellings.length)]!);
      const expected = matcher.lookup(query).person;
      expect(matcher.find(query), query).toBe(expected);
      if (expected) named++;
    }
    // The queries must exercise matches, not only misses.
    expect(named).toBeGreaterThan(100);
  });
});
