/**
 * Paragraphs → passages. A passage is what the indexes rank and what a quote is cut
 * from, so it must stay verbatim and know where it came from.
 *
 * - A paragraph longer than `maxChars` is split at sentence ends into pieces of at
 *   most `maxChars` (a single longer sentence stays whole: cutting it would quote
 *   half a sentence).
 * - A piece shorter than `minChars` (a caption, a one-line aside) is merged with the
 *   following piece in the same section, or the preceding one when it is last.
 */
import { splitSentences } from '../text/sentences.js';
import type { CorpusDocument, DocumentMeta, Paragraph, Passage } from './types.js';

export interface ChunkOptions {
  maxChars: number;
  minChars: number;
}

export type PassageDraft = Omit<Passage, 'id'>;

function splitParagraph(p: Paragraph, maxChars: number): PassageDraft[] {
  const base = {
    doc: p.doc,
    section: p.section,
    kind: p.kind,
    tags: p.kind === 'caption' ? ['caption' as const] : [],
    paragraphs: [p.n],
    paragraphStarts: [0],
  };
  if (p.text.length <= maxChars) return [{ ...base, text: p.text, start: p.start, end: p.end }];
  const pieces: PassageDraft[] = [];
  let from = 0;
  let to = 0;
  for (const s of splitSentences(p.text)) {
    if (to > from && s.end - from > maxChars) {
      pieces.push({ ...base, text: p.text.slice(from, to), start: p.start + from, end: p.start + to });
      from = s.start;
    }
    to = s.end;
  }
  if (to > from) pieces.push({ ...base, text: p.text.slice(from, to), start: p.start + from, end: p.start + to });
  return pieces;
}

function merge(a: PassageDraft, b: PassageDraft): PassageDraft {
  // Pieces of one paragraph are adjacent in the source and join as they were; separate
  // blocks are shown on separate lines.
  const continues = a.paragraphs.at(-1) === b.paragraphs[0];
  const joint = continues ? '' : '\n';
  const offset = a.text.length + joint.length;
  const paragraphs = [...a.paragraphs];
  const paragraphStarts = [...a.paragraphStarts];
  b.paragraphs.forEach((n, i) => {
    if (i === 0 && continues) return;
    paragraphs.push(n);
    paragraphStarts.push(offset + b.paragraphStarts[i]!);
  });
  return {
    doc: a.doc,
    section: a.section,
    kind: a.kind === 'caption' && b.kind === 'caption' ? 'caption' : 'paragraph',
    tags: [...new Set([...a.tags, ...b.tags])],
    paragraphs,
    paragraphStarts,
    text: a.text + joint + b.text,
    start: a.start,
    end: b.end,
  };
}

/**
 * Masthead lines that stand together (the dateline over the byline) make one passage,
 * so "who wrote it, and when" is one quote. They are never merged with body text.
 */
function mastheadPassages(doc: CorpusDocument): PassageDraft[] {
  const out: PassageDraft[] = [];
  for (const line of doc.masthead) {
    const prev = out.at(-1);
    const between = prev ? doc.paragraphs.some((p) => p.start > prev.end && p.end < line.start) : true;
    if (prev && !between) {
      out[out.length - 1] = { ...prev, text: `${prev.text}\n${line.text}`, end: line.end };
      continue;
    }
    out.push({
      doc: doc.meta.id,
      section: null,
      kind: 'masthead',
      tags: ['masthead'],
      paragraphs: [],
      paragraphStarts: [],
      text: line.text,
      start: line.start,
      end: line.end,
    });
  }
  return out;
}

export function chunkDocument(doc: CorpusDocument, options: ChunkOptions): PassageDraft[] {
  const pieces = doc.paragraphs.flatMap((p) => splitParagraph(p, options.maxChars));
  const out: PassageDraft[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const next = pieces[i + 1];
    if (piece.text.length < options.minChars && next && next.section === piece.section) {
      pieces[i + 1] = merge(piece, next);
      continue;
    }
    const prev = out.at(-1);
    if (piece.text.length < options.minChars && prev && prev.section === piece.section) {
      out[out.length - 1] = merge(prev, piece);
      continue;
    }
    out.push(piece);
  }
  // In reading order: the dateline and byline first, a closing notice last.
  return [...mastheadPassages(doc), ...out].sort((a, b) => a.start - b.start);
}

/** The text that gets embedded: title and section give the model context the bare passage lacks. */
export function embeddingText(p: PassageDraft, meta: DocumentMeta): string {
  return [meta.title, p.section, p.text].filter(Boolean).join('\n');
}
