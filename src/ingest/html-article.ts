/**
 * Reads a news page: @mozilla/readability finds the article body on a linkedom DOM
 * (see bench/dom-compare.ts for why linkedom rather than jsdom), and the page's
 * metadata gives what readability does not: the published time from
 * article:published_time, a JSON-LD NewsArticle or a <time>, the canonical URL.
 * The body becomes headings, paragraphs and figure captions in reading order, each
 * the text a reader sees (HTML whitespace collapsed), character for character.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { detectLanguage } from '../text/language.js';
import { bylineParts, isBreadcrumb, isNotice, mastheadRoleOfText } from './masthead.js';
import { IngestError, type ArticleBlock, type ExtractedArticle } from './types.js';

/** The slice of the DOM this module reads; linkedom and jsdom both provide it. */
interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Makes a DOM from HTML; linkedom by default. */
export type DomParser = (html: string) => DomDocument;

/** linkedom's typings assume the DOM library, which this Node project does not load. */
const parseLinkedom = parseHTML as unknown as (html: string) => { document: DomDocument };
const linkedomParser: DomParser = (html) => parseLinkedom(html).document;

export interface HtmlReadOptions {
  /** Where the page came from: resolves a relative canonical link, and is the fallback URL. */
  pageUrl?: string;
  parse?: DomParser;
}

/** HTML collapses runs of blanks to one space when it renders; what a reader sees is the text. */
function visibleText(el: DomElement): string {
  return (el.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
}

function meta(doc: DomDocument, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el =
      doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
  url?: string;
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting)$/;

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => n !== undefined);
    return names.length > 0 ? names.join('、') : undefined;
  }
  if (value && typeof value === 'object' && 'name' in value) return nameOf(value.name);
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The first NewsArticle (or Article) in the page's JSON-LD, through @graph and arrays. */
function jsonLdArticle(doc: DomDocument): JsonLdArticle {
  const queue: unknown[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      queue.push(JSON.parse(script.textContent ?? '') as unknown);
    } catch {
      // A broken block on a page is common and says nothing about the article.
    }
  }
  while (queue.length > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...(item as unknown[]));
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      if ('@graph' in o) queue.push(o['@graph']);
      const type = o['@type'];
      const types = Array.isArray(type) ? type : [type];
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) {
        const found: JsonLdArticle = {};
        const headline = text(o.headline);
        const datePublished = text(o.datePublished);
        const author = nameOf(o.author);
        const publisher = nameOf(o.publisher);
        const url = text(o.url) ?? text(o.mainEntityOfPage);
        if (headline) found.headline = headline;
        if (datePublished) found.datePublished = datePublished;
        if (author) found.author = author;
        if (publisher) found.publisher = publisher;
        if (url) found.url = url;
        return found;
      }
    }
  }
  return {};
}

function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page's first <time> element: its machine date and the text it shows. */
function firstTime(doc: DomDocument): { datetime?: string; shown?: string } {
  const el = doc.querySelector('time');
  if (!el) return {};
  const datetime = el.getAttribute('datetime')?.trim();
  const shown = visibleText(el);
  return { ...(datetime && { datetime }), ...(shown && { shown }) };
}

const BLOCK_KIND: Record<string, ArticleBlock['kind']> = {
  H1: 'heading',
  H2: 'heading',
  H3: 'heading',
  H4: 'heading',
  H5: 'heading',
  H6: 'heading',
  P: 'paragraph',
  LI: 'paragraph',
  FIGCAPTION: 'caption',
};

/** Headings, paragraphs and captions in document order; a block's inside is not read again. */
function blocksOf(root: DomElement): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  const walk = (el: DomElement) => {
    const kind = BLOCK_KIND[el.tagName.toUpperCase()];
    if (kind) {
      const t = visibleText(el);
      if (t) blocks.push({ kind, text: t });
      return;
    }
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(root);
  return blocks;
}

