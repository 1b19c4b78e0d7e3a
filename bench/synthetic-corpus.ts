/**
 * Deterministic synthetic articles shaped like the seed: front matter, dateline and
 * byline, about 20 paragraphs under two headings, a caption, a closing notice;
 * about 10 KB each. Words come from the seed article and from made-up words whose
 * number grows with the article index, so a larger corpus has a larger vocabulary
 * (as real news does) instead of repeating one text. Article i is the same in every
 * corpus size, so sizes differ only by how many articles they hold.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { segmentWithOffsets } from '../src/text/jieba.js';
import { seededRandom, type Random } from './prng.js';

export const SEED_FILE = 'guancha-2025-02-09-deepseek-talent.md';
const SEED_PATH = path.join(PROJECT_ROOT, 'corpus', SEED_FILE);

const SURNAMES = [
  ...'王李張劉陳楊黃趙周吳徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁蔡蔣杜葉程蘇魏呂丁任沈姚盧姜崔鍾譚陸汪范金石廖賈夏韋方白鄒孟熊秦邱江尹薛段雷侯龍史陶黎賀顧毛郝龔邵萬錢嚴武戴莫孔向湯',
];
const GIVEN = [
  ...'偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉蘭萍紅鵬飛宇浩然軒涵欣怡晨陽雨思嘉俊凱文博昊天澤瑞琳婷雪峰志建國慶林松海波',
];
const SPEECH = ['說', '表示', '指出', '認為', '回憶', '透露', '強調', '坦言'];
const TITLES = ['教授', '研究員', '工程師', '分析師', '創始人', '學者'];
const SOURCES = ['觀察者網', '新華社', '澎湃新聞', '財新網', '第一財經'];
const UNITS = ['萬美元', '億元', '人', '倍', '%', '家公司'];

export interface Vocabulary {
  seedWords: string[];
  seedChars: string[];
}

export interface SyntheticArticle {
  file: string;
  text: string;
}

/** Han words and characters of the seed article, the base every synthetic article draws on. */
export async function seedVocabulary(): Promise<Vocabulary> {
  const raw = await readFile(SEED_PATH, 'utf8');
  const body = raw.slice(raw.indexOf('\n---\n') + 5);
  const han = /^\p{Script=Han}+$/u;
  const words = segmentWithOffsets(body)
    .map((s) => s.word)
    .filter((w) => han.test(w));
  // Frequency order, so the Zipf draw favours the words the article uses most.
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const seedWords = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
  const seedChars = [...new Set([...body].filter((c) => han.test(c)))].sort();
  return { seedWords, seedChars };
}

/** Made-up word j: two or three seed characters, the same in every run. */
function syntheticWord(vocab: Vocabulary, j: number): string {
  const r = seededRandom(1_000_003 + j);
  const length = r.next() < 0.7 ? 2 : 3;
  let w = '';
  for (let k = 0; k < length; k++) w += r.pick(vocab.seedChars);
  return w;
}

/** Person j: a surname and one or two given characters. */
export function syntheticName(j: number): string {
  const r = seededRandom(2_000_003 + j);
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.7 ? r.pick(GIVEN) : '');
}

/** New words each article brings into the vocabulary. */
const NEW_WORDS_PER_ARTICLE = 12;

class ArticleWriter {
  private readonly words: string[];
  private readonly people: string[];

  constructor(
    private readonly r: Random,
    private readonly vocab: Vocabulary,
    index: number,
  ) {
    const known = NEW_WORDS_PER_ARTICLE * (index + 1);
    // Mostly seed words, some synthetic ones from the vocabulary known so far, and this article's own.
    this.words = Array.from({ length: 400 }, () => {
      const u = r.next();
      if (u < 0.55) return vocab.seedWords[r.zipf(vocab.seedWords.length)]!;
      if (u < 0.85) return syntheticWord(vocab, r.zipf(known));
      return syntheticWord(vocab, known - 1 - r.int(NEW_WORDS_PER_ARTICLE));
    });
    this.people = [
      syntheticName(r.zipf(3 * (index + 1))),
      syntheticName(r.int(3 * (index + 1))),
      syntheticName(3 * index + 1),
      syntheticName(3 * index + 2),
    ];
  }

  private clause(min: number, max: number): string {
    const n = min + this.r.int(max - min + 1);
    let s = '';
    for (let k = 0; k < n; k++) s += this.r.pick(this.words);
    return s;
  }

  private sentence(): string {
    const r = this.r;
    const name = r.pick(this.people);
    switch (r.int(5)) {
      case 0:
        return `${name}${r.pick(SPEECH)},「${this.clause(4, 8)},${this.clause(3, 6)}。」`;
      case 1:
        return `${r.pick(TITLES)}${name}${this.clause(5, 10)}。`;
      case 2:
        return `${2000 + r.int(25)}年${1 + r.int(12)}月,${this.clause(4, 8)}${1 + r.int(999)}${r.pick(UNITS)}。`;
      default:
        return `${this.clause(4, 9)},${this.clause(4, 9)}。`;
    }
  }

  paragraph(): string {
    let p = '';
    while (p.length < 130) p += this.sentence();
    return p;
  }

  get author(): string {
    return this.people[2]!;
  }
}

/** Synthetic article i (i ≥ 1; the corpus's article 0 is the seed itself). */
export function syntheticArticle(vocab: Vocabulary, i: number): SyntheticArticle {
  const r = seededRandom(i);
  const w = new ArticleWriter(r, vocab, i);
  const source = r.pick(SOURCES);
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000 * 0.37);
  const date = day.toISOString().slice(0, 10);
  const time = `${String(8 + r.int(12)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}`;
  const id = `synthetic-${String(i).padStart(5, '0')}`;
  const lines = [
    '---',
    `id: ${id}`,
    `title: ${w.paragraph().slice(0, 20)}`,
    `source: ${source}`,
    `author: ${w.author}`,
    `published: ${date}T${time}:00+08:00`,
    'language: zh-Hant',
    `url: https://example.com/news/${id}`,
    '---',
    '',
    `<time datetime="${date}T${time}:00+08:00">${date} ${time}</time>`,
    `<address>【文/${source} ${w.author}】</address>`,
    '',
  ];
  for (let k = 0; k < 22; k++) {
    if (k === 6 || k === 14) lines.push(`## ${w.paragraph().slice(0, 12)}`, '');
    if (k === 9) lines.push(`<figcaption>${w.paragraph().slice(0, 30)}</figcaption>`, '');
    lines.push(w.paragraph(), '');
  }
  lines.push(`<small>本文系${source}獨家稿件,未經授權,不得轉載。</small>`, '');
  return { file: `${id}.md`, text: lines.join('\n') };
}

/** Writes a corpus of `count` articles (the seed and count − 1 synthetic ones) into `dir`. */
export async function writeSyntheticCorpus(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, SEED_FILE), await readFile(SEED_PATH));
  const vocab = await seedVocabulary();
  for (let i = 1; i < count; i++) {
    const a = syntheticArticle(vocab, i);
    await writeFile(path.join(dir, a.file), a.text);
  }
}
