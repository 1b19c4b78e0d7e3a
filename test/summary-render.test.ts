/**
 * The summary and greeting as Discord messages: within every limit however many articles
 * there are, quotes verbatim with their citations, and "More passages" as for answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSummary, Excerpt, SummaryAnswer } from '../src/answers/types.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import {
  LIMITS,
  embedLength,
  limitViolations,
  renderGreeting,
  renderSummary,
} from '../src/render/discord.js';
import { ui } from '../src/render/i18n.js';
import { excerptOf, loadArticle, quoteBlocks, readMarkdown } from './discord-helpers.js';

let doc: CorpusDocument;
beforeAll(async () => {
  doc = await loadArticle();
});

/** A summary excerpt: one paragraph's first sentence, unbolded, as the responder builds them. */
function sentence(n: number): Excerpt {
  const e = excerptOf(doc, [n]);
  const first = e.sentences[0]!;
  return { ...e, sentences: [{ text: first.text, key: false }], quote: first.text };
}

function articleSummary(id: string, title: string, ns: number[], more: number[]): ArticleSummary {
  const retitle = (e: Excerpt): Excerpt => ({ ...e, citation: { ...e.citation, doc: id, title } });
  return {
    meta: { ...doc.meta, id, title },
    excerpts: ns.map(sentence).map(retitle),
    more: more.map(sentence).map(retitle),
  };
}

function summaryOf(
  articles: ArticleSummary[],
  lang: SummaryAnswer['lang'] = 'zh-Hant',
): SummaryAnswer {
  return { question: null, lang, mode: 'lexical', articles };
}

describe('renderSummary', () => {
  it('quotes each sentence in order with its ¶ and offers the further ones behind "More passages"', () => {
    const registered: Excerpt[][] = [];
    const r = renderSummary(
      summaryOf([articleSummary(doc.meta.id, doc.meta.title, [1, 2, 6], [3, 7])]),
      {
        registerMore: (extra) => {
          registered.push(extra);
          return 'more:x';
        },
      },
    );
    expect(limitViolations(r)).toEqual([]);
    const embed = r.embeds[0]!;
    expect(embed.title).toBe(ui('zh-Hant').summaryTitle(doc.meta.title));
    const blocks = quoteBlocks(embed.description!);
    expect(blocks.map((b) => b.marker)).toEqual(['[1]', '[2]', '[3]']);
    expect(readMarkdown(blocks[0]!.body).text).toBe(sentence(1).quote);
    expect(readMarkdown(blocks[0]!.body).bold).toEqual([]);
    expect(embed.fields![0]!.value.split('\n').map((l) => /¶\d+/.exec(l)![0])).toEqual([
      '¶1',
      '¶2',
      '¶6',
    ]);
    expect(registered).toHaveLength(1);
    expect(registered[0]!.map((e) => e.citation.paragraphs[0])).toEqual([3, 7]);
    expect(r.components[0]!.components.at(-1)).toMatchObject({ custom_id: 'more:x' });
  });

  it('keeps within Discord’s limits with many long articles, saying how many were left out', () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      articleSummary(`doc-${i}`, `第${i}篇 ${'很長的標題'.repeat(60)}`, [1, 2, 6, 18, 23], [3, 7]),
    );
    const r = renderSummary(summaryOf(many), { registerMore: () => 'more:y' });
    expect(limitViolations(r)).toEqual([]);
    expect(r.embeds.length).toBeGreaterThan(0);
    expect(r.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(r.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(r.content).toBe(ui('zh-Hant').moreArticles(many.length - r.embeds.length));
  });
});

describe('renderGreeting', () => {
  it('names the article, its source and date, the examples and /help, in the user’s language', () => {
    const r = renderGreeting({
      lang: 'en',
      documents: [doc.meta],
      examples: ['Who is Pan Zizheng?', 'V3的正式訓練成本為多少？'],
    });
    expect(limitViolations(r)).toEqual([]);
    const text = readMarkdown(r.embeds[0]!.description!).text;
    expect(r.embeds[0]!.title).toBe('Hello!');
    expect(text).toContain(doc.meta.title);
    expect(text).toContain('觀察者網 · 2025-02-09');
    expect(text).toContain('• Who is Pan Zizheng?\n• V3的正式訓練成本為多少？');
    expect(text).toContain('/help');
  });
});
