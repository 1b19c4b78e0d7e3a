/** An article as read from a page or a text file, before it becomes a corpus file. */

export type ArticleBlockKind = 'heading' | 'paragraph' | 'caption';

export interface ArticleBlock {
  kind: ArticleBlockKind;
  /** Verbatim text, on one line. */
  text: string;
}

export interface ExtractedArticle {
  title?: string;
  /** Says where the title came from when the source gave none. */
  titleNote?: string;
  author?: string;
  /** The publication (site name). */
  source?: string;
  /** ISO 8601, with an offset when the source gives one. */
  published?: string;
  /** Canonical address of the article. */
  url?: string;
  language?: string;
  /** The page's own dateline, byline and closing notice lines, verbatim. */
  dateline?: string;
  byline?: string;
  notice?: string;
  blocks: ArticleBlock[];
}

/** A refusal the user can act on (not a bug): a duplicate, a page that is not an article… */
export class IngestError extends Error {
  override name = 'IngestError';
}
