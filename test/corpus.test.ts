import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../src/corpus/chunk.js';
import { loadCorpus } from '../src/corpus/load.js';
import { CorpusFormatError, parseDocument } from '../src/corpus/parse.js';
import { PROJECT_ROOT } from '../src/config.js';

const corpusDir = path.join(PROJECT_ROOT, 'corpus');

describe('the corpus article', async () => {
  const corpus = await loadCorpus(corpusDir);
  const doc = corpus.documents.find((d) => d.meta.id === 'guancha-2025-02-09-deepseek-talent')!;
  const raw = readFileSync(path.join(corpusDir, doc.meta.file), 'utf8');

  it('has the metadata the source gives, and no invented headline', () => {
    expect(doc.meta).toMatchObject({
      source: '觀察者網',
      author: '楊蓉',
      published: '2025-02-09T11:47:00+08:00',
      language: 'zh-Hant',
    });
    expect(doc.meta.titleNote).toMatch(/標題/);
    expect(doc.meta.copyright).toBe('本文系觀察者網獨家稿件,未經授權,不得轉載。');
  });

  it('numbers paragraphs and captions, with the four headings as sections', () => {
    expect(doc.sections).toEqual([
      '「印象深刻」的決定',
      '「不是第一位,也不會是最后一位」',
      '回國發展成趨勢',
      '中國AI人才庫儲備充足',
    ]);
    expect(doc.paragraphs).toHaveLength(26);
    expect(doc.paragraphs.map((p) => p.n)).toEqual([...Array(26).keys()].map((i) => i + 1));
    expect(doc.paragraphs.filter((p) => p.kind === 'caption').map((p) => p.n)).toEqual([4, 12]);
    expect(doc.paragraphs[0]!.section).toBeNull();
    expect(doc.paragraphs[2]!.section).toBe('「印象深刻」的決定');
  });

  it('keeps the text verbatim, typos included, and knows each block’s character range', () => {
    for (const p of doc.paragraphs) expect(raw.slice(p.start, p.end)).toBe(p.text);
    expect(doc.paragraphs.some((p) => p.text.includes('OpenAl o1'))).toBe(true);
    const body = doc.paragraphs.map((p) => p.text).join('');
    expect(body).not.toContain('熱門資訊');
    expect(body).not.toContain('本文系觀察者網');
  });

  it('keeps the dateline, byline and closing notice verbatim as masthead lines, outside the ¶ count', () => {
    expect(doc.masthead.map((m) => [m.role, m.text])).toEqual([
      ['dateline', '2025-02-09 11:47'],
      ['byline', '【文/觀察者網 楊蓉】'],
      ['notice', '本文系觀察者網獨家稿件,未經授權,不得轉載。'],
    ]);
    for (const m of doc.masthead) expect(raw.slice(m.start, m.end)).toBe(m.text);
    const passages = chunkDocument(doc, { maxChars: 120, minChars: 24 });
    const masthead = passages.filter((p) => p.kind === 'masthead');
    // Dateline over byline is one quote; the notice at the end is another, and none has a ¶.
    expect(masthead.map((p) => p.text)).toEqual([
      '2025-02-09 11:47\n【文/觀察者網 楊蓉】',
      '本文系觀察者網獨家稿件,未經授權,不得轉載。',
    ]);
    expect(masthead.every((p) => p.paragraphs.length === 0 && p.tags.includes('masthead'))).toBe(
      true,
    );
    expect(passages[0]).toBe(masthead[0]);
    expect(passages.at(-1)).toBe(masthead[1]);
  });

  it('tags the passages that hold a caption', () => {
    const passages = chunkDocument(doc, { maxChars: 120, minChars: 24 });
    const tagged = passages.filter((p) => p.tags.includes('caption'));
    expect(tagged.map((p) => p.paragraphs.filter((n) => n === 4 || n === 12))).toEqual([[4], [12]]);
  });

  it('chunks into passages that are verbatim, within their section and cite their paragraphs', () => {
    const passages = chunkDocument(doc, { maxChars: 120, minChars: 24 }).filter(
      (p) => p.kind !== 'masthead',
    );
    for (const p of passages) {
      expect(p.text.length).toBeGreaterThan(0);
      for (const line of p.text.split('\n')) expect(raw).toContain(line);
      const blocks = p.paragraphs.map((n) => doc.paragraphs[n - 1]!);
      expect(new Set(blocks.map((b) => b.section)).size).toBe(1);
      const firstLine = p.text.split('\n')[0]!;
      expect(raw.slice(p.start, p.start + firstLine.length)).toBe(firstLine);
    }
    // Long paragraphs split at sentence ends: every piece ends with 。！？ or a closing quote.
    const pieces = passages.filter(
      (p) =>
        p.paragraphs.length === 1 &&
        p.text.length < doc.paragraphs[p.paragraphs[0]! - 1]!.text.length,
    );
    expect(pieces.length).toBeGreaterThan(0);
    for (const p of pieces) expect(p.text).toMatch(/[。！？!?」]$/u);
    // The 16-character caption ¶12 is merged with ¶13.
    expect(passages.find((p) => p.paragraphs.includes(12))!.paragraphs).toEqual([12, 13]);
  });
});

