import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseDocument } from '../src/corpus/parse.js';
import type { Corpus } from '../src/corpus/types.js';
import { cedictLexicon } from '../src/people/lexicon.js';
import { mentionRefsOf, mentionsFrom } from '../src/people/mentions.js';
import { lookupPerson, matcherFor, suggestPeople } from '../src/people/lookup.js';
import {
  buildPeopleRegistry,
  loadCuratedPeople,
  PeopleDataError,
  peopleWords,
  type CuratedPerson,
  type PeopleRegistry,
} from '../src/people/registry.js';
import { loadCedict } from '../src/lexicon/cedict.js';

const corpusDir = path.join(PROJECT_ROOT, 'corpus');
/** Read once for the whole file, as an index build does. */
const withLexicon = { lexicon: cedictLexicon(loadCedict()) };

function person(reg: PeopleRegistry, name: string) {
  const p = reg.people.find((x) => x.name === name);
  if (!p) throw new Error(`${name} is not in the registry`);
  return p;
}

function corpusOf(markdown: string, file = 'synthetic.md'): Corpus {
  return { documents: [parseDocument(file, markdown)], hash: 'test', skipped: [] };
}

describe('people registry over the article', async () => {
  const corpus = await loadCorpus(corpusDir);
  const curated = await loadCuratedPeople(corpusDir);
  const reg = buildPeopleRegistry(corpus, curated, withLexicon);
  const doc = corpus.documents[0]!;
  const raw = readFileSync(path.join(corpusDir, doc.meta.file), 'utf8');

  it('keeps mentions as numbers and makes the objects once, when read', () => {
    const p = person(reg, '潘梓正');
    const found = mentionRefsOf(p)!;
    expect(found.at).toHaveLength(p.mentionCount);
    const made = p.mentions;
    expect(made).toBe(p.mentions);
    expect(made).toEqual(mentionsFrom(found));
    const first = made[0]!;
    const block = doc.paragraphs.find((b) => b.n === first.paragraph)!;
    expect(first.text).toBe(block.text.slice(first.start - block.start, first.end - block.start));
  });

  it('has everyone the article names, once each, and no one else', () => {
    expect(reg.people.map((p) => p.name).sort()).toEqual(
      [
        '潘梓正',
        '禹之鼎',
        '格雷厄姆·艾利森',
        '錢學森',
        '黃仁勛',
        '馬斯克',
        '張湖月',
        '宋俊瀟',
        '丹尼爾·帕洛馬爾',
        '大衞',
        '哥利亞',
        '楊蓉',
      ].sort(),
    );
  });

  it('keeps fragments and short forms out as people of their own', () => {
    const names = new Set(reg.people.map((p) => p.name));
    for (const piece of [
      '潘梓',
      '梓正',
      '俊瀟',
      '宋',
      '張湖',
      '艾利森',
      '格雷厄姆',
      '丹尼爾',
      '帕洛馬爾',
    ]) {
      expect(names.has(piece), piece).toBe(false);
    }
    // Named after people, but the article means a school, a foundation, an ideology, a company.
    for (const notAPerson of ['肯尼迪', '保爾森', '麥卡錫', '特斯拉', '阿里巴巴']) {
      expect(names.has(notAPerson), notAPerson).toBe(false);
    }
    const owners = new Map<string, string>();
    for (const p of reg.people) {
      for (const f of p.forms) {
        expect(owners.get(f), `${f} belongs to two people`).toBeUndefined();
        owners.set(f, p.name);
      }
    }
  });

  it('adds the author from the front matter, with a metadata role and no body mentions', () => {
    const yang = person(reg, '楊蓉');
    expect(yang.source).toBe('metadata');
    expect(yang.role).toBe('本文作者 · 觀察者網');
    expect(yang.roleQuoted).toBe(false);
    expect(yang.mentionCount).toBe(0);
    expect(yang.aliases).toEqual(expect.arrayContaining(['杨蓉', 'Yang Rong', 'Rong Yang']));
  });

  it('quotes every curated role from the article, at the paragraph it names', () => {
    for (const p of reg.people.filter((x) => x.source === 'curated')) {
      expect(p.roleQuoted).toBe(true);
      const para = doc.paragraphs.find((x) => x.n === p.roleAt?.paragraph);
      expect(para?.text, p.name).toContain(p.role);
    }
    expect(person(reg, '禹之鼎').role).toBe('英偉達高級研究科學家');
  });

  it('cites every mention verbatim: ¶, section and offsets agree with the file', () => {
    for (const p of reg.people) {
      expect(p.mentionCount).toBe(p.mentions.length);
      for (const m of p.mentions) {
        const para = doc.paragraphs.find((x) => x.n === m.paragraph)!;
        expect(m.doc).toBe(doc.meta.id);
        expect(m.section).toBe(para.section);
        expect(m.kind).toBe(para.kind);
        expect(para.text).toContain(m.text);
        expect(raw.slice(m.start, m.end)).toBe(m.text);
        expect(m.names.length).toBeGreaterThan(0);
        for (const n of m.names) expect(m.text).toContain(n);
      }
      const keys = p.mentions.map((m) => `${m.paragraph}:${m.start}`);
      expect(new Set(keys).size, `${p.name} has a sentence twice`).toBe(keys.length);
    }
  });

  it('counts sentences naming a person by any Chinese form, short forms included', () => {
    const pan = person(reg, '潘梓正');
    expect(pan.mentions.map((m) => m.paragraph)).toEqual([3, 3, 4, 5, 6, 6, 7, 7, 14, 15]);
    expect(pan.mentions.filter((m) => m.names.includes('梓正'))).toHaveLength(2);
    const allison = person(reg, '格雷厄姆·艾利森');
    expect(allison.mentions.map((m) => m.paragraph)).toEqual([2, 3, 11, 12, 13, 14, 16]);
    expect(allison.mentions.find((m) => m.paragraph === 12)?.kind).toBe('caption');
    expect(person(reg, '禹之鼎').mentionCount).toBe(5);
    expect(person(reg, '錢學森').mentionCount).toBe(2);
    expect(person(reg, '張湖月').mentionCount).toBe(2);
    expect(person(reg, '黃仁勛').mentionCount).toBe(1);
    expect(person(reg, '丹尼爾·帕洛馬爾').mentionCount).toBe(1);
    // Most mentioned first.
    expect(reg.people[0]!.name).toBe('潘梓正');
  });

  it('counts 宋 alone for 宋俊瀟 only after his full name, in his sentences', () => {
    const song = person(reg, '宋俊瀟');
    expect(song.mentionCount).toBe(2);
    expect(song.mentions[1]!.names.sort()).toEqual(['宋', '宋俊瀟'].sort());
    expect(song.mentions[1]!.text).toContain('宋學習刻苦');
  });

  it('is plain JSON and offers its names to the segmenter', () => {
    expect(JSON.parse(JSON.stringify(reg))).toEqual(reg);
    const words = peopleWords(reg);
    expect(words).toEqual(
      expect.arrayContaining(['潘梓正', '张湖月', '宋俊潇', '格雷厄姆·艾利森']),
    );
    expect(words).not.toContain('宋');
  });
});

