/**
 * Two articles: the seed and a short second one (test/fixtures/multi) that names the
 * seed's subject again. Citations name their article, an answer from both groups its
 * excerpts by article, a question can be asked of one article, the people registry keeps
 * one entry per person with mentions from each, and /articles stays within Discord's limits.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  articleInfos,
  findArticle,
  groupByArticle,
  UnknownArticleError,
  type ArticleInfo,
} from '../src/answers/articles.js';
import type { Answer } from '../src/answers/types.js';
import { answerBatchLine } from '../src/cli/batch.js';
import { PROJECT_ROOT } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import { commandShapeProblems } from '../src/discord/loader.js';
import articlesCommand from '../src/discord/commands/articles.js';
import askCommand from '../src/discord/commands/ask.js';
import { openEngine } from '../src/engine.js';
import { loadCedict } from '../src/lexicon/cedict.js';
import { cedictLexicon } from '../src/people/lexicon.js';
import { buildPeopleRegistry, loadCuratedPeople } from '../src/people/registry.js';
import { ARTICLES_PER_PAGE, renderArticleList } from '../src/render/article-list.js';
import { formatArticle, formatCitation } from '../src/render/citation.js';
import { renderAnswer } from '../src/render/console.js';
import {
  limitViolations,
  renderAnswer as renderDiscordAnswer,
  renderPerson as renderDiscordPerson,
  unescapeMarkdown,
} from '../src/render/discord.js';
import { answerToJson, personToJson, type AnswerJson } from '../src/render/json.js';
import { silentLog, testConfig } from './helpers/config.js';
import { consoleTranscript } from './helpers/console.js';

const SEED = 'guancha-2025-02-09-deepseek-talent';
const LECTURE = 'example-2025-03-01-pan-lecture';
const LECTURE_TITLE = '潘梓正回母校講開源模型';
const LECTURE_URL = 'https://news.example.org/2025/03/01/pan-lecture';

/** The seed corpus (people.json and glossary too) plus the second article, in a temp folder. */
function twoArticleCorpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'multi-article-'));
  cpSync(path.join(PROJECT_ROOT, 'corpus'), dir, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'test/fixtures/multi'), dir, { recursive: true });
  return dir;
}

const docsOf = (a: Answer) => [...a.excerpts, ...a.more].map((e) => e.passage.doc);

