/**
 * Reads plain text shaped like the seed article as copied from its page: an
 * optional breadcrumb line, an optional title, the dateline (2025-02-09 11:47) and
 * byline (【文/觀察者網 楊蓉】), then one paragraph per line, perhaps ending with a
 * rights notice. Every body line stays a paragraph, verbatim: plain text cannot
 * tell a heading or a caption from a short paragraph, and guessing wrong would
 * take a paragraph out of the ¶ numbering.
 */
import {
  bylineParts,
  datelineToIso,
  isBreadcrumb,
  isNotice,
  mastheadRoleOfText,
} from './masthead.js';
import type { ExtractedArticle } from './types.js';

export interface TextReadOptions {
  /** Offset the dateline is printed in; Chinese-language news sites print China time. */
  utcOffset: string;
}

/** Lines looked at for a dateline or byline before deciding the text has none. */
const MAX_HEAD_LINES = 3;

export function readTextArticle(raw: string, options: TextReadOptions): ExtractedArticle {
  const lines = raw
    .replace(/^\uFEFF/u, '')
    .split(/\r\n?|\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const article: ExtractedArticle = { blocks: [] };
  // Above the body: breadcrumb, title, dateline and byline, in whatever order the page had.
  const head: string[] = [];
  let i = 0;
  for (; i < lines.length && head.length <= MAX_HEAD_LINES; i++) {
    const line = lines[i]!;
    const role = mastheadRoleOfText(line);
    if (role === 'dateline' && article.dateline === undefined) article.dateline = line;
    else if (role === 'byline' && article.byline === undefined) article.byline = line;
    else if (article.dateline !== undefined || article.byline !== undefined) break;
    else head.push(line);
  }
  let body: string[];
  if (article.dateline === undefined && article.byline === undefined) {
    // No masthead: every line is body, but a breadcrumb never is.
    body = lines.filter((l, k) => k > 0 || !isBreadcrumb(l));
  } else {
    const [title, ...rest] = head.filter((l) => !isBreadcrumb(l));
    if (title !== undefined) article.title = title;
    body = [...rest, ...lines.slice(i)];
  }
  if (body.length > 0 && isNotice(body[body.length - 1]!)) article.notice = body.pop()!;
  article.blocks = body.map((text) => ({ kind: 'paragraph', text }));

  if (article.byline) Object.assign(article, bylineParts(article.byline));
  if (article.dateline) {
    const iso = datelineToIso(article.dateline, options.utcOffset);
    if (iso) article.published = iso;
  }
  return article;
}