describe('people found without a curated list', () => {
  const markdown = [
    '---',
    'id: synthetic',
    'author: 李明、陳芳',
    'source: 測試網',
    '---',
    '',
    '宋朝的瓷器很有名。清華大學教授王小明表示,新模型的訓練成本很低。王小明説,團隊只有五人。',
    '',
    '據悉,研究員劉德華看來,這是好事;肯尼迪政府學院的報告也這樣認為。',
    '',
    '## 第二節',
    '',
    '哈佛大學學者約翰·史密斯(John Smith)說,史密斯家族來自倫敦。宋代的書很貴。',
    '',
  ].join('\n');
  const reg = buildPeopleRegistry(corpusOf(markdown), [], withLexicon);

  it('finds names from tags and patterns, with pinyin aliases and the first sentence as role', () => {
    const wang = person(reg, '王小明');
    expect(wang.source).toBe('detected');
    expect(wang.aliases).toEqual(expect.arrayContaining(['Wang Xiaoming', 'Xiaoming Wang']));
    expect(wang.role).toBe('清華大學教授王小明表示,新模型的訓練成本很低。');
    expect(wang.roleAt).toEqual({ doc: 'synthetic', paragraph: 1 });
    expect(wang.mentionCount).toBe(2);
    expect(person(reg, '劉德華').aliases).toEqual(expect.arrayContaining(['刘德华', 'Liu Dehua']));
  });

  it('takes a ·-name with its English name, and its last part as a short form', () => {
    const smith = person(reg, '約翰·史密斯');
    expect(smith.aliases).toEqual(expect.arrayContaining(['John Smith', '史密斯']));
    expect(reg.people.some((p) => p.name === '史密斯')).toBe(false);
  });

  it('keeps institutions named after people out, and lists every author', () => {
    expect(reg.people.some((p) => p.name.includes('肯尼迪'))).toBe(false);
    expect(person(reg, '李明').source).toBe('metadata');
    expect(person(reg, '陳芳').role).toBe('本文作者 · 測試網');
  });

  it('does not count a surname alone before the full name or inside a word', () => {
    const curated: CuratedPerson[] = [{ name: '宋俊瀟', aliases: ['宋'], role: '核心貢獻者' }];
    const text = [
      '宋朝以來,宋的名聲很大。核心貢獻者宋俊瀟很年輕。導師説,宋學習刻苦。',
      '',
      '宋代的書很貴,宋也讀過。',
      '',
    ].join('\n');
    const song = person(
      buildPeopleRegistry(corpusOf(text, 'song.md'), curated, withLexicon),
      '宋俊瀟',
    );
    expect(song.mentions.map((m) => m.text)).toEqual([
      '核心貢獻者宋俊瀟很年輕。',
      '導師説,宋學習刻苦。',
    ]);
  });
});