export function readHtmlArticle(html: string, options: HtmlReadOptions = {}): ExtractedArticle {
  const parse = options.parse ?? linkedomParser;
  const doc = parse(html);
  // Metadata first: readability rewrites the document as it works.
  const ld = jsonLdArticle(doc);
  const time = firstTime(doc);
  const published = meta(doc, 'article:published_time') ?? ld.datePublished ?? time.datetime;
  const canonical =
    absoluteUrl(
      doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined,
      options.pageUrl,
    ) ??
    absoluteUrl(meta(doc, 'og:url'), options.pageUrl) ??
    absoluteUrl(ld.url, options.pageUrl) ??
    absoluteUrl(options.pageUrl, undefined);
  const pageLang = doc.documentElement.getAttribute('lang') ?? undefined;
  const h1El = doc.querySelector('h1');
  const h1 = h1El ? visibleText(h1El) : undefined;

  // Readability's typings name DOM types this project does not load; its serializer
  // hands back the content element itself, so the body is not parsed a second time.
  const asElement = (node: unknown) => node as DomElement;
  const reader = new Readability<DomElement>(doc, { serializer: asElement });
  const parsed = reader.parse();
  if (!parsed?.content) throw new IngestError('no article body found on the page');

  const article: ExtractedArticle = { blocks: [] };
  const { title, siteFromTitle } = titleOf(
    ld.headline ?? text(parsed.title) ?? meta(doc, 'og:title'),
    h1,
  );
  if (title) article.title = title;
  const blocks = takeMasthead(blocksOf(parsed.content), article, title);

  // Readability lifts a byline element out of the body; a bracketed one is a masthead line.
  const byline = text(parsed.byline);
  if (byline && !article.byline && mastheadRoleOfText(byline) === 'byline') article.byline = byline;
  const fromByline = article.byline ? bylineParts(article.byline) : {};
  const author = ld.author ?? meta(doc, 'author', 'article:author') ?? fromByline.author ?? byline;
  const source =
    meta(doc, 'og:site_name') ??
    ld.publisher ??
    fromByline.source ??
    text(parsed.siteName) ??
    siteFromTitle;
  if (author) article.author = author;
  if (source) article.source = source;
  if (!article.dateline && time.shown && mastheadRoleOfText(time.shown) === 'dateline') {
    article.dateline = time.shown;
  }
  if (published) article.published = published;
  if (canonical) article.url = canonical;
  article.language = languageOf(pageLang, blocks);
  article.blocks = blocks;
  return article;
}

/**
 * "城市書房夜讀活動滿一年 | 北岸週報" with an <h1> that reads 城市書房夜讀活動滿一年: the
 * headline is the <h1>, and what the <title> adds after a separator is the site.
 */
function titleOf(
  title: string | undefined,
  h1: string | undefined,
): { title?: string; siteFromTitle?: string } {
  if (!title) return h1 ? { title: h1 } : {};
  if (!h1 || h1 === title || !title.startsWith(h1)) return { title };
  const site = /^\s*[|\-_–—·:：]\s*(.+)$/u.exec(title.slice(h1.length))?.[1]?.trim();
  return site ? { title: h1, siteFromTitle: site } : { title };
}

/**
 * Lines before the first paragraph that are the breadcrumb, dateline or byline,
 * and a closing rights notice: masthead lines, not body text.
 */
function takeMasthead(
  blocks: ArticleBlock[],
  article: ExtractedArticle,
  title: string | undefined,
): ArticleBlock[] {
  const rest = [...blocks];
  while (rest.length > 0) {
    const line = rest[0]!.text;
    // Readability keeps the title as a heading when the page repeats it above the body.
    if (rest[0]!.kind === 'heading' && line === title) {
      rest.shift();
      continue;
    }
    if (rest[0]!.kind !== 'paragraph') break;
    const role = mastheadRoleOfText(line);
    if (role === 'dateline' && !article.dateline) article.dateline = line;
    else if (role === 'byline' && !article.byline) article.byline = line;
    else if (!isBreadcrumb(line)) break;
    rest.shift();
  }
  const last = rest[rest.length - 1];
  if (last?.kind === 'paragraph' && isNotice(last.text)) {
    article.notice = last.text;
    rest.pop();
  }
  return rest;
}

/** zh-Hant or zh-Hans from the text itself (pages often say only "zh"), else the page's own tag. */
function languageOf(pageLang: string | undefined, blocks: ArticleBlock[]): string | undefined {
  const sample = blocks
    .map((b) => b.text)
    .join('\n')
    .slice(0, 4000);
  const detected = sample ? detectLanguage(sample) : undefined;
  if (detected === 'zh-Hant' || detected === 'zh-Hans') return detected;
  return pageLang || detected;
}
