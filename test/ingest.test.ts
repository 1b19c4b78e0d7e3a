/**
 * npm run add: fixture pages and the seed-shaped text become corpus files whose
 * body is the source's text verbatim and whose front matter carries title, author,
 * date, source and url; duplicates are refused; addresses are fetched from a
 * loopback server with limits. Nothing here reaches the internet.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { parseDocument } from '../src/corpus/parse.js';
import { addArticle } from '../src/ingest/add-article.js';
import { renderCorpusMarkdown } from '../src/ingest/corpus-markdown.js';
import { fetchPage } from '../src/ingest/fetch-page.js';
import { readHtmlArticle } from '../src/ingest/html-article.js';
import { isBreadcrumb } from '../src/ingest/masthead.js';
import { readTextArticle } from '../src/ingest/text-article.js';
import { IngestError } from '../src/ingest/types.js';

const fixtures = path.join(PROJECT_ROOT, 'test/fixtures/ingest');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const SEED = 'guancha-2025-02-09-deepseek-talent.md';

/** A corpus folder holding the seed article only. */
function freshCorpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ingest-corpus-'));
  copyFileSync(path.join(PROJECT_ROOT, 'corpus', SEED), path.join(dir, SEED));
  return dir;
}

function readCorpusFile(dir: string, file: string) {
  return parseDocument(file, readFileSync(path.join(dir, file), 'utf8'));
}

describe('reading an HTML news page', () => {
  const article = readHtmlArticle(fixture('news-meta.html'), {
    pageUrl: 'http://127.0.0.1:1/news/2025/03/tea-farmers.html?utm_source=x',
  });

  it('takes title, author, site, published time and canonical address from the metadata', () => {
    expect(article).toMatchObject({
      title: '江南小鎮的茶農轉型記',
      author: '林曉雯',
      source: '山城日報',
      published: '2025-03-14T09:30:00+08:00',
      url: 'https://www.shancheng.example/news/2025/03/tea-farmers.html',
      language: 'zh-Hant',
      dateline: '2025-03-14 09:30',
      byline: '【文/山城日報 林曉雯】',
      notice: '本文系山城日報獨家稿件,未經授權,不得轉載。',
    });
  });

  it('keeps headings, paragraphs and captions in order, verbatim, without page furniture', () => {
    expect(article.blocks.map((b) => b.kind)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'caption',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
    ]);
    expect(article.blocks[0]!.text).toBe(
      '清晨五點,龍井村的霧氣還沒散去,五十八歲的茶農陳國強已經背著竹簍上了山。他說,今年的春茶比往年早了整整一週,“天暖得快,芽也冒得快。”',
    );
    expect(article.blocks[4]).toEqual({
      kind: 'caption',
      text: '陳國強(左)與兒子陳宇在自家茶園直播 山城日報記者 攝',
    });
    const all = article.blocks.map((b) => b.text).join('\n');
    for (const furniture of ['首頁', '熱門文章', '本週天氣展望', '© 2025']) {
      expect(all).not.toContain(furniture);
    }
  });

  it('reads the published time from JSON-LD NewsArticle when there is no meta tag', () => {
    const a = readHtmlArticle(fixture('news-jsonld.html'));
    expect(a).toMatchObject({
      title: '海岛渔村迎来首批研学团',
      author: '郑海鸥',
      source: '海风新闻网',
      published: '2024-11-02T16:05:00+08:00',
      url: 'https://news.haifeng.example/2024/11/02/fishing-village-study-tour',
      language: 'zh-Hans',
    });
    expect(a.blocks).toHaveLength(5);
  });

  it('reads it from <time> when that is all the page has, and the site from the <title>', () => {
    const a = readHtmlArticle(fixture('news-time.html'));
    expect(a).toMatchObject({
      title: '城市書房夜讀活動滿一年',
      source: '北岸週報',
      published: '2024-06-20T20:00:00+08:00',
      dateline: '2024-06-20 20:00',
    });
    expect(a.blocks.map((b) => b.kind)).toEqual(Array(4).fill('paragraph'));
  });
});

