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

/** A corpus file that cannot be read as an article; `line` is 1-based, where the problem is. */
export class CorpusFormatError extends Error {
  override name = 'CorpusFormatError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

function splitFrontMatter(raw: string): { front: string | null; bodyStart: number } {
  if (!/^---\n/.test(raw)) return { front: null, bodyStart: 0 };
  // A closing fence may end the file without a newline.
  const close = /\n---(?:\n|$)/.exec(raw.slice(3));
  if (!close) throw new CorpusFormatError('front matter opened with --- but never closed', 1);
  const end = 3 + close.index;
  return { front: raw.slice(4, end + 1), bodyStart: Math.min(raw.length, end + 5) };
}

/** The front matter's YAML, checked; errors carry the file's line number. */
function readFrontMatter(front: string): z.infer<typeof FrontMatter> {
  let yaml: unknown;
  try {
    yaml = parseYaml(front) ?? {};
  } catch (err) {
    const at = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const first = ((err as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    // +1: the front matter starts on the file's second line, after the opening ---.
    throw new CorpusFormatError(`front matter is not valid YAML: ${first}`, at !== undefined ? at + 1 : 1);
  }
  const parsed = FrontMatter.safeParse(yaml);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key =
    issue.code === 'unrecognized_keys' ? issue.keys[0] : (issue.path[0] as string | undefined);
  const index = key === undefined ? -1 : front.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  const what = issue.code === 'unrecognized_keys' ? `unknown field "${key}"` : `${key ?? 'front matter'}: ${issue.message}`;
  throw new CorpusFormatError(`front matter: ${what}`, index >= 0 ? index + 2 : 1);
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

function mastheadRoleOfText(line: string): MastheadRole | null {
  if (TEXT_DATELINE.test(line)) return 'dateline';
  if (TEXT_BYLINE.test(line)) return 'byline';
  return null;
}

function idFromFile(file: string): string {
  return file.replace(/\.(md|txt)$/i, '');
}

/**
 * `raw` is the file's text; CRLF and CR line endings are read as LF, so offsets
 * index the text with LF endings (what `decodeText` gives).
 */
export function parseDocument(file: string, raw: string): CorpusDocument {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const isMarkdown = /\.md$/i.test(file);
  const { front, bodyStart } = isMarkdown ? splitFrontMatter(text) : { front: null, bodyStart: 0 };
  let fm: z.infer<typeof FrontMatter> = {};
  if (front !== null) fm = readFrontMatter(front);
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
