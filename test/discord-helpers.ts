/**
 * Test material for the Discord layer: Answer objects built from the real article
 * (passages are its numbered paragraphs, sentences from the real splitter), and a small
 * reader of Discord Markdown that tells what a user would see.
 */
import path from 'node:path';
import type {
  Answer,
  Citation,
  Excerpt,
  Passage,
  PersonAnswer,
  PersonMention,
} from '../src/answers/types.js';
import { PROJECT_ROOT } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import type { Lang } from '../src/text/language.js';
import { splitSentences } from '../src/text/sentences.js';

/** Every command the bot registers, in the loader's order (by file name). */
export const COMMAND_NAMES = [
  'about',
  'articles',
  'Ask the article about this',
  'ask',
  'forget-me',
  'help',
  'person',
  'summary',
];

export async function loadArticle(): Promise<CorpusDocument> {
  const corpus = await loadCorpus(path.join(PROJECT_ROOT, 'corpus'));
  return corpus.documents[0]!;
}

export function citationOf(
  doc: CorpusDocument,
  paragraphs: number[],
  overrides: Partial<Citation> = {},
): Citation {
  const first = doc.paragraphs[paragraphs[0]! - 1]!;
  return {
    doc: doc.meta.id,
    paragraphs,
    section: first.section,
    title: doc.meta.title,
    ...(doc.meta.source !== undefined && { source: doc.meta.source }),
    ...(doc.meta.published !== undefined && { published: doc.meta.published }),
    ...(doc.meta.url !== undefined && { url: doc.meta.url }),
    ...overrides,
  };
}

/** An excerpt of paragraphs `ns` (joined with newlines), key sentence the first containing `key`. */
export function excerptOf(
  doc: CorpusDocument,
  ns: number[],
  key?: string,
  overrides: { text?: string; citation?: Partial<Citation> } = {},
): Excerpt {
  const blocks = ns.map((n) => doc.paragraphs[n - 1]!);
  const text = overrides.text ?? blocks.map((b) => b.text).join('\n');
  const passage: Passage = {
    id: ns[0]!,
    doc: doc.meta.id,
    section: blocks[0]!.section,
    kind: blocks[0]!.kind,
    tags: blocks.some((b) => b.kind === 'caption') ? ['caption'] : [],
    paragraphs: ns,
    paragraphStarts: blocks.map((_, i) =>
      blocks.slice(0, i).reduce((at, b) => at + b.text.length + 1, 0),
    ),
    text,
    start: blocks[0]!.start,
    end: blocks[blocks.length - 1]!.end,
  };
  let keyed = false;
  const sentences = splitSentences(text).map((s) => {
    const isKey = !keyed && key !== undefined && s.text.includes(key);
    if (isKey) keyed = true;
    return { text: s.text, key: isKey };
  });
  return {
    passage,
    score: 1,
    matched: [],
    sentences,
    quote: sentences.map((s) => s.text).join(''),
    citation: citationOf(doc, ns, overrides.citation),
  };
}

export function answerOf(
  question: string,
  excerpts: Excerpt[],
  more: Excerpt[] = [],
  lang: Lang = 'zh-Hant',
): Answer {
  return {
    question,
    lang,
    mode: 'lexical',
    abstained: false,
    confidence: 'answer',
    excerpts,
    more,
    suggestions: [],
    answerability: { bestCoverage: 1, corpusCoverage: 1, lexical: 1, reason: 'covered' },
  };
}

export function abstainedAnswer(
  question: string,
  suggestions: string[],
  lang: Lang = 'zh-Hant',
): Answer {
  return {
    question,
    lang,
    mode: 'lexical',
    abstained: true,
    confidence: 'none',
    excerpts: [],
    more: [],
    suggestions,
    answerability: { bestCoverage: 0, corpusCoverage: 0, lexical: 0, reason: 'low-coverage' },
  };
}

/**
 * The article is about the question but does not state the answer: the closest passages
 * come as excerpts, under a caveat, and the answer counts as an abstention.
 */
export function relatedAnswer(
  question: string,
  excerpts: Excerpt[],
  more: Excerpt[] = [],
  lang: Lang = 'zh-Hant',
  suggestions: string[] = [],
): Answer {
  return {
    question,
    lang,
    mode: 'lexical',
    abstained: true,
    confidence: 'related',
    excerpts,
    more,
    suggestions,
    answerability: { bestCoverage: 0.4, corpusCoverage: 0.8, lexical: 0.4, reason: 'partial' },
  };
}

/**
 * A person record from the article: every paragraph naming them is a mention; a quoted role
 * is cited at the first paragraph containing it, as the registry records it.
 */
export function personOf(
  doc: CorpusDocument,
  name: string,
  aliases: string[],
  role: string,
  lang: Lang = 'zh-Hant',
  roleQuoted = true,
): PersonAnswer {
  const mentions: PersonMention[] = doc.paragraphs
    .filter((p) => p.text.includes(name))
    .map((p) => ({
      doc: doc.meta.id,
      paragraphs: [p.n],
      section: p.section,
      quote: splitSentences(p.text)
        .filter((s) => s.text.includes(name))
        .map((s) => s.text)
        .join(''),
      citation: citationOf(doc, [p.n]),
    }));
  const roleAt = roleQuoted && role ? doc.paragraphs.find((p) => p.text.includes(role)) : undefined;
  return {
    query: name,
    lang,
    person: {
      name,
      aliases,
      role,
      roleQuoted,
      ...(roleAt && { roleCitation: citationOf(doc, [roleAt.n]) }),
      mentionCount: mentions.length,
      mentions,
    },
    suggestions: [],
  };
}

export interface Visible {
  /** What a reader sees. */
  text: string;
  /** Bold runs, as seen. */
  bold: string[];
  /** Markdown characters that would change rendering but are not ours: must be empty. */
  stray: string[];
}

const PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Reads a line of Discord Markdown as the client would for the constructs that matter here:
 * backslash escapes, ** bold, <url> links. Any other unescaped Markdown character is stray.
 */
export function readMarkdown(src: string): Visible {
  let text = '';
  const bold: string[] = [];
  const stray: string[] = [];
  let inBold = false;
  let current = '';
  let i = 0;
  const emit = (s: string) => {
    text += s;
    if (inBold) current += s;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length && PUNCT.test(src[i + 1]!)) {
      emit(src[i + 1]!);
      i += 2;
      continue;
    }
    if (src.startsWith('**', i)) {
      if (inBold) bold.push(current);
      current = '';
      inBold = !inBold;
      i += 2;
      continue;
    }
    const url = /^<(https?:\/\/[^>\s]+)>/.exec(src.slice(i));
    if (url) {
      emit(url[1]!);
      i += url[0].length;
      continue;
    }
    if ('*_~`|<>[]\\'.includes(ch)) stray.push(ch);
    emit(ch);
    i++;
  }
  if (inBold) stray.push('unclosed **');
  return { text, bold, stray };
}

/** The quote blocks of a description: consecutive "> " lines, with the marker split off. */
export function quoteBlocks(description: string): { body: string; marker: string | null }[] {
  const blocks: { body: string; marker: string | null }[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const joined = lines.join('\n');
    const m = / (\[\d+\])$/.exec(joined);
    blocks.push({ body: m ? joined.slice(0, -m[0].length) : joined, marker: m ? m[1]! : null });
    lines = [];
  };
  for (const line of description.split('\n')) {
    if (line.startsWith('> ') || line === '>') lines.push(line === '>' ? '' : line.slice(2));
    else flush();
  }
  flush();
  return blocks;
}
