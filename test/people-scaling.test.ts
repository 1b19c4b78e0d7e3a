/**
 * Person detection must cost in proportion to the text it reads, both as one
 * paragraph grows and as the corpus gains articles (and with them, people).
 *
 * Paragraph length is checked by counting, not timing: the characters handed to
 * regular expressions (each scan counted once, from its start). Linear code hands
 * over each character a fixed number of times; the old detector handed a pattern the
 * whole text before every candidate name, so 8× the text cost ~64× the characters.
 * The number of articles is checked by a ratio of times measured in one run, not a
 * time limit: 16× the articles may cost at most 48× (linear is 16×; the old detector,
 * which compared every name with every other in every paragraph, took 36× for only 8×
 * the articles). The wide margin is for a shared 2-core machine, where a full test
 * run measured 27× for 8× the articles: timing noise, not growth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { parseDocument } from '../src/corpus/parse.js';
import type { Corpus } from '../src/corpus/types.js';
import type { NameLexicon } from '../src/people/lexicon.js';
import { FormFinder } from '../src/people/occurrences.js';
import { buildPeopleRegistry } from '../src/people/registry.js';

const SURNAMES = '王李張劉陳楊黃趙周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁蔡蔣';
const GIVEN = '偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉蘭萍紅鵬飛宇浩然軒涵欣怡晨陽';
/** A stand-in for CC-CEDICT: the test is about cost, not about which names are right. */
const lexicon: NameLexicon = {
  isSurname: (c) => SURNAMES.includes(c),
  isCommonWord: () => false,
};

const seedBody = (() => {
  const file = 'guancha-2025-02-09-deepseek-talent.md';
  const doc = parseDocument(file, readFileSync(path.join(PROJECT_ROOT, 'corpus', file), 'utf8'));
  return doc.paragraphs.map((p) => p.text).join('');
})();

/** One article whose only paragraph is the seed's body repeated to `chars` characters. */
function oneLongParagraph(chars: number): Corpus {
  const text = seedBody.repeat(Math.ceil(chars / seedBody.length)).slice(0, chars);
  return { documents: [parseDocument('long.txt', text + '\n')], hash: 'test', skipped: [] };
}

/** Person i: distinct for every i below 35 × 35 × 35. */
function name(i: number): string {
  const g = [...GIVEN];
  return [...SURNAMES][i % 35]! + g[Math.floor(i / 35) % 35]! + g[Math.floor(i / 1225) % 35]!;
}

/** `count` short articles, each naming two people of its own and quoting one. */
function manyArticles(count: number): Corpus {
  const documents = Array.from({ length: count }, (_, i) =>
    parseDocument(
      `a${i}.txt`,
      `教授${name(2 * i)}說,${seedBody.slice(i % 500, (i % 500) + 120)}。` +
        `${name(2 * i + 1)}表示,${seedBody.slice(i % 300, (i % 300) + 80)}。\n`,
    ),
  );
  return { documents, hash: 'test', skipped: [] };
}

/**
 * Characters given to regular expressions while `run` runs: a global or sticky
 * pattern resumes a scan with each call, so only calls that start one are counted.
 */
function regexCharacters(run: () => void): number {
  const proto = RegExp.prototype;
  const exec = Object.getOwnPropertyDescriptor(proto, 'exec')!;
  const original = exec.value as (this: RegExp, input: string) => RegExpExecArray | null;
  let chars = 0;
  Object.defineProperty(proto, 'exec', {
    ...exec,
    value: function (this: RegExp, input: string) {
      if (!(this.global || this.sticky) || this.lastIndex === 0) chars += input.length;
      return original.call(this, input);
    },
  });
  try {
    run();
  } finally {
    Object.defineProperty(proto, 'exec', exec);
  }
  return chars;
}

/** The least time of a few runs: the least disturbed by other work on the machine. */
function cost(run: () => void, times = 3): number {
  let best = Infinity;
  for (let k = 0; k < times; k++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('person detection cost', () => {
  it('grows linearly with paragraph length', () => {
    const small = oneLongParagraph(40_000);
    const large = oneLongParagraph(320_000);
    buildPeopleRegistry(small, [], { lexicon }); // warm-up: jieba, OpenCC
    const smallWork = regexCharacters(() => buildPeopleRegistry(small, [], { lexicon }));
    const largeWork = regexCharacters(() => buildPeopleRegistry(large, [], { lexicon }));
    expect(smallWork).toBeGreaterThan(40_000);
    expect(largeWork / smallWork).toBeLessThan(9);
  });

  it('grows linearly with the number of articles and people', () => {
    const small = manyArticles(50);
    const large = manyArticles(800);
    const found = buildPeopleRegistry(large, [], { lexicon }).people.length;
    // Most of the 1,600 names are found, so the merge and mention passes really run over them.
    expect(found).toBeGreaterThan(800);
    // Small and large runs alternate, and each keeps its best: a burst of load from
    // other processes on a shared machine then slows both sides, not one.
    let bestSmall = Infinity;
    let bestLarge = Infinity;
    for (let round = 0; round < 3; round++) {
      bestSmall = Math.min(
        bestSmall,
        cost(() => buildPeopleRegistry(small, [], { lexicon }), 2),
      );
      bestLarge = Math.min(
        bestLarge,
        cost(() => buildPeopleRegistry(large, [], { lexicon }), 1),
      );
    }
    expect(bestLarge / bestSmall).toBeLessThan(48);
  });
});

describe('FormFinder', () => {
  it('finds every occurrence of every form, overlapping ones included', () => {
    const finder = new FormFinder(['潘梓正', '梓正', '潘', '禹之鼎']);
    expect(finder.find('潘梓正說梓正和禹之鼎;潘')).toEqual([
      { form: '潘梓正', start: 0, end: 3 },
      { form: '潘', start: 0, end: 1 },
      { form: '梓正', start: 1, end: 3 },
      { form: '梓正', start: 4, end: 6 },
      { form: '禹之鼎', start: 7, end: 10 },
      { form: '潘', start: 11, end: 12 },
    ]);
  });
});
