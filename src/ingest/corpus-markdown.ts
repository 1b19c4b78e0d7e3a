/**
 * Writes an article in the corpus's Markdown format (README, "Adding articles"),
 * and proves the result reads back as the same article: the corpus format has no
 * escapes (quotes are cut from the file character for character), so a paragraph
 * that would read as something else, say one starting with "#", is refused rather
 * than silently changed.
 */
import { stringify } from 'yaml';
import { parseDocument } from '../corpus/parse.js';
import type { ArticleBlock, ExtractedArticle } from './types.js';
import { IngestError } from './types.js';

function frontMatter(id: string, a: ExtractedArticle): string {
  // Key order follows the README's example; absent fields are left out.
  const fields: Record<string, string> = { id, title: a.title ?? id };
  if (a.titleNote) fields.title_note = a.titleNote;
  if (a.source) fields.source = a.source;
  if (a.author) fields.author = a.author;
  if (a.published) fields.published = a.published;
  if (a.language) fields.language = a.language;
  if (a.url) fields.url = a.url;
  if (a.notice) fields.copyright = a.notice;
  return stringify(fields, { lineWidth: 0 });
}

function blockLine(b: ArticleBlock): string {
  if (b.kind === 'heading') return `## ${b.text}`;
  if (b.kind === 'caption') return `<figcaption>${b.text}</figcaption>`;
  return b.text;
}

export function renderCorpusMarkdown(id: string, a: ExtractedArticle): string {
  const masthead: string[] = [];
  if (a.dateline) {
    const datetime = a.published ? ` datetime="${a.published.replace(/"/g, '&quot;')}"` : '';
    masthead.push(`<time${datetime}>${a.dateline}</time>`);
  }
  if (a.byline) masthead.push(`<address>${a.byline}</address>`);
  const parts = [`---\n${frontMatter(id, a)}---`];
  if (masthead.length > 0) parts.push(masthead.join('\n'));
  parts.push(...a.blocks.map(blockLine));
  if (a.notice) parts.push(`<small>${a.notice}</small>`);
  const markdown = parts.join('\n\n') + '\n';
  checkReadsBack(`${id}.md`, markdown, a);
  return markdown;
}

/** The written file must parse to exactly the blocks and masthead lines it was written from. */
function checkReadsBack(file: string, markdown: string, a: ExtractedArticle): void {
  const doc = parseDocument(file, markdown);
  const written = a.blocks.filter((b) => b.kind !== 'heading');
  const read = doc.paragraphs;
  const mismatch = written.findIndex(
    (b, i) => read[i]?.text !== b.text || read[i]?.kind !== b.kind,
  );
  if (mismatch >= 0 || read.length !== written.length) {
    const at = mismatch >= 0 ? mismatch : Math.min(read.length, written.length);
    throw new IngestError(
      `paragraph ${at + 1} would not read back verbatim from Markdown ` +
        `(${JSON.stringify((written[at]?.text ?? '').slice(0, 60))}); save the article as .txt or edit it by hand`,
    );
  }
  const headings = a.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
  const mastheads = [a.dateline, a.byline, a.notice].filter((t): t is string => t !== undefined);
  if (
    JSON.stringify(doc.sections) !== JSON.stringify(headings) ||
    JSON.stringify(doc.masthead.map((m) => m.text)) !== JSON.stringify(mastheads)
  ) {
    throw new IngestError('a heading or masthead line would not read back verbatim from Markdown');
  }
}