describe('name lexicon from CC-CEDICT', () => {
  const { lexicon } = withLexicon;

  it('knows surnames, and common words by their lowercase pinyin', () => {
    expect(lexicon.isSurname('潘')).toBe(true);
    expect(lexicon.isSurname('梓')).toBe(false);
    expect(lexicon.isCommonWord('才华')).toBe(true);
    expect(lexicon.isCommonWord('博士生')).toBe(true);
    // Proper nouns have capitalised pinyin; names it lacks are no words at all.
    expect(lexicon.isCommonWord('英伟达')).toBe(false);
    expect(lexicon.isCommonWord('潘梓正')).toBe(false);
  });

  it('reads only the entries it is given', () => {
    const small = cedictLexicon([
      { traditional: '呂', simplified: '吕', pinyin: 'Lu:3', senses: ['surname Lü'] },
      { traditional: '才華', simplified: '才华', pinyin: 'cai2 hua2', senses: ['talent'] },
    ]);
    expect(small.isSurname('吕')).toBe(true);
    expect(small.isSurname('潘')).toBe(false);
    expect(small.isCommonWord('才华')).toBe(true);
    expect(small.isCommonWord('吕')).toBe(false);
  });
});

describe('names with ü', () => {
  const markdown = ['---', 'id: lv', 'author: 呂文華', '---', '', '呂文華寫道,人才很多。', ''];
  const reg = buildPeopleRegistry(corpusOf(markdown.join('\n')), [], withLexicon);

  it('spell it Lü in aliases and find the person however ü is typed', () => {
    expect(person(reg, '呂文華').aliases).toEqual(
      expect.arrayContaining(['Lü Wenhua', 'Wenhua Lü']),
    );
    for (const query of [
      'Lü Wenhua',
      'Lu Wenhua',
      'Lv Wenhua',
      'wenhua lv',
      'luwenhua',
      '吕文华',
    ]) {
      expect(lookupPerson(reg, query).person?.name, query).toBe('呂文華');
    }
  });
});

