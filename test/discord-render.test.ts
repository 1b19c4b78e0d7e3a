import { ButtonStyle, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AboutInfo, Excerpt } from '../src/answers/types.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import {
  escapeMarkdown,
  fitQuote,
  LIMITS,
  limitViolations,
  renderAbout,
  renderAnswer,
  renderHelp,
  renderMorePassages,
  renderNotice,
  renderPerson,
  unescapeMarkdown,
  type RenderedMessage,
} from '../src/render/discord.js';
import {
  Footnotes,
  formatCitation,
  formatParagraphs,
  formatPublished,
  shorten,
} from '../src/render/citation.js';
import { foldScript } from '../src/text/normalize.js';
import { langFromLocale, LANGS, ui } from '../src/render/i18n.js';
import {
  abstainedAnswer,
  answerOf,
  citationOf,
  excerptOf,
  loadArticle,
  personOf,
  quoteBlocks,
  readMarkdown,
  relatedAnswer,
} from './discord-helpers.js';

let doc: CorpusDocument;
beforeAll(async () => {
  doc = await loadArticle();
});

const MARKDOWN_HOSTILE =
  '**粗體** __底線__ _斜體_ ~~刪除~~ ||劇透|| `代碼` ```塊``` \\反斜線\\ <@123456789012345678> <@&42> <#99> @everyone @here ' +
  '[連結](https://evil.example/x) <t:1700000000:R> :smile: 見 https://example.com/a_b*c?d=e|f。';

function buttons(message: RenderedMessage): APIButtonComponent[] {
  return message.components.flatMap((r) => r.components);
}

function only(message: RenderedMessage): APIEmbed {
  expect(message.embeds).toHaveLength(1);
  return message.embeds[0]!;
}

/** Every quote block shows its excerpt verbatim, ends with a marker, and every marker has a footnote. */
function expectVerbatimQuotes(
  embed: APIEmbed,
  shown: Excerpt[],
  opts: { firstMayBeCut?: boolean } = {},
): void {
  const blocks = quoteBlocks(embed.description ?? '');
  expect(blocks).toHaveLength(shown.length);
  // One Sources field, or one field per article when the quotes come from several.
  const sources = { value: (embed.fields ?? []).map((f) => f.value).join('\n') };
  blocks.forEach((block, i) => {
    const seen = readMarkdown(block.body);
    expect(seen.stray).toEqual([]);
    expect(block.marker).toMatch(/^\[\d+\]$/);
    expect(sources?.value).toContain(`\`${block.marker}\``);
    const expected = shown[i]!.quote.split('\n')
      .map((l) => l.trimEnd())
      .join('\n');
    if (opts.firstMayBeCut && i === 0 && seen.text !== expected) {
      // Shortened: still one verbatim run of the quote, marked with "…" when cut mid-sentence.
      const visible = seen.text.replace(/…$/, '');
      expect(expected.includes(visible)).toBe(true);
      expect(visible.length).toBeGreaterThan(8);
    } else {
      expect(seen.text).toBe(expected);
    }
    const keys = shown[i]!.sentences.filter((s) => s.key).map((s) => s.text.trim());
    for (const b of seen.bold) expect(keys.some((k) => k.includes(b.trim()))).toBe(true);
  });
}

describe('citation footnotes', () => {
  it('formats paragraph ranges, dates as published, and the parts in order', () => {
    expect(formatParagraphs([3])).toBe('¶3');
    expect(formatParagraphs([5, 3, 4, 7])).toBe('¶3–5, 7');
    expect(formatPublished('2025-02-09T11:47:00+08:00')).toBe('2025-02-09');
    expect(formatPublished(undefined)).toBeUndefined();
    const c = {
      doc: 'd',
      paragraphs: [3],
      section: '「印象深刻」的決定',
      source: '觀察者網',
      published: '2025-02-09T11:47:00+08:00',
      title: 't',
    };
    expect(formatCitation(c)).toBe('¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09');
    expect(formatCitation({ doc: 'd', paragraphs: [1], section: null, title: '標題' })).toBe(
      '¶1 · 標題',
    );
  });

  it('shortens a very long section name but never the ¶, source or date', () => {
    const c = {
      doc: 'd',
      paragraphs: [12],
      section: '長'.repeat(500),
      source: '觀察者網',
      published: '2025-02-09',
      title: 't',
    };
    const line = formatCitation(c);
    expect(line.startsWith('¶12 · ')).toBe(true);
    expect(line.endsWith(' · 觀察者網 · 2025-02-09')).toBe(true);
    expect(line.length).toBeLessThan(100);
  });
});