describe('an engine over two articles', async () => {
  const corpusDir = twoArticleCorpus();
  const config = testConfig({ CORPUS_DIR: corpusDir });
  const engine = await openEngine(config, { log: silentLog });
  afterAll(async () => {
    await engine.close();
    config.cleanup();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  it('knows each article’s outlet as a name a question can ask about', async () => {
    const answer = await engine.ask('示例新聞的總部在哪裡？');
    expect(answer.answerability.details?.focal).toContain('示例新闻');
    expect(answer.confidence).not.toBe('answer');
  });

  it('knows both articles and how many passages each has', () => {
    const articles = engine.about().articles;
    expect(articles.map((a) => a.id).sort()).toEqual([LECTURE, SEED]);
    expect(articles.reduce((n, a) => n + a.passages, 0)).toBe(engine.about().passages);
    expect(articles.every((a) => a.passages > 0)).toBe(true);
  });

  it('names the article in every citation: console footnotes and JSON passages', async () => {
    const answer = await engine.ask('講座在哪裡舉行？');
    expect(answer.confidence).toBe('answer');
    expect(answer.excerpts[0]!.citation).toMatchObject({
      doc: LECTURE,
      title: LECTURE_TITLE,
      source: '示例新聞',
      url: LECTURE_URL,
    });
    const text = renderAnswer(answer);
    expect(text).toContain(`${LECTURE_TITLE} · 示例新聞 · 2025-03-01`);
    const json = answerToJson(answer);
    expect(json.passages.length).toBeGreaterThan(0);
    for (const p of json.passages) {
      expect(p.doc).toMatch(/\S/);
      expect(p.title).toBe(p.doc === LECTURE ? LECTURE_TITLE : expect.any(String));
    }
    expect(json.passages[0]).toMatchObject({
      doc: LECTURE,
      title: LECTURE_TITLE,
      published: '2025-03-01',
      url: LECTURE_URL,
    });
  });

  describe('an answer quoting both articles', async () => {
    const answer = await engine.ask('潘梓正說了什麼？');
    const groups = groupByArticle(answer.excerpts);

    it('groups its excerpts by article, best article first', () => {
      expect(groups.map((g) => g.article.doc).sort()).toEqual([LECTURE, SEED]);
      for (const g of groups)
        expect(g.excerpts.every((e) => e.passage.doc === g.article.doc)).toBe(true);
      expect(groups[0]!.excerpts[0]).toBe(answer.excerpts[0]);
      expect(groups.flatMap((g) => g.excerpts)).toHaveLength(answer.excerpts.length);
    });

    it('shows a heading per article in the console, each over its own quotes', () => {
      const text = renderAnswer(answer);
      const lines = text.split('\n');
      for (const g of groups) {
        const heading = lines.indexOf(formatArticle(g.article));
        expect(heading).toBeGreaterThanOrEqual(0);
        const quote = lines.findIndex((l) => l.includes(g.excerpts[0]!.sentences[0]!.text.trim()));
        expect(quote).toBeGreaterThan(heading);
      }
      // Under a heading the footnotes need not name the article again.
      const notes = lines.filter((l) => /^\[\d+\] /.test(l));
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expect(n).not.toContain(LECTURE_TITLE);
    });

    it('groups its Discord quotes under a linked heading per article, with a Sources field each', () => {
      const message = renderDiscordAnswer(answer, { registerMore: () => 'more:x' });
      expect(limitViolations(message)).toEqual([]);
      const embed = message.embeds[0]!;
      const description = embed.description!;
      const shownDocs = [...new Set(message.shown.map((e) => e.passage.doc))];
      expect(shownDocs.sort()).toEqual([LECTURE, SEED]);
      // The lecture has a url, so its heading links it; each heading comes before its quotes.
      expect(description).toContain(
        `**[${LECTURE_TITLE}](${LECTURE_URL})** · 示例新聞 · 2025-03-01`,
      );
      for (const g of groups) {
        const heading = description.indexOf(g.article.title);
        const shownHere = message.shown.filter((e) => e.passage.doc === g.article.doc);
        const firstQuote = unescapeMarkdown(description).indexOf(
          shownHere[0]!.sentences[0]!.text.trim(),
        );
        expect(heading).toBeGreaterThanOrEqual(0);
        expect(firstQuote).toBeGreaterThan(unescapeMarkdown(description).indexOf(g.article.title));
      }
      // One field per article, named for it; its footnotes need not name it again.
      const fields = embed.fields!;
      expect(fields.map((f) => unescapeMarkdown(f.name)).sort()).toEqual(
        groups.map((g) => formatArticle(g.article)).sort(),
      );
      for (const f of fields) {
        expect(f.value).not.toContain(LECTURE_TITLE);
        expect(f.value).toMatch(/^`\[\d+\]` ¶/);
      }
      // Markers number on across articles: every marker shown has exactly one footnote.
      const markers = [...description.matchAll(/ \[(\d+)\]$/gm)].map((m) => Number(m[1]));
      const notes = fields.flatMap((f) =>
        [...f.value.matchAll(/`\[(\d+)\]`/g)].map((m) => Number(m[1])),
      );
      expect(notes.sort((a, b) => a - b)).toEqual([...new Set(markers)].sort((a, b) => a - b));
    });

    it('lists the articles in JSON, each with the indexes of its passages', () => {
      const json: AnswerJson = answerToJson(answer);
      const indexes = json.articles.flatMap((a) => a.passages).sort((x, y) => x - y);
      expect(indexes).toEqual(json.passages.map((_, i) => i));
      for (const a of json.articles) {
        for (const i of a.passages) expect(json.passages[i]!.doc).toBe(a.doc);
      }
      expect(json.articles.find((a) => a.doc === LECTURE)).toMatchObject({
        title: LECTURE_TITLE,
        source: '示例新聞',
        published: '2025-03-01',
        url: LECTURE_URL,
      });
    });
  });

  it('answers from one article when asked of it', async () => {
    const everywhere = await engine.ask('潘梓正說了什麼？');
    expect(new Set(docsOf(everywhere)).size).toBe(2);
    for (const doc of [SEED, LECTURE]) {
      const scoped = await engine.ask('潘梓正說了什麼？', { doc });
      expect(scoped.excerpts.length).toBeGreaterThan(0);
      expect(new Set(docsOf(scoped))).toEqual(new Set([doc]));
    }
    // The lecture hall is only in the lecture: asked of the seed, the seed does not say.
    const elsewhere = await engine.ask('講座在哪裡舉行？', { doc: SEED });
    expect(elsewhere.confidence).not.toBe('answer');
    expect(docsOf(elsewhere).every((d) => d === SEED)).toBe(true);
  });

  it('summarises only the article a summary request is asked of', async () => {
    const reply = await engine.reply('這篇文章在講什麼？', 'summary', { doc: LECTURE });
    expect(reply.kind).toBe('summary');
    if (reply.kind !== 'summary') return;
    expect(reply.summary.articles.map((a) => a.meta.id)).toEqual([LECTURE]);
  });

  it('refuses an article it does not hold, naming the ones it does', async () => {
    await expect(engine.ask('潘梓正說了什麼？', { doc: 'nope' })).rejects.toThrow(
      UnknownArticleError,
    );
    await expect(engine.reply('潘梓正說了什麼？', undefined, { doc: 'nope' })).rejects.toThrow(
      new RegExp(LECTURE),
    );
  });

  it('keeps one person with mentions from each article', () => {
    const p = engine.person('潘梓正').person!;
    expect(new Set(p.mentions.map((m) => m.doc))).toEqual(new Set([SEED, LECTURE]));
    expect(p.mentionCount).toBe(p.mentions.length);
    const lecture = p.mentions.find((m) => m.doc === LECTURE)!;
    expect(lecture.citation.title).toBe(LECTURE_TITLE);
    expect(formatCitation(lecture.citation, { article: 'full' })).toContain(LECTURE_TITLE);
    expect(personToJson(engine.person('潘梓正')).person!.mentions).toContainEqual(
      expect.objectContaining({ doc: LECTURE, title: LECTURE_TITLE }),
    );
  });

  it('names the article in each Discord footnote of a person named in both', () => {
    const message = renderDiscordPerson(engine.person('潘梓正'));
    expect(limitViolations(message)).toEqual([]);
    const sources = unescapeMarkdown(message.embeds[0]!.fields![0]!.value);
    expect(sources).toContain(`${LECTURE_TITLE} · 示例新聞 · 2025-03-01`);
  });

  it('takes an article in batch lines, and --article for every line', async () => {
    const own = await answerBatchLine(
      engine,
      JSON.stringify({ q: '潘梓正說了什麼？', article: LECTURE }),
      1,
    );
    expect(own.ok).toBe(true);
    const ownDocs = (own.out as unknown as AnswerJson).passages.map((p) => p.doc);
    expect(new Set(ownDocs)).toEqual(new Set([LECTURE]));
    const flag = await answerBatchLine(engine, JSON.stringify({ q: '潘梓正說了什麼？' }), 2, SEED);
    expect(new Set((flag.out as unknown as AnswerJson).passages.map((p) => p.doc))).toEqual(
      new Set([SEED]),
    );
    const bad = await answerBatchLine(
      engine,
      JSON.stringify({ q: '潘梓正說了什麼？', article: 'x' }),
      3,
    );
    expect(bad.ok).toBe(false);
    expect(bad.out['line']).toBe(3);
    expect(String(bad.out['error'])).toContain('No article "x"');
  });

  it('ask --json --article answers from that article', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(PROJECT_ROOT, 'src/cli/ask.ts'),
        '--json',
        '--article',
        LECTURE,
        '潘梓正說了什麼？',
      ],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          DATA_DIR: config.DATA_DIR,
          CORPUS_DIR: corpusDir,
          EMBEDDING_MODEL: 'none',
        },
      },
    );
    const json = JSON.parse(stdout) as AnswerJson;
    expect(json.passages.length).toBeGreaterThan(0);
    expect(json.passages.every((p) => p.doc === LECTURE && p.title === LECTURE_TITLE)).toBe(true);
    expect(json.articles.map((a) => a.doc)).toEqual([LECTURE]);
  });

  it('lists the articles and asks one of them in the console', async () => {
    const text = await consoleTranscript(engine, [
      '/help',
      '/articles',
      `/in ${LECTURE} 講座在哪裡舉行？`,
      '/in nope 講座？',
    ]);
    expect(text).toContain('/in ID QUESTION');
    expect(text).toContain(`id: ${LECTURE}`);
    expect(text).toContain(LECTURE_URL);
    expect(text).toContain('體育館');
    expect(text).toContain('No article "nope"');
  });
});