describe('chunking, whatever the sizes', async () => {
  const corpus = await loadCorpus(corpusDir);
  const doc = corpus.documents.find((d) => d.meta.id === 'guancha-2025-02-09-deepseek-talent')!;

  it.each([
    [220, 24],
    [120, 24],
    [80, 40],
    [60, 60],
    [400, 200],
  ])(
    'maxChars %i, minChars %i: every passage is its blocks, verbatim, with each ¶ start known',
    (maxChars, minChars) => {
      const passages = chunkDocument(doc, { maxChars, minChars }).filter(
        (p) => p.kind !== 'masthead',
      );
      for (const p of passages) {
        expect(p.paragraphStarts).toHaveLength(p.paragraphs.length);
        const lines = p.text.split('\n');
        // One line per block: no newline that the article does not have between blocks.
        expect(lines).toHaveLength(p.paragraphs.length);
        p.paragraphs.forEach((n, i) => {
          const block = doc.paragraphs[n - 1]!.text;
          expect(block).toContain(lines[i]);
          expect(p.text.slice(p.paragraphStarts[i], p.paragraphStarts[i]! + lines[i]!.length)).toBe(
            lines[i],
          );
        });
      }
      // Every sentence of the article is in exactly one passage.
      const all = passages.map((p) => p.text.replace(/\n/g, '')).join('');
      expect(all).toBe(doc.paragraphs.map((b) => b.text).join(''));
    },
  );
});

describe('parseDocument', () => {
  it('reads plain text files as one paragraph a line', () => {
    const d = parseDocument('note.txt', 'First line.\n\nSecond line.\n');
    expect(d.meta.id).toBe('note');
    expect(d.paragraphs.map((p) => [p.n, p.text, p.start])).toEqual([
      [1, 'First line.', 0],
      [2, 'Second line.', 13],
    ]);
  });

  it('reads a dateline and a byline at the top of a plain text file as masthead lines', () => {
    const d = parseDocument(
      'seed.txt',
      '2025-02-09 11:47\n【文/觀察者網 楊蓉】\n第一段。\n2025-02-10 09:00\n',
    );
    expect(d.masthead.map((m) => [m.role, m.text])).toEqual([
      ['dateline', '2025-02-09 11:47'],
      ['byline', '【文/觀察者網 楊蓉】'],
    ]);
    // Below the first paragraph a date is body text again.
    expect(d.paragraphs.map((p) => [p.n, p.text])).toEqual([
      [1, '第一段。'],
      [2, '2025-02-10 09:00'],
    ]);
  });

  it('reads <time>, <address> and <small> lines of Markdown as masthead lines', () => {
    const raw =
      '<time datetime="2025-01-01">2025年1月1日</time>\n<address>記者 王小明</address>\n\nBody.\n\n<small>版權所有</small>\n';
    const d = parseDocument('a.md', raw);
    expect(d.masthead.map((m) => [m.role, m.text])).toEqual([
      ['dateline', '2025年1月1日'],
      ['byline', '記者 王小明'],
      ['notice', '版權所有'],
    ]);
    for (const m of d.masthead) expect(raw.slice(m.start, m.end)).toBe(m.text);
    expect(d.paragraphs.map((p) => p.text)).toEqual(['Body.']);
  });

  it('rejects unknown front-matter keys with the line they are on', () => {
    let error: unknown;
    try {
      parseDocument('a.md', '---\ntitle: t\ntitel: x\n---\nbody\n');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CorpusFormatError);
    expect((error as CorpusFormatError).line).toBe(3);
    expect((error as CorpusFormatError).message).toMatch(/titel/);
    expect(() => parseDocument('a.md', '---\ntitle: [x\n---\nbody\n')).toThrow(CorpusFormatError);
    expect(() => parseDocument('a.md', '---\ntitle: x\nbody\n')).toThrow(/never closed/);
  });

  it('reads CRLF and CR line endings as LF, with offsets into the text as read', () => {
    const lf = parseDocument('a.md', '---\ntitle: T\n---\nOne.\n\nTwo.\n');
    const crlf = parseDocument('a.md', '---\r\ntitle: T\r\n---\r\nOne.\r\n\r\nTwo.\r\n');
    expect(crlf).toEqual(lf);
  });
});