describe('footnote numbering and shortening', () => {
  const at = (doc: string, paragraphs: number[]) => ({
    doc,
    paragraphs,
    section: '節',
    source: '源',
    title: 't',
  });

  it('numbers places in order of first use; the same place keeps its number and one line', () => {
    const notes = new Footnotes((marker, text) => `<${marker}|${text}>`);
    expect(notes.peek(at('a', [3]))).toEqual({ marker: '[1]', line: '<[1]|¶3 · 節 · 源>' });
    // Peeking reserves nothing.
    expect(notes.lines).toEqual([]);
    expect(notes.cite(at('a', [3]))).toBe('[1]');
    expect(notes.cite(at('a', [5, 4]))).toBe('[2]');
    expect(notes.cite(at('b', [3]))).toBe('[3]');
    expect(notes.cite(at('a', [4, 5]))).toBe('[2]');
    expect(notes.peek(at('a', [3]))).toEqual({ marker: '[1]', line: null });
    expect(notes.lines).toEqual([
      '<[1]|¶3 · 節 · 源>',
      '<[2]|¶4–5 · 節 · 源>',
      '<[3]|¶3 · 節 · 源>',
    ]);
    expect(new Footnotes().peek(at('a', [1])).line).toBe('[1] ¶1 · 節 · 源');
  });

  it('shortens within a UTF-16 budget without splitting a character or an emoji', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(shorten('短', 5)).toBe('短');
    for (const max of [2, 3, 50, 51, 100]) {
      const cut = shorten('𠀋'.repeat(100), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(loneSurrogate);
      expect(cut.endsWith('…')).toBe(true);
    }
    const family = '👩‍👩‍👧';
    expect(shorten(`ab${family}cd`, 5)).toBe('ab…');
    expect(shorten(`ab${family}cd`, 2 + family.length + 1)).toBe(`ab${family}…`);
    expect(shorten('abc   def', 7)).toBe('abc…');
  });
});

describe('Markdown escaping', () => {
  it('shows hostile text literally and round-trips', () => {
    const escaped = escapeMarkdown(MARKDOWN_HOSTILE);
    const seen = readMarkdown(escaped);
    expect(seen.stray).toEqual([]);
    expect(seen.bold).toEqual([]);
    expect(seen.text).toBe(MARKDOWN_HOSTILE);
    expect(unescapeMarkdown(escaped)).toBe(MARKDOWN_HOSTILE);
  });

  it('escapes line-start constructs without breaking numbers', () => {
    const text = '# 標題\n- 列表\n1. 第一\n-# 小字\n> 引文';
    const escaped = escapeMarkdown(text);
    expect(escaped).toContain('\\# 標題');
    expect(escaped).toContain('\\- 列表');
    expect(escaped).toContain('1\\. 第一');
    expect(escaped).not.toContain('\\1');
    expect(unescapeMarkdown(escaped)).toBe(text);
  });
});