describe('the people registry over two articles', async () => {
  const corpusDir = twoArticleCorpus();
  afterAll(() => rmSync(corpusDir, { recursive: true, force: true }));
  const corpus = await loadCorpus(corpusDir);
  const reg = buildPeopleRegistry(corpus, await loadCuratedPeople(corpusDir), {
    lexicon: cedictLexicon(loadCedict()),
  });

  it('has one entry per person, with mentions from each article that names them', () => {
    const names = reg.people.map((p) => p.name);
    expect(names.filter((n) => n === '潘梓正')).toHaveLength(1);
    // No other entry claims one of 潘梓正's forms.
    const pan = reg.people.find((p) => p.name === '潘梓正')!;
    const others = reg.people.filter((p) => p !== pan);
    expect(others.filter((p) => p.forms.some((f) => pan.forms.includes(f)))).toEqual([]);
    expect(new Set(pan.mentions.map((m) => m.doc))).toEqual(new Set([SEED, LECTURE]));
    // The curated role is cited from the article that said it first, not the later one.
    expect(pan.roleAt?.doc).toBe(SEED);
  });
});

describe('groupByArticle and findArticle', () => {
  const meta = (id: string, title: string) => ({
    id,
    title,
    language: 'zh-Hant',
    file: `${id}.md`,
  });

  it('finds an article by id, else by a word of its title in any script', () => {
    const docs = [meta('a', '潘梓正回國'), meta('b', '講座現場')];
    expect(findArticle(docs, 'b')?.id).toBe('b');
    expect(findArticle(docs, '讲座')?.id).toBe('b');
    expect(findArticle(docs, 'zzz')).toBeNull();
    expect(findArticle(docs, ' ')).toBeNull();
  });

  it('counts passages per article, zero for an article without any', () => {
    const infos = articleInfos([meta('a', 'A'), meta('b', 'B')], [{ doc: 'a' }, { doc: 'a' }]);
    expect(infos.map((i) => [i.id, i.passages])).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
  });
});

