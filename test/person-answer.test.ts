import { beforeAll, describe, expect, it } from 'vitest';
import { toPersonAnswer } from '../src/answers/person.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import type { PersonEntry, PersonMentionEntry } from '../src/people/types.js';
import { renderExcerpts, renderPerson } from '../src/render/console.js';
import { excerptOf, loadArticle } from './discord-helpers.js';

let doc: CorpusDocument;
beforeAll(async () => {
  doc = await loadArticle();
});

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[\d+m/g, '');

function mentionIn(n: number): PersonMentionEntry {
  const p = doc.paragraphs[n - 1]!;
  return {
    doc: p.doc,
    paragraph: p.n,
    section: p.section,
    kind: p.kind,
    text: p.text,
    start: p.start,
    end: p.end,
    names: [],
  };
}

function entry(over: Partial<PersonEntry>): PersonEntry {
  const mentions = [mentionIn(3), mentionIn(4)];
  return {
    name: '潘梓正',
    aliases: ['Pan Zizheng'],
    role: 'DeepSeek研究員',
    roleQuoted: true,
    roleAt: { doc: doc.meta.id, paragraph: 3 },
    source: 'curated',
    forms: ['潘梓正'],
    mentionCount: mentions.length,
    mentions,
    ...over,
  };
}

const answerFor = (person: PersonEntry) =>
  toPersonAnswer('潘梓正', 'zh-Hant', { person, suggestions: [] }, [doc.meta]);

describe('toPersonAnswer', () => {
  it('cites a quoted role at the block the registry recorded, with that block’s section', () => {
    const p = answerFor(entry({})).person!;
    expect(p.roleCitation).toEqual({
      doc: doc.meta.id,
      paragraphs: [3],
      section: doc.paragraphs[2]!.section,
      title: doc.meta.title,
      source: doc.meta.source,
      published: doc.meta.published,
      ...(doc.meta.url !== undefined && { url: doc.meta.url }),
    });
    // Same place as the first mention: the renderers give both one footnote.
    expect(p.roleCitation).toEqual(p.mentions[0]!.citation);
  });

  it('leaves the section out when no mention is in the role’s block, and the citation out for metadata roles', () => {
    const elsewhere = answerFor(entry({ roleAt: { doc: doc.meta.id, paragraph: 20 } })).person!;
    expect(elsewhere.roleCitation).toMatchObject({ paragraphs: [20], section: null });
    const byline = answerFor(
      entry({ role: '本文作者 · 觀察者網', roleQuoted: false, roleAt: null, source: 'metadata' }),
    ).person!;
    expect(byline).not.toHaveProperty('roleCitation');
  });
});

describe('console rendering', () => {
  it('marks the quoted role with its footnote, shared with a mention of the same block', () => {
    const out = plain(renderPerson(answerFor(entry({}))));
    const lines = out.split('\n');
    expect(lines).toContain('身分: 「DeepSeek研究員」 [1]');
    expect(lines.filter((l) => l.startsWith('│ ')).map((l) => l.slice(-3))).toEqual(['[1]', '[2]']);
    expect(lines.filter((l) => /^\[\d\] ¶/.test(l))).toEqual([
      // A person may be named in several articles: each footnote names its article.
      `[1] ¶3 · ${doc.paragraphs[2]!.section} · ${doc.meta.title} · ${doc.meta.source} · 2025-02-09`,
      `[2] ¶4 · ${doc.paragraphs[3]!.section} · ${doc.meta.title} · ${doc.meta.source} · 2025-02-09`,
    ]);
  });

  it('leaves the role unmarked when its place is unknown', () => {
    const person = { ...answerFor(entry({})).person!, roleCitation: undefined };
    const out = plain(renderPerson({ query: '潘梓正', lang: 'zh-Hant', person, suggestions: [] }));
    expect(out.split('\n')).toContain('身分: 「DeepSeek研究員」');
    expect(out.match(/^\[\d\] ¶/gm)).toHaveLength(2);
  });

  it('numbers excerpts by place: the same paragraph twice is one footnote', () => {
    const out = plain(
      renderExcerpts([excerptOf(doc, [3]), excerptOf(doc, [5]), excerptOf(doc, [3])]),
    );
    expect(out.match(/ \[\d\]$/gm)).toEqual([' [1]', ' [2]', ' [1]']);
    expect(out.match(/^\[\d\] ¶\d+/gm)).toEqual(['[1] ¶3', '[2] ¶5']);
  });
});