describe('renderAnswer', () => {
  it('quotes the excerpt verbatim with its key sentence in bold and a footnote ¶ · section · source · date', () => {
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    const message = renderAnswer(answerOf('潘梓正在哪裡讀碩士?', [ex]));
    const embed = only(message);
    expect(limitViolations(message)).toEqual([]);
    expect(embed.title).toBe('潘梓正在哪裡讀碩士?');
    expect(embed.description).toBe(
      '> 這名受到艾利森關注的DeepSeek研究員名為潘梓正。**潘梓正在GitHub上公開的簡歷顯示,他本科畢業於哈爾濱工業大學,碩士畢業於澳大利亞阿德萊德大學。**' +
        '2021年至2024年,他在莫納什大學攻讀計算機科學博士,2023年夏季曾在英偉達實習。 [1]',
    );
    expect(embed.fields).toEqual([
      { name: '出處', value: '`[1]` ¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09' },
    ]);
    expectVerbatimQuotes(embed, [ex]);
    expect(embed.footer?.text).toContain(doc.meta.title);
    expect(message.components).toEqual([]);
  });

  it('uses the answer language for every UI word while quotes stay as written', () => {
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    for (const lang of LANGS) {
      const message = renderAnswer(
        { ...answerOf('q', [ex], [excerptOf(doc, [4])]), lang },
        { registerMore: () => 'more:x' },
      );
      const embed = only(message);
      expect(embed.fields?.[0]?.name).toBe(ui(lang).sources);
      expect(embed.footer?.text).toContain(ui(lang).verbatimFooter);
      expect(embed.description).toContain('碩士畢業於澳大利亞阿德萊德大學');
      expect(buttons(message).map((b) => ('label' in b ? b.label : ''))).toEqual([
        ui(lang).morePassages(1),
      ]);
    }
  });

  it('adds a link button when the citation has a URL, and a More passages button carrying a short id', () => {
    const url = 'https://www.guancha.cn/internation/2025_02_09_764588.shtml';
    const ex = excerptOf(doc, [3], '阿德萊德大學', { citation: { url } });
    const extra: Excerpt[][] = [];
    const message = renderAnswer(answerOf('q', [ex], [excerptOf(doc, [4]), excerptOf(doc, [5])]), {
      registerMore: (e) => {
        extra.push(e);
        return 'more:abc123';
      },
    });
    const [link, more] = buttons(message);
    expect(link).toMatchObject({ style: ButtonStyle.Link, url, label: '閱讀原文' });
    expect(more).toMatchObject({
      style: ButtonStyle.Secondary,
      custom_id: 'more:abc123',
      label: '更多段落（2）',
    });
    expect(extra).toHaveLength(1);
    expect(extra[0]!.map((e) => e.citation.paragraphs[0])).toEqual([4, 5]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('keeps every limit with every paragraph of the article as an excerpt; what does not fit goes behind More passages', () => {
    const all = doc.paragraphs.map((p) => excerptOf(doc, [p.n], p.text.slice(0, 4)));
    const more = [excerptOf(doc, [1])];
    let extra: Excerpt[] = [];
    const message = renderAnswer(answerOf('全部', all, more), {
      registerMore: (e) => {
        extra = e;
        return 'more:1';
      },
    });
    expect(limitViolations(message)).toEqual([]);
    expect(message.shown.length).toBeGreaterThan(3);
    expect(message.shown.length + extra.length).toBe(all.length + more.length);
    // Nothing is lost: shown first, then the rest in order, then the answer's own "more".
    expect([...message.shown, ...extra].map((e) => e.passage.id)).toEqual(
      [...all, ...more].map((e) => e.passage.id),
    );
    expectVerbatimQuotes(only(message), message.shown);
    expect(only(message).description).toContain(
      ui('zh-Hant').notShown(all.length - message.shown.length),
    );
  });

  it('shortens one very long passage at a sentence end, keeping the key sentence and the citation', () => {
    // The whole article twice over as one passage: longer than any embed.
    const ns = doc.paragraphs.map((p) => p.n);
    const whole = doc.paragraphs.map((p) => p.text).join('\n');
    const long = excerptOf(doc, ns, '阿德萊德大學', { text: `${whole}\n${whole}` });
    expect(long.quote.length).toBeGreaterThan(LIMITS.embedDescription);
    const message = renderAnswer(answerOf('碩士', [long]));
    const embed = only(message);
    expect(limitViolations(message)).toEqual([]);
    expectVerbatimQuotes(embed, [long], { firstMayBeCut: true });
    expect(embed.description).toContain(
      '**潘梓正在GitHub上公開的簡歷顯示,他本科畢業於哈爾濱工業大學,碩士畢業於澳大利亞阿德萊德大學。**',
    );
    expect(embed.description).toMatch(/ \[1\]$/);
    expect(embed.fields?.[0]?.value).toBe(`\`[1]\` ${formatCitation(long.citation)}`);
    // Cut between sentences, so no "…" is added.
    expect(embed.description).toMatch(/[。」] \[1\]$/);
  });

  it('cuts a single sentence longer than any limit at a clause mark with "…", never the marker', () => {
    const once = doc.paragraphs.map((p) => p.text.replace(/[。！？!?」]/g, '')).join(',');
    const text = `${once},${once}`;
    const ex = excerptOf(doc, [1], undefined, { text });
    expect(ex.sentences).toHaveLength(1);
    const embed = only(renderAnswer(answerOf('q', [ex])));
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.description).toMatch(/… \[1\]$/);
    expect(embed.description).not.toMatch(/,… \[1\]$/);
    expectVerbatimQuotes(embed, [ex], { firstMayBeCut: true });
  });

  it('fitQuote gives up rather than show a few characters', () => {
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    expect(fitQuote(ex.sentences, '[1]', 12)).toBeNull();
  });

  it('escapes Markdown and mentions in quotes so they render literally', () => {
    const hostile = excerptOf(doc, [3], '潘梓正', {
      text: `${MARKDOWN_HOSTILE}\n# 不是標題\n- 不是列表。${MARKDOWN_HOSTILE}`,
    });
    const message = renderAnswer(answerOf('@everyone <@1> **x**', [hostile]));
    const embed = only(message);
    expect(limitViolations(message)).toEqual([]);
    expectVerbatimQuotes(embed, [hostile]);
    expect(readMarkdown(embed.title!).text).toBe('@everyone <@1> **x**');
    expect(readMarkdown(embed.title!).stray).toEqual([]);
    expect(embed.description).not.toMatch(/(^|[^\\])<@/);
  });

  it('shares one footnote between excerpts citing the same paragraph', () => {
    const a = excerptOf(doc, [3], '哈爾濱');
    const b = excerptOf(doc, [3], '莫納什');
    const embed = only(renderAnswer(answerOf('q', [a, b])));
    expect(quoteBlocks(embed.description!).map((q) => q.marker)).toEqual(['[1]', '[1]']);
    expect(embed.fields?.[0]?.value.split('\n')).toHaveLength(1);
  });

  it('keeps the sources field within 1024 with very long section names and sources', () => {
    const many = doc.paragraphs.map((p) =>
      excerptOf(doc, [p.n], undefined, {
        citation: { section: '很長的章節名稱'.repeat(80), source: '來源'.repeat(200) },
      }),
    );
    const message = renderAnswer(answerOf('q'.repeat(5000), many), {
      registerMore: () => 'more:x',
    });
    expect(limitViolations(message)).toEqual([]);
    expect(only(message).title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expectVerbatimQuotes(only(message), message.shown);
  });

  it('labels link buttons within 80 characters when excerpts come from several articles', () => {
    const a = excerptOf(doc, [3], undefined, {
      citation: { url: 'https://a.example/1', title: '題'.repeat(300) },
    });
    const b = excerptOf(doc, [5], undefined, {
      citation: { url: 'https://b.example/2', doc: 'other', title: 'Other' },
    });
    const message = renderAnswer(answerOf('q', [a, b]));
    const labels = buttons(message).map((x) => ('label' in x ? x.label! : ''));
    expect(labels).toHaveLength(2);
    for (const l of labels) expect(l.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(limitViolations(message)).toEqual([]);
  });

  it('groups many excerpts from several long-titled articles within every Discord limit', () => {
    const many = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n, i) =>
      excerptOf(doc, [n], undefined, {
        citation: {
          doc: `doc-${i % 3}`,
          title: `${'長標題'.repeat(100)}${i % 3}`,
          url: `https://example.org/${i % 3}/${'x'.repeat(600)}`,
        },
      }),
    );
    const message = renderAnswer(answerOf('q', many), { registerMore: () => 'more:x' });
    expect(limitViolations(message)).toEqual([]);
    const embed = only(message);
    expect(new Set(message.shown.map((e) => e.citation.doc)).size).toBeGreaterThan(1);
    // A url Discord cannot open is not linked, in the heading or as a button.
    expect(embed.description).not.toContain('](https://example.org');
    expect(embed.fields!.length).toBe(new Set(message.shown.map((e) => e.citation.doc)).size);
    expectVerbatimQuotes(embed, message.shown);
  });

  it('abstains with a short statement and suggestions, no quotes and no buttons', () => {
    const message = renderAnswer(
      abstainedAnswer('明天香港會下雨嗎？', ['潘梓正', '禹之鼎', '艾利森', '*星號*']),
    );
    const embed = only(message);
    expect(embed.description).toMatch(/^文章沒有提到這一點。/);
    expect(embed.description).toContain('潘梓正、禹之鼎、艾利森、\\*星號\\*');
    expect(embed.description).not.toContain('> ');
    expect(embed.fields ?? []).toEqual([]);
    expect(message.components).toEqual([]);
    const en = only(renderAnswer(abstainedAnswer('Will it rain?', ['Pan Zizheng'], 'en')));
    expect(en.description).toBe('The article does not say.\n\nThe article does cover: Pan Zizheng');
  });

  it('keeps limits with hundreds of long suggestions', () => {
    const message = renderAnswer(
      abstainedAnswer(
        'q',
        Array.from({ length: 300 }, (_, i) => `${'名'.repeat(300)}${i}`),
      ),
    );
    expect(limitViolations(message)).toEqual([]);
  });
});

describe('renderAnswer for a related answer (closest passages, not an answer)', () => {
  const caveatLine = (lang: (typeof LANGS)[number]) =>
    `**${escapeMarkdown(ui(lang).relatedCaveat)}**`;

  it('heads the passages with the caveat in each language, never "not in the article"', () => {
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    for (const lang of LANGS) {
      const message = renderAnswer(relatedAnswer('潘梓正的導師是誰？', [ex], [], lang, ['潘梓正']));
      const embed = only(message);
      expect(limitViolations(message)).toEqual([]);
      expect(embed.title).toBe('潘梓正的導師是誰？');
      const [first, ...rest] = embed.description!.split('\n\n');
      expect(first).toBe(caveatLine(lang));
      expect(readMarkdown(first!).text).toBe(ui(lang).relatedCaveat);
      expect(readMarkdown(first!).stray).toEqual([]);
      expect(rest[0]).toMatch(/^> /);
      expect(embed.description).not.toContain(ui(lang).notInArticle);
      // The suggestions belong to "none": here the passages are what the article has.
      expect(embed.description).not.toContain(ui(lang).suggestionsLead);
      expect(embed.fields?.[0]?.name).toBe(ui(lang).sources);
      expect(embed.footer?.text).toContain(ui(lang).verbatimFooter);
    }
    expect(readMarkdown(caveatLine('zh-Hant')).text).toBe('文章沒有直接回答；最相關的段落：');
    expect(readMarkdown(caveatLine('zh-Hans')).text).toBe('文章没有直接回答；最相关的段落：');
    expect(readMarkdown(caveatLine('en')).text).toBe(
      'The article does not say this directly; closest passages:',
    );
  });

  it('quotes the passages verbatim with markers and footnotes, as an answer does', () => {
    const a = excerptOf(doc, [3], '阿德萊德大學');
    const b = excerptOf(doc, [5]);
    const related = renderAnswer(relatedAnswer('q', [a, b]));
    const answered = renderAnswer(answerOf('q', [a, b]));
    const embed = only(related);
    expectVerbatimQuotes(embed, [a, b]);
    expect(related.shown).toEqual([a, b]);
    expect(embed.description).toBe(`${caveatLine('zh-Hant')}\n\n${only(answered).description}`);
    expect(embed.fields).toEqual(only(answered).fields);
    expect(embed.fields?.[0]?.value.split('\n')[0]).toBe(
      '`[1]` ¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09',
    );
    expect(embed.description).toContain(
      '**潘梓正在GitHub上公開的簡歷顯示,他本科畢業於哈爾濱工業大學,碩士畢業於澳大利亞阿德萊德大學。**',
    );
  });

  it('has its own colour, neither the answer nor the abstention colour', () => {
    const ex = excerptOf(doc, [3]);
    const related = only(renderAnswer(relatedAnswer('q', [ex]))).color;
    const answer = only(renderAnswer(answerOf('q', [ex]))).color;
    const none = only(renderAnswer(abstainedAnswer('q', []))).color;
    expect(related).toEqual(expect.any(Number));
    expect(related).not.toBe(answer);
    expect(related).not.toBe(none);
    for (const lang of LANGS)
      expect(only(renderAnswer(relatedAnswer('q', [ex], [], lang))).color).toBe(related);
  });

  it('keeps every limit with long passages, the caveat first and nothing lost', () => {
    const ns = doc.paragraphs.map((p) => p.n);
    const whole = doc.paragraphs.map((p) => p.text).join('\n');
    const long = excerptOf(doc, ns, '阿德萊德大學', { text: `${whole}\n${whole}` });
    const all = doc.paragraphs.map((p) =>
      excerptOf(doc, [p.n], p.text.slice(0, 4), {
        citation: { section: '很長的章節名稱'.repeat(40) },
      }),
    );
    for (const lang of LANGS) {
      let extra: Excerpt[] = [];
      const message = renderAnswer(relatedAnswer('問'.repeat(5000), [long, ...all], [], lang), {
        registerMore: (e) => {
          extra = e;
          return 'more:long';
        },
      });
      const embed = only(message);
      expect(limitViolations(message)).toEqual([]);
      expect(embed.description!.startsWith(`${caveatLine(lang)}\n\n> `)).toBe(true);
      expect(message.shown[0]).toBe(long);
      expectVerbatimQuotes(embed, message.shown, { firstMayBeCut: true });
      // Every passage is shown or behind the button (a short one may fit after a long one did not).
      expect(message.shown.length + extra.length).toBe(all.length + 1);
      expect(new Set([...message.shown, ...extra])).toEqual(new Set([long, ...all]));
      expect(embed.description).toContain(ui(lang).notShown(extra.length));
    }
  });

  it('offers More passages for its further passages, and they keep the caveat and colour', () => {
    const ex = excerptOf(doc, [3], '阿德萊德大學');
    const more = [excerptOf(doc, [4]), excerptOf(doc, [5])];
    const registered: { extra: Excerpt[]; tier: string }[] = [];
    const message = renderAnswer(relatedAnswer('q', [ex], more), {
      registerMore: (extra, _lang, tier) => {
        registered.push({ extra, tier });
        return 'more:rel';
      },
    });
    expect(limitViolations(message)).toEqual([]);
    expect(buttons(message)).toEqual([
      expect.objectContaining({
        style: ButtonStyle.Secondary,
        custom_id: 'more:rel',
        label: '更多段落（2）',
      }),
    ]);
    expect(registered).toEqual([{ extra: more, tier: 'related' }]);
    // Nothing further, nothing left over: no button.
    const alone = renderAnswer(relatedAnswer('q', [ex]), { registerMore: () => 'more:x' });
    expect(alone.components).toEqual([]);

    const view = renderMorePassages(more, 'en', 'lexical', { tier: 'related' });
    const viewEmbed = only(view);
    expect(viewEmbed.description!.startsWith(`${caveatLine('en')}\n\n> `)).toBe(true);
    expect(viewEmbed.color).toBe(only(message).color);
    expectVerbatimQuotes(viewEmbed, more);
    expect(limitViolations(view)).toEqual([]);
    const plain = only(renderMorePassages(more, 'en', 'lexical'));
    expect(plain.description).not.toContain(ui('en').relatedCaveat);
    expect(plain.color).toBe(only(renderAnswer(answerOf('q', [ex]))).color);
  });

  it('says "not in the article" when a related answer has nothing to quote', () => {
    const embed = only(renderAnswer(relatedAnswer('q', [], [], 'en', ['Pan Zizheng'])));
    expect(embed.description).toBe(
      'The article does not say.\n\nThe article does cover: Pan Zizheng',
    );
    expect(embed.color).toBe(only(renderAnswer(abstainedAnswer('q', [], 'en'))).color);
  });
});

describe('renderMorePassages', () => {
  it('shows further passages with their own numbering and chains another button when they overflow', () => {
    const extra = doc.paragraphs.map((p) => excerptOf(doc, [p.n]));
    let chained: Excerpt[] = [];
    const message = renderMorePassages(extra, 'zh-Hant', 'lexical', {
      registerMore: (e) => {
        chained = e;
        return 'more:next';
      },
    });
    expect(limitViolations(message)).toEqual([]);
    expect(only(message).title).toBe('更多相關段落');
    expectVerbatimQuotes(only(message), message.shown);
    expect(message.shown.length + chained.length).toBe(extra.length);
    expect(chained.length).toBeGreaterThan(0);
    expect(buttons(message).at(-1)).toMatchObject({ custom_id: 'more:next' });
  });
});

describe('renderPerson', () => {
  it('shows name, aliases, the role quoted with its citation, the count and every mention', () => {
    const role = '這名受到艾利森關注的DeepSeek研究員名為潘梓正。';
    const answer = personOf(doc, '潘梓正', ['梓正', 'Pan Zizheng'], role);
    const message = renderPerson(answer);
    const embed = only(message);
    expect(limitViolations(message)).toEqual([]);
    expect(embed.title).toBe('潘梓正');
    expect(embed.description).toContain('**又稱**：梓正、Pan Zizheng');
    expect(embed.description).toContain(`**身分**\n> ${role} [1]`);
    expect(embed.fields?.[0]?.value.split('\n')[0]).toBe(
      '`[1]` ¶3 · 「印象深刻」的決定 · 觀察者網 · 2025-02-09',
    );
    expect(embed.description).toContain(`**文中提及 ${answer.person!.mentionCount} 次**\n\n> `);
    const blocks = quoteBlocks(embed.description!);
    // Role first, then each mention.
    expect(blocks).toHaveLength(1 + answer.person!.mentions.length);
    blocks.slice(1).forEach((b, i) => {
      expect(readMarkdown(b.body).text).toBe(answer.person!.mentions[i]!.quote);
      expect(b.marker).toMatch(/^\[\d+\]$/);
    });
  });

  it('cites the role where the registry found it, not where a mention happens to contain it', () => {
    const base = personOf(doc, '潘梓正', [], '');
    const role = 'DeepSeek研究員';
    const roleCitation = citationOf(doc, [5]);
    const message = renderPerson({
      ...base,
      person: { ...base.person!, role, roleQuoted: true, roleCitation },
    });
    const embed = only(message);
    expect(embed.description).toContain(`**身分**\n> ${role} [1]`);
    expect(embed.fields?.[0]?.value.split('\n')[0]).toBe(
      `\`[1]\` ${escapeMarkdown(formatCitation(roleCitation), false)}`,
    );
    // Without a recorded place the role is quoted unmarked, even though mentions contain it.
    expect(base.person!.mentions.some((m) => m.quote.includes(role))).toBe(true);
    const unplaced = only(
      renderPerson({ ...base, person: { ...base.person!, role, roleQuoted: true } }),
    );
    expect(unplaced.description).toContain(`**身分**\n> ${role}\n\n`);
    expect(limitViolations(message)).toEqual([]);
  });

  it('shows a role built from metadata as plain text, not as a quote', () => {
    const answer = personOf(doc, '楊蓉', [], '觀察者網 作者', 'zh-Hant', false);
    const embed = only(renderPerson(answer));
    expect(embed.description).toContain('**身分**：觀察者網 作者');
    expect(embed.description).not.toContain('> 觀察者網 作者');
  });

  it('suggests names when nobody matches: no space after a full-width colon, one after ":"', () => {
    const message = renderPerson({
      query: '王小明',
      lang: 'zh-Hant',
      person: null,
      suggestions: ['潘梓正', '禹之鼎'],
    });
    const embed = only(message);
    expect(embed.description).toBe('文章中沒有找到「王小明」。\n\n可以試試：潘梓正、禹之鼎');
    expect(limitViolations(message)).toEqual([]);
    const english = only(
      renderPerson({ query: 'Wang', lang: 'en', person: null, suggestions: ['Pan Zizheng'] }),
    );
    expect(english.description).toMatch(/\n\nTry: Pan Zizheng$/);
  });

  it('keeps limits with many long mentions and long names', () => {
    const base = personOf(doc, '潘梓正', [], '');
    const mentions = Array.from({ length: 60 }, (_, i) => ({
      ...base.person!.mentions[i % base.person!.mentions.length]!,
      quote: doc.paragraphs.map((p) => p.text).join(''),
      citation: {
        ...base.person!.mentions[0]!.citation,
        paragraphs: [i + 1],
        section: '節'.repeat(400),
      },
    }));
    const message = renderPerson({
      ...base,
      person: {
        name: '名'.repeat(400),
        aliases: Array.from({ length: 50 }, () => '別名'.repeat(20)),
        role: '角'.repeat(5000),
        roleQuoted: true,
        mentionCount: 60,
        mentions,
      },
    });
    expect(limitViolations(message)).toEqual([]);
    expect(only(message).description).toMatch(/另有 \d+ 處提及未列出/);
  });
});

describe('renderAbout, renderHelp, renderNotice', () => {
  const info = (over: Partial<AboutInfo> = {}): AboutInfo => ({
    documents: [
      {
        id: 'a',
        title: 'DeepSeek 工程師潘梓正回國',
        titleNote: '描述性標題,由本專案撰寫。',
        source: '觀察者網',
        author: '楊蓉',
        published: '2025-02-09T11:47:00+08:00',
        language: 'zh-Hant',
        file: 'a.md',
        url: 'https://example.com/a',
      },
    ],
    articles: [],
    passages: 42,
    people: 9,
    mode: 'lexical',
    modeReason: 'EMBEDDING_MODEL=none',
    model: null,
    builtAt: '2025-02-10T00:00:00.000Z',
    buildId: 'test-build',
    skipped: [],
    ...over,
  });

  it('lists the article, counts, mode with its reason, model and build time', () => {
    const message = renderAbout(info(), 'zh-Hant');
    const embed = only(message);
    expect(embed.description).toContain(
      '**DeepSeek 工程師潘梓正回國**\n*描述性標題,由本專案撰寫。*\n觀察者網 · 2025-02-09 · 作者 楊蓉',
    );
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '段落數', value: '42' }),
        expect.objectContaining({ name: '人物數', value: '9' }),
        expect.objectContaining({ name: '檢索方式', value: '關鍵詞檢索\nEMBEDDING\\_MODEL=none' }),
        expect.objectContaining({ name: '語義模型', value: '無（只用關鍵詞）' }),
        expect.objectContaining({ name: '索引建立於', value: '<t:1739145600:f>' }),
      ]),
    );
    expect(buttons(message)[0]).toMatchObject({
      style: ButtonStyle.Link,
      url: 'https://example.com/a',
    });
    expect(limitViolations(message)).toEqual([]);
  });

  it('keeps limits with hundreds of articles and a long reason', () => {
    const docs = Array.from({ length: 300 }, (_, i) => ({
      ...info().documents[0]!,
      id: `d${i}`,
      title: '題'.repeat(400),
    }));
    const message = renderAbout(
      info({
        documents: docs,
        mode: 'hybrid',
        model: 'x'.repeat(600),
        modeReason: 'r'.repeat(5000),
      }),
      'en',
    );
    expect(limitViolations(message)).toEqual([]);
    expect(only(message).description).toMatch(/…and \d+ more$/);
  });

  it('explains every way to ask in each language within limits', () => {
    for (const lang of LANGS) {
      const params = {
        botMention: '<@1>',
        answerChannels: ['<#2>', '<#3>'],
        maxQuestionChars: 300,
        cooldownSeconds: 5,
        answerInThreads: true,
      };
      const message = renderHelp(lang, params);
      const text = only(message).description!;
      for (const needle of ['<@1>', '<#2>', '/ask', 'private', '/person', '/about', '300'])
        expect(text).toContain(needle);
      expect(limitViolations(message)).toEqual([]);
      // The thread line is there only when the bot answers in threads.
      const lines = text.split('\n').length;
      const without = only(renderHelp(lang, { ...params, answerInThreads: false })).description!;
      expect(without.split('\n').length).toBe(lines - 1);
    }
  });

  it('clips notices to the content limit', () => {
    expect(renderNotice('字'.repeat(5000)).content!.length).toBe(LIMITS.content);
  });

  it('words zh-Hans in Simplified with mainland usage, and shows inserted names as written', () => {
    const t = ui('zh-Hans');
    const help = t.helpBody({
      botMention: '<@1>',
      answerChannels: ['<#2>'],
      maxQuestionChars: 300,
      cooldownSeconds: 5,
      answerInThreads: true,
    });
    const shown = [
      ...Object.values(t).filter((v): v is string => typeof v === 'string'),
      help,
      t.notShown(2),
      t.mode('hybrid'),
      t.mentionCount(3),
      t.tooLong(400, 300),
    ];
    // No Traditional character is left.
    for (const text of shown) expect(foldScript(text)).toBe(text);
    expect(t.sources).toBe('出处');
    expect(t.role).toBe('身份');
    expect(t.modeWhyHybrid).toBe('已加载语义模型，关键词与语义一并比对。');
    expect(t.notShown(2)).toBe('另有 2 段放不下，请按“更多段落”查看。');
    expect(t.mode('lexical')).toBe('关键词检索');
    for (const line of [
      '• 私信我，直接写问题。',
      '• 在 <#2> 中，每条消息都会被当作问题。',
      '• `/about`：文章、来源、日期与索引信息。',
      '“更多段落”只向按下的人显示其他相关段落；“阅读原文”打开文章网页。',
    ])
      expect(help).toContain(line);
    expect(t.personNotFound('臺灣')).toBe('文章中没有找到“臺灣”。');
    expect(t.byAuthor('楊蓉')).toBe('作者 楊蓉');
    expect(ui('zh-Hant').role).toBe('身分');
  });

  it('maps Discord locales to languages', () => {
    expect(langFromLocale('zh-TW')).toBe('zh-Hant');
    expect(langFromLocale('zh-CN')).toBe('zh-Hans');
    expect(langFromLocale('en-US')).toBe('en');
    expect(langFromLocale(undefined, 'zh-Hant')).toBe('zh-Hant');
  });
});
