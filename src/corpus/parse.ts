/**
 * Parses one corpus file into numbered blocks.
 *
 * Markdown (`.md`): optional YAML front matter; `#`-headings open sections;
 * `<figcaption>…</figcaption>` on its own line is an image caption; the page's
 * dateline, byline and closing notice, kept verbatim, are `<time>…</time>`,
 * `<address>…</address>` and `<small>…</small>` lines (masthead lines, without ¶);
 * every other non-blank line is a paragraph (one line, one paragraph: news copy has
 * no hard-wrapped paragraphs, and keeping lines whole keeps quotes verbatim).
 * Plain text (`.txt`): every non-blank line is a paragraph, no sections, except a
 * dateline ("2025-02-09 11:47") or byline ("【文/觀察者網 楊蓉】") before the first one.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type {
  BlockKind,
  CorpusDocument,
  DocumentMeta,
  MastheadLine,
  MastheadRole,
  Paragraph,
} from './types.js';

const FrontMatter = z
  .object({
    id: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    title_note: z.string().optional(),
    source: z.string().optional(),
    author: z.string().optional(),
    published: z.union([z.string(), z.date()]).optional(),
    language: z.string().optional(),
    url: z.string().url().optional(),
    copyright: z.string().optional(),
  })
  .strict();

export class CorpusFormatError extends Error {
  override name = 'CorpusFormatError';
}

function splitFrontMatter(raw: string): { front: string | null; bodyStart: number } {
  if (!raw.startsWith('---\n')) return { front: null, bodyStart: 0 };
  const close = raw.indexOf('\n---\n', 3);
  if (close < 0) throw new CorpusFormatError('front matter opened with --- but never closed');
  return { front: raw.slice(4, close + 1), bodyStart: close + 5 };
}

/** Masthead lines in Markdown: the element says which line of the page it is. */
const MASTHEAD_TAGS: [RegExp, MastheadRole][] = [
  [/^(<time(?:\s[^>]*)?>)(.*)<\/time>\s*$/, 'dateline'],
  [/^(<address>)(.*)<\/address>\s*$/, 'byline'],
  [/^(<small>)(.*)<\/small>\s*$/, 'notice'],
];

/** A plain-text dateline: a date, optionally a time, alone on its line. */
const TEXT_DATELINE = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;
/** A plain-text byline in the bracketed form Chinese news sites print: 【文/觀察者網 楊蓉】. */
const TEXT_BYLINE = /^[【[]\s*(?:文|記者|记者|作者|編譯|编译|撰文)\s*[/／:：|｜].{1,40}[】\]]$/u;

/** The masthead role of a plain-text line above the first paragraph, if it is one. */
export function mastheadRoleOfText(line: string): MastheadRole | null {
  if (TEXT_DATELINE.test(line)) return 'dateline';
  if (TEXT_BYLINE.test(line)) return 'byline';
  return null;
}

function idFromFile(file: string): string {
  return file.replace(/\.(md|txt)$/i, '');
}

export function parseDocument(file: string, raw: string): CorpusDocument {
  const text = raw.replace(/\r\n?/g, '\n');
  if (text.length !== raw.length) {
    // Offsets must index the bytes on disk; CRLF files would shift them.
    throw new CorpusFormatError(`${file}: use LF line endings`);
  }
  const isMarkdown = /\.md$/i.test(file);
  const { front, bodyStart } = isMarkdown ? splitFrontMatter(text) : { front: null, bodyStart: 0 };
  let fm: z.infer<typeof FrontMatter> = {};
  if (front !== null) {
    const parsed = FrontMatter.safeParse(parseYaml(front) ?? {});
    if (!parsed.success) throw new CorpusFormatError(`${file}: front matter: ${parsed.error.message}`);
    fm = parsed.data;
  }
  const id = fm.id ?? idFromFile(file);
  const published =
    fm.published instanceof Date ? fm.published.toISOString() : (fm.published ?? undefined);
  const meta: DocumentMeta = {
    id,
    title: fm.title ?? id,
    language: fm.language ?? 'zh-Hant',
    file,
    ...(fm.title_note !== undefined && { titleNote: fm.title_note }),
    ...(fm.source !== undefined && { source: fm.source }),
    ...(fm.author !== undefined && { author: fm.author }),
    ...(published !== undefined && { published }),
    ...(fm.url !== undefined && { url: fm.url }),
    ...(fm.copyright !== undefined && { copyright: fm.copyright }),
  };

  const paragraphs: Paragraph[] = [];
  const masthead: MastheadLine[] = [];
  const sections: string[] = [];
  let section: string | null = null;
  let offset = bodyStart;
  for (const line of text.slice(bodyStart).split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    let kind: BlockKind = 'paragraph';
    let inner = line;
    let innerStart = lineStart;
    let role: MastheadRole | null = null;
    if (isMarkdown) {
      for (const [pattern, r] of MASTHEAD_TAGS) {
        const m = pattern.exec(line);
        if (!m) continue;
        role = r;
        inner = m[2]!;
        innerStart = lineStart + m[1]!.length;
        break;
      }
      const heading = /^#{1,6}\s+(.*\S)\s*$/.exec(line);
      if (heading) {
        section = heading[1]!;
        sections.push(section);
        continue;
      }
      const caption = /^<figcaption>(.*)<\/figcaption>\s*$/.exec(line);
      if (caption && !role) {
        kind = 'caption';
        inner = caption[1]!;
        innerStart = lineStart + '<figcaption>'.length;
      }
    } else if (paragraphs.length === 0) {
      role = mastheadRoleOfText(line.trim());
    }
    // Leading/trailing blanks are layout, not article text.
    const lead = inner.length - inner.trimStart().length;
    const body = inner.trim();
    if (body === '') continue;
    if (role) {
      masthead.push({ role, text: body, start: innerStart + lead, end: innerStart + lead + body.length });
      continue;
    }
    paragraphs.push({
      doc: id,
      n: paragraphs.length + 1,
      kind,
      section,
      text: body,
      start: innerStart + lead,
      end: innerStart + lead + body.length,
    });
  }
  return { meta, paragraphs, sections, masthead };
}
