/**
 * `npm run add`: one article (an HTML page, a text or Markdown file, or an address)
 * becomes corpus/<slug>.md, unless the corpus holds it already.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { parseDocument } from '../corpus/parse.js';
import { detectLanguage } from '../text/language.js';
import { bodyHash, findDuplicate } from './duplicates.js';
import { renderCorpusMarkdown } from './corpus-markdown.js';
import { DEFAULT_FETCH_LIMITS, fetchPage, type FetchLimits } from './fetch-page.js';
import { readHtmlArticle } from './html-article.js';
import { articleSlug, uniqueSlug } from './slug.js';
import { readTextArticle } from './text-article.js';
import { IngestError, type ExtractedArticle } from './types.js';

export interface AddOptions {
  corpusDir: string;
  fetchLimits?: FetchLimits;
  /** Offset a plain-text dateline is printed in. */
  utcOffset?: string;
}

export interface AddResult {
  file: string;
  id: string;
  title: string;
  paragraphs: number;
}

/** The title a page without one gets: its first sentence, marked as such. */
const TITLE_NOTE = '標題取自正文首句,原文未提供標題。';

/** A title and a language for an article whose source gave neither. */
function completed(a: ExtractedArticle): ExtractedArticle {
  if (!a.language) {
    const sample = a.blocks
      .map((b) => b.text)
      .join('\n')
      .slice(0, 4000);
    if (sample) a = { ...a, language: detectLanguage(sample) };
  }
  if (a.title) return a;
  const first = a.blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
  const sentence = /^[^。！？!?]{1,60}[。！？!?]?/u.exec(first)?.[0] ?? first.slice(0, 60);
  return sentence ? { ...a, title: sentence, titleNote: TITLE_NOTE } : a;
}

type Source =
  | { kind: 'html' | 'text'; body: string; url?: string }
  | { kind: 'markdown'; body: string; name: string };

async function readSource(input: string, options: AddOptions): Promise<Source> {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetchPage(input, options.fetchLimits ?? DEFAULT_FETCH_LIMITS);
    return { kind: page.kind, body: page.body, url: page.url };
  }
  let body: string;
  try {
    body = await readFile(input, 'utf8');
  } catch (err) {
    throw new IngestError(
      `cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  if (/\.html?$/i.test(input)) return { kind: 'html', body };
  if (/\.txt$/i.test(input)) return { kind: 'text', body };
  if (/\.md$/i.test(input)) return { kind: 'markdown', body, name: path.basename(input) };
  throw new IngestError(`${input}: expected a .html, .txt or .md file or an http(s) address`);
}

export async function addArticle(input: string, options: AddOptions): Promise<AddResult> {
  const source = await readSource(input, options);
  const corpus = await loadCorpus(options.corpusDir);
  const taken = new Set(
    corpus.documents.flatMap((d) => [d.meta.id, d.meta.file.replace(/\.(md|txt)$/i, '')]),
  );

  let id: string;
  let markdown: string;
  let urls: string[];
  let paragraphs: string[];
  if (source.kind === 'markdown') {
    // Already in the corpus format: checked by the corpus's own parser, written as is.
    const doc = parseDocument(source.name, source.body);
    id = doc.meta.id;
    if (taken.has(id)) throw new IngestError(`the corpus already has an article with id "${id}"`);
    markdown = source.body;
    urls = doc.meta.url ? [doc.meta.url] : [];
    paragraphs = doc.paragraphs.filter((p) => p.kind === 'paragraph').map((p) => p.text);
  } else {
    const read =
      source.kind === 'html'
        ? readHtmlArticle(source.body, source.url ? { pageUrl: source.url } : {})
        : readTextArticle(source.body, { utcOffset: options.utcOffset ?? '+08:00' });
    const article = completed({ ...read, ...(!read.url && source.url ? { url: source.url } : {}) });
    paragraphs = article.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    if (paragraphs.length === 0) throw new IngestError('no paragraphs found in the article');
    urls = [article.url, source.url].filter((u): u is string => u !== undefined);
    id = uniqueSlug(articleSlug({ ...article, hash: bodyHash(paragraphs) }), taken);
    markdown = renderCorpusMarkdown(id, article);
  }

  const duplicate = findDuplicate(corpus.documents, { urls, paragraphs });
  if (duplicate) {
    throw new IngestError(
      `already in the corpus as ${duplicate.file} (same ${duplicate.by === 'url' ? 'address' : 'text'})`,
    );
  }
  const file = `${id}.md`;
  // 'wx': never overwrite, even if a file appeared since the corpus was read.
  await writeFile(path.join(options.corpusDir, file), markdown, { flag: 'wx' });
  const doc = parseDocument(file, markdown);
  return { file, id, title: doc.meta.title, paragraphs: doc.paragraphs.length };
}
