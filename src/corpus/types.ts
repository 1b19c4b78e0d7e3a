/** What the corpus is made of, independent of any index. */

export interface DocumentMeta {
  /** Stable id, from front matter or the file name. Citations use it. */
  id: string;
  /** Descriptive title (the project's, when the source gives none: see titleNote). */
  title: string;
  titleNote?: string;
  source?: string;
  author?: string;
  /** ISO 8601 with offset, e.g. 2025-02-09T11:47:00+08:00. */
  published?: string;
  language: string;
  url?: string;
  copyright?: string;
  /** File name inside corpus/. */
  file: string;
}

export type BlockKind = 'paragraph' | 'caption';

/**
 * Lines of the page that frame the article rather than belong to its body: the
 * dateline (2025-02-09 11:47), the byline (【文/觀察者網 楊蓉】) and a closing notice
 * (本文系觀察者網獨家稿件…). They carry no ¶ number, but they are the article's own
 * words, so a question about who wrote it or when is answered by quoting them.
 */
export type MastheadRole = 'dateline' | 'byline' | 'notice';

export interface MastheadLine {
  role: MastheadRole;
  /** Verbatim text. */
  text: string;
  /** Character range [start, end) of `text` inside the file's text (as read: BOM dropped, LF line endings). */
  start: number;
  end: number;
}

/**
 * A numbered block of a document's body. ¶ numbers count paragraphs and captions
 * in reading order from 1; headings are not numbered, they name sections.
 */
export interface Paragraph {
  doc: string;
  n: number;
  kind: BlockKind;
  /** Heading of the section the block is in; null before the first heading (the lead). */
  section: string | null;
  /** Verbatim text. */
  text: string;
  /** Character range [start, end) of `text` inside the file's text (as read: BOM dropped, LF line endings). */
  start: number;
  end: number;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  paragraphs: Paragraph[];
  sections: string[];
  /** In reading order; empty when the source keeps none. */
  masthead: MastheadLine[];
}

/** A corpus file left out of the build, and why. */
export interface SkippedFile {
  file: string;
  /** 1-based line the problem is on, when it is on one. */
  line?: number;
  problem: string;
}

export interface Corpus {
  documents: CorpusDocument[];
  /** Files that could not be read as articles; the rest was indexed. */
  skipped: SkippedFile[];
  /** sha256 over file names and bytes, in name order; the index records it to know when it is stale. */
  hash: string;
}

/** A passage as stored in the index. */
/** Kinds of text a passage holds that questions name without quoting them. */
export type PassageTag = 'caption' | 'masthead';

export interface Passage {
  /** Position in the index; stable for one index build only. */
  id: number;
  doc: string;
  section: string | null;
  /** "masthead" for the dateline, byline and notice lines, which have no ¶. */
  kind: BlockKind | 'masthead';
  /** What the passage holds besides paragraphs: searched with words that name it ("photo", "作者"). */
  tags: PassageTag[];
  /** ¶ numbers this passage covers (one, or several when short blocks were merged); none for a masthead. */
  paragraphs: number[];
  /** Where each of `paragraphs` begins in `text` (so a quote knows which ¶ it is from). */
  paragraphStarts: number[];
  /** Verbatim text: what gets quoted. */
  text: string;
  /** Character range [start, end) in the document's text as read (first to last block). */
  start: number;
  end: number;
}