describe('/articles and /ask article', () => {
  const article = (i: number, over: Partial<ArticleInfo> = {}): ArticleInfo => ({
    id: `article-${i}`,
    title: `第 ${i} 篇文章`,
    source: '示例新聞',
    published: '2025-03-01T09:30:00+08:00',
    language: 'zh-Hant',
    file: `article-${i}.md`,
    url: `https://news.example.org/${i}`,
    passages: i,
    ...over,
  });

  it('are commands of the right shape, /ask with an autocompleted article option', () => {
    expect(commandShapeProblems(articlesCommand)).toEqual([]);
    expect(commandShapeProblems(askCommand)).toEqual([]);
    const option = askCommand.data.toJSON().options?.find((o) => o.name === 'article');
    expect(option).toMatchObject({ required: false, autocomplete: true });
  });

  it('lists title, source, date, passages and a link', () => {
    const message = renderArticleList([article(1)], { lang: 'en' });
    const d = message.embeds[0]!.description!;
    expect(d).toContain('[第 1 篇文章](https://news.example.org/1)');
    expect(d).toContain('示例新聞 · 2025-03-01 · 1 passage');
    expect(message.embeds[0]!.footer).toBeUndefined();
    expect(limitViolations({ ...message, components: [] })).toEqual([]);
  });

  it('pages a long list, ten a page, and says where the next page is', () => {
    const many = Array.from({ length: 25 }, (_, i) => article(i + 1));
    const first = renderArticleList(many, { lang: 'en', page: 1 }).embeds[0]!;
    expect(first.title).toContain('25');
    expect(first.description!.split('\n')).toHaveLength(ARTICLES_PER_PAGE);
    expect(first.footer?.text).toContain('/articles page:2');
    const last = renderArticleList(many, { lang: 'zh-Hant', page: 3 }).embeds[0]!;
    expect(last.description!.split('\n')).toHaveLength(5);
    expect(last.description).toContain('25. ');
    // A page past the end shows the last one.
    expect(renderArticleList(many, { lang: 'zh-Hant', page: 99 }).embeds[0]).toEqual(last);
  });

  it('stays within Discord limits with huge titles and urls, saying what it left out', () => {
    const huge = Array.from({ length: 10 }, (_, i) =>
      article(i + 1, {
        title: '很長的標題'.repeat(200),
        source: '來源'.repeat(300),
        url: `https://news.example.org/${'x'.repeat(490)}${i}`,
      }),
    );
    const message = renderArticleList(huge, { lang: 'en' });
    expect(limitViolations({ ...message, components: [] })).toEqual([]);
    expect(message.embeds[0]!.description).toMatch(/and \d+ more on this page that did not fit/);
  });

  it('links only urls Discord can open, and keeps a ")" from ending the link', () => {
    const d = renderArticleList(
      [
        article(1, { url: 'javascript:alert(1)' }),
        article(2, { url: 'https://example.org/a_(b)' }),
      ],
      { lang: 'en' },
    ).embeds[0]!.description!;
    expect(d).not.toContain('javascript');
    expect(d).toContain('(https://example.org/a_%28b%29)');
  });

  it('says when there are no articles', () => {
    expect(renderArticleList([], { lang: 'en' }).embeds[0]!.description).toBe(
      'No articles are indexed yet.',
    );
  });
});

describe('vector search within one article', () => {
  it('returns only the allowed passages, as many as there are', async () => {
    const { VectorIndex } = await import('../src/indexes/vector-index.js');
    const unit = (i: number) => Float32Array.from([Math.cos(i), Math.sin(i), 0.1 * i]);
    const index = VectorIndex.build([0, 1, 2, 3, 4, 5].map(unit), 3, {
      m: 8,
      efConstruction: 50,
      efSearch: 20,
    });
    const hits = index.search(unit(2), 5, new Set([1, 4]));
    expect(hits.map((h) => h.id).sort()).toEqual([1, 4]);
    expect(index.search(unit(2), 5, new Set())).toEqual([]);
    // Without a scope the nearest is the vector itself.
    expect(index.search(unit(2), 1)[0]!.id).toBe(2);
  });
});