describe('reading seed-shaped plain text', () => {
  const article = readTextArticle(fixture('seed-shaped.txt'), { utcOffset: '+08:00' });

  it('drops the breadcrumb and reads dateline and byline as the masthead', () => {
    expect(article).toMatchObject({
      source: '觀察者網',
      author: '周子恒',
      published: '2025-01-18T15:20:00+08:00',
      dateline: '2025-01-18 15:20',
      byline: '【文/觀察者網 周子恒】',
      notice: '本文系觀察者網獨家稿件,未經授權,不得轉載。',
    });
    expect(article.blocks).toHaveLength(4);
    expect(article.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('tells breadcrumbs from sentences', () => {
    expect(isBreadcrumb('觀察者網 > 國際 > 國際新聞')).toBe(true);
    expect(isBreadcrumb('当前位置:首页 » 新闻')).toBe(true);
    expect(isBreadcrumb('利潤增長 > 10%,超出預期。')).toBe(false);
  });
});

describe('writing corpus Markdown', () => {
  it('refuses a paragraph the corpus format would read as something else', () => {
    expect(() =>
      renderCorpusMarkdown('x', {
        title: 't',
        blocks: [{ kind: 'paragraph', text: '# 不是標題' }],
      }),
    ).toThrow(IngestError);
  });
});

describe('adding to the corpus', () => {
  let corpus: string;
  beforeEach(() => {
    corpus = freshCorpus();
  });

  it('writes an HTML page as <slug>.md: the body verbatim, the metadata in front matter', async () => {
    const added = await addArticle(path.join(fixtures, 'news-meta.html'), { corpusDir: corpus });
    expect(added.file).toBe('shancheng-2025-03-14-tea-farmers.md');
    const doc = readCorpusFile(corpus, added.file);
    expect(doc.meta).toMatchObject({
      title: '江南小鎮的茶農轉型記',
      author: '林曉雯',
      source: '山城日報',
      published: '2025-03-14T09:30:00+08:00',
      url: 'https://www.shancheng.example/news/2025/03/tea-farmers.html',
      copyright: '本文系山城日報獨家稿件,未經授權,不得轉載。',
    });
    const html = fixture('news-meta.html');
    for (const p of doc.paragraphs) expect(html).toContain(p.text);
    expect(doc.sections).toEqual(['從收購商到直播間', '新的煩惱']);
    expect(doc.masthead.map((m) => m.role)).toEqual(['dateline', 'byline', 'notice']);
    rmSync(corpus, { recursive: true });
  });

  it('writes the seed-shaped text with its masthead, and refuses it a second time', async () => {
    const added = await addArticle(path.join(fixtures, 'seed-shaped.txt'), { corpusDir: corpus });
    const doc = readCorpusFile(corpus, added.file);
    expect(doc.meta).toMatchObject({
      source: '觀察者網',
      author: '周子恒',
      published: '2025-01-18T15:20:00+08:00',
      language: 'zh-Hant',
    });
    expect(doc.meta.titleNote).toBeDefined();
    const lines = fixture('seed-shaped.txt').split('\n');
    expect(doc.paragraphs.map((p) => p.text)).toEqual(lines.slice(4, 11).filter(Boolean));
    await expect(
      addArticle(path.join(fixtures, 'seed-shaped.txt'), { corpusDir: corpus }),
    ).rejects.toThrow(/already in the corpus as .* \(same text\)/);
    rmSync(corpus, { recursive: true });
  });

  it('refuses the seed article copied as text: same paragraphs, other file', async () => {
    const seed = readCorpusFile(path.join(PROJECT_ROOT, 'corpus'), SEED);
    const copy = path.join(corpus, '..', `seed-copy-${process.pid}.txt`);
    writeFileSync(
      copy,
      seed.paragraphs
        .filter((p) => p.kind === 'paragraph')
        .map((p) => `  ${p.text}  `)
        .join('\n\n'),
    );
    await expect(addArticle(copy, { corpusDir: corpus })).rejects.toThrow(
      new RegExp(`already in the corpus as ${SEED}`),
    );
    rmSync(copy);
    rmSync(corpus, { recursive: true });
  });
});

describe('fetching an address', () => {
  let server: Server;
  let base = '';
  const pages: Record<string, (res: ServerResponse) => void> = {
    '/news/tea.html': (res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixture('news-meta.html'));
    },
    '/plain.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(fixture('seed-shaped.txt'));
    },
    '/hop': (res) => {
      res.writeHead(302, { location: '/news/tea.html' });
      res.end();
    },
    '/loop': (res) => {
      res.writeHead(301, { location: '/loop' });
      res.end();
    },
    '/pdf': (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    },
    '/huge': (res) => {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>' + '很長'.repeat(20_000));
      res.end('</p>');
    },
    '/silent': () => undefined,
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
      if (page) page(res);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const limits = { timeoutMs: 2_000, maxBytes: 50_000, maxRedirects: 3 };

  it('follows a redirect and keeps the final address', async () => {
    const page = await fetchPage(`${base}/hop`, limits);
    expect(page).toMatchObject({ url: `${base}/news/tea.html`, kind: 'html' });
    expect(page.body).toContain('江南小鎮的茶農轉型記');
  });

  it('refuses endless redirects, other content types, oversized pages and silence', async () => {
    await expect(fetchPage(`${base}/loop`, limits)).rejects.toThrow(/more than 3 redirects/);
    await expect(fetchPage(`${base}/pdf`, limits)).rejects.toThrow(/application\/pdf/);
    await expect(fetchPage(`${base}/huge`, limits)).rejects.toThrow(/50000-byte limit/);
    await expect(fetchPage(`${base}/silent`, { ...limits, timeoutMs: 300 })).rejects.toThrow(
      /within 300 ms/,
    );
    await expect(fetchPage('file:///etc/passwd', limits)).rejects.toThrow(/only http and https/);
  });

  it('adds a fetched page, then refuses the same address again', async () => {
    const corpus = freshCorpus();
    const added = await addArticle(`${base}/news/tea.html`, {
      corpusDir: corpus,
      fetchLimits: limits,
    });
    expect(readCorpusFile(corpus, added.file).meta.url).toBe(
      'https://www.shancheng.example/news/2025/03/tea-farmers.html',
    );
    // Same canonical address, reached through a redirect and with tracking parameters.
    await expect(
      addArticle(`${base}/hop?utm_source=feed`, { corpusDir: corpus, fetchLimits: limits }),
    ).rejects.toThrow(/same address/);
    const text = await addArticle(`${base}/plain.txt`, { corpusDir: corpus, fetchLimits: limits });
    expect(readCorpusFile(corpus, text.file).meta.url).toBe(`${base}/plain.txt`);
    rmSync(corpus, { recursive: true });
  });
});

describe('npm run add', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/add.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('exits 2 with the usage on a usage error', async () => {
    for (const args of [[], ['--bogus', 'a.html']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: npm run add');
    }
  });

  it('adds a file and rebuilds the index; --no-reindex only adds', async () => {
    const corpus = freshCorpus();
    const data = mkdtempSync(path.join(tmpdir(), 'ingest-data-'));
    const env = { CORPUS_DIR: corpus, DATA_DIR: data, EMBEDDING_MODEL: 'none' };
    const first = await run([path.join(fixtures, 'news-jsonld.html'), '--no-reindex'], env);
    expect(first.code).toBe(0);
    expect(existsSync(path.join(data, 'current.json'))).toBe(false);
    const second = await run([path.join(fixtures, 'seed-shaped.txt')], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Index rebuilt: 3 articles/);
    const again = await run([path.join(fixtures, 'seed-shaped.txt')], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Not added: already in the corpus/);
    rmSync(corpus, { recursive: true });
    rmSync(data, { recursive: true });
  });
});