describe('curated people validation', () => {
  const corpus = corpusOf('張湖月是法學教授。張湖月説,人才很多。\n');

  it('rejects a role that is not quoted word for word', () => {
    const bad: CuratedPerson[] = [{ name: '張湖月', aliases: [], role: '法律教授' }];
    expect(() => buildPeopleRegistry(corpus, bad, withLexicon)).toThrow(PeopleDataError);
    expect(() => buildPeopleRegistry(corpus, bad, withLexicon)).toThrow(
      /role of 張湖月.*word for word/,
    );
  });

  it('rejects a name the corpus does not contain', () => {
    const bad: CuratedPerson[] = [{ name: '李四', aliases: [], role: '法學教授' }];
    expect(() => buildPeopleRegistry(corpus, bad, withLexicon)).toThrow(/李四 does not occur/);
  });

  it('rejects two people sharing a name form', () => {
    const bad: CuratedPerson[] = [
      { name: '張湖月', aliases: ['湖月'], role: '法學教授' },
      { name: '湖月', aliases: [], role: '法學教授' },
    ];
    expect(() => buildPeopleRegistry(corpus, bad, withLexicon)).toThrow(/share the name form/);
  });

  it('reads people.json with zod, and treats a missing file as an empty list', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'people-test-'));
    try {
      expect(await loadCuratedPeople(dir)).toEqual([]);
      writeFileSync(
        path.join(dir, 'people.json'),
        JSON.stringify([{ name: '張湖月', role: '教授' }]),
      );
      expect(await loadCuratedPeople(dir)).toEqual([{ name: '張湖月', aliases: [], role: '教授' }]);
      writeFileSync(
        path.join(dir, 'people.json'),
        JSON.stringify([{ name: '張湖月', aliases: 'x' }]),
      );
      await expect(loadCuratedPeople(dir)).rejects.toThrow(PeopleDataError);
      writeFileSync(path.join(dir, 'people.json'), '[{');
      await expect(loadCuratedPeople(dir)).rejects.toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('person look-up', async () => {
  const corpus = await loadCorpus(corpusDir);
  const reg = buildPeopleRegistry(corpus, await loadCuratedPeople(corpusDir), withLexicon);

  function resolves(query: string): string | null {
    return lookupPerson(reg, query).person?.name ?? null;
  }

  const devSet = readFileSync(path.join(PROJECT_ROOT, 'test/eval/people.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { q: string; expect: string | null });

  it.each(devSet)('dev set: $q → $expect', ({ q, expect: expected }) => {
    const found = resolves(q);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toContain(expected);
  });

  it('finds for retrieval the same person a look-up does, for every query of the sets', () => {
    const matcher = matcherFor(reg);
    const queries = [
      ...devSet.map((d) => d.q),
      'Liang',
      'Wenfeng',
      'Palomar',
      'Pan',
      'Yu',
      '',
      'Zz',
    ];
    for (const q of queries) expect(matcher.find(q), q).toBe(matcher.lookup(q).person);
  });

  const cases: [string, string][] = [
    // Scripts
    ['潘梓正', '潘梓正'],
    ['张湖月', '張湖月'],
    ['钱学森', '錢學森'],
    ['黄仁勋', '黃仁勛'],
    ['黃仁勳', '黃仁勛'],
    ['丹尼尔·帕洛马尔', '丹尼爾·帕洛馬爾'],
    ['格雷厄姆・艾利森', '格雷厄姆·艾利森'],
    ['格雷厄姆艾利森', '格雷厄姆·艾利森'],
    ['杨蓉', '楊蓉'],
    ['大衛', '大衞'],
    // English, in any order and case
    ['Graham Allison', '格雷厄姆·艾利森'],
    ['huang jensen', '黃仁勛'],
    ['DANIEL PALOMAR', '丹尼爾·帕洛馬爾'],
    ['Angela Zhang', '張湖月'],
    ['Goliath', '哥利亞'],
    ['Who is Jensen Huang?', '黃仁勛'],
    // Pinyin, with or without spaces, tones and order
    ['pan zizheng', '潘梓正'],
    ['PanZizheng', '潘梓正'],
    ['pān zǐzhèng', '潘梓正'],
    ['pan2 zi3 zheng4', '潘梓正'],
    ['zhang huyue', '張湖月'],
    ['Huyue Zhang', '張湖月'],
    ['songjunxiao', '宋俊瀟'],
    ['Junxiao Song', '宋俊瀟'],
    ['Qian Xuesen', '錢學森'],
    ['yu zhiding', '禹之鼎'],
    ['yang rong', '楊蓉'],
    ['Rong Yang', '楊蓉'],
    ['masike', '馬斯克'],
    // Part of a name
    ['梓正', '潘梓正'],
    ['艾利森', '格雷厄姆·艾利森'],
    ['帕洛馬爾', '丹尼爾·帕洛馬爾'],
    ['湖月', '張湖月'],
    ['宋', '宋俊瀟'],
    ['Allison', '格雷厄姆·艾利森'],
    ['Palomar', '丹尼爾·帕洛馬爾'],
    ['Musk', '馬斯克'],
    ['Jensen', '黃仁勛'],
    ['Zizheng', '潘梓正'],
    ['潘梓正是誰', '潘梓正'],
    // Small typos
    ['Zizheng Paan', '潘梓正'],
    ['Jensen Haung', '黃仁勛'],
    ['Alison', '格雷厄姆·艾利森'],
    ['Daniel Palomr', '丹尼爾·帕洛馬爾'],
    ['Elon Mask', '馬斯克'],
    ['Zhidng Yu', '禹之鼎'],
    ['潘子正', '潘梓正'],
    ['張湖悅', '張湖月'],
    ['宋俊蕭', '宋俊瀟'],
    // Titles and filler around a name
    ['張教授', '張湖月'],
    ['馬斯克先生', '馬斯克'],
    ['Prof. Graham Allison', '格雷厄姆·艾利森'],
    ['Nvidia CEO Jensen Huang', '黃仁勛'],
  ];

  it.each(cases)('%s → %s', (q, name) => {
    expect(resolves(q)).toBe(name);
  });

  const nobody = [
    'Sam Altman',
    'Tim Cook',
    'Satya Nadella',
    'Sundar Pichai',
    'Jack Ma',
    'Liang Wenfeng',
    '梁文鋒',
    '馬雲',
    '马化腾',
    '李四',
    '王之鼎',
    '黃仁宇',
    '錢學林',
    '張一鳴',
    '任正非',
    'Ren Zhengfei',
    'Yang Zhilin',
    '大衛·薩克斯',
    'David Sacks',
    '敘利亞',
    'Zheng',
    'Haung',
    'Li',
    'Daniel Craig',
    'Jason Huang',
    'Zhang Yiming',
    'Kennedy',
    '英偉達',
    'DeepSeek',
  ];

  it.each(nobody)('%s → nobody, with suggestions', (q) => {
    const r = lookupPerson(reg, q);
    expect(r.person).toBeNull();
    expect(r.suggestions.length).toBeGreaterThan(0);
    for (const s of r.suggestions) expect(reg.people.some((p) => p.name === s)).toBe(true);
  });

  it('suggests the nearest name when nobody fits, else the most mentioned', () => {
    expect(lookupPerson(reg, 'Daniel Craig').suggestions[0]).toBe('丹尼爾·帕洛馬爾');
    expect(lookupPerson(reg, 'Jason Huang').suggestions).toContain('黃仁勛');
    expect(lookupPerson(reg, 'Satya Nadella').suggestions[0]).toBe('潘梓正');
  });

  it('returns nobody for an empty query', () => {
    expect(lookupPerson(reg, '   ').person).toBeNull();
  });
});

describe('person autocomplete', async () => {
  const corpus = await loadCorpus(corpusDir);
  const reg = buildPeopleRegistry(corpus, await loadCuratedPeople(corpusDir), withLexicon);

  it('offers everyone, most mentioned first, for empty input', () => {
    const all = suggestPeople(reg, '', 25);
    expect(all.map((c) => c.value)).toEqual(reg.people.map((p) => p.name));
    expect(all[0]).toEqual({ name: '潘梓正 (Pan Zizheng)', value: '潘梓正' });
    const counts = all.map((c) => reg.people.find((p) => p.name === c.value)!.mentionCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('keeps within Discord limits', () => {
    expect(suggestPeople(reg, '', 3)).toHaveLength(3);
    expect(suggestPeople(reg, '', 100).length).toBeLessThanOrEqual(25);
    for (const c of suggestPeople(reg, '', 25)) {
      expect([...c.name].length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('completes prefixes in every script', () => {
    expect(suggestPeople(reg, 'pa', 25).map((c) => c.value)).toEqual(
      expect.arrayContaining(['潘梓正', '丹尼爾·帕洛馬爾']),
    );
    expect(suggestPeople(reg, 'Jen', 25)[0]?.value).toBe('黃仁勛');
    expect(suggestPeople(reg, '張', 25)[0]?.value).toBe('張湖月');
    expect(suggestPeople(reg, '张湖', 25)[0]?.value).toBe('張湖月');
    expect(suggestPeople(reg, 'Graham All', 25)[0]?.value).toBe('格雷厄姆·艾利森');
    expect(suggestPeople(reg, 'elon m', 25)[0]?.value).toBe('馬斯克');
    expect(suggestPeople(reg, 'Jensen Haung', 25)[0]?.value).toBe('黃仁勛');
  });

  it('offers nothing for a name nobody has', () => {
    expect(suggestPeople(reg, 'Sam Altman', 25)).toEqual([]);
  });

  it('reuses one matcher per registry', () => {
    const m = matcherFor(reg);
    expect(matcherFor(reg)).toBe(m);
    // A registry with the same content is another registry: its own matcher.
    expect(matcherFor(structuredClone(reg))).not.toBe(m);
    expect(m.topNames(2)).toEqual(['潘梓正', '格雷厄姆·艾利森']);
    expect(m.lookup('Zizheng Pan').person?.name).toBe('潘梓正');
  });
});
