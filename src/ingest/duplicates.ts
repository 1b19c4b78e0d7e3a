/**
 * Whether an article is already in the corpus: the same address, or the same body
 * text. Text is compared by a hash of its paragraphs in a light normal form (NFKC,
 * case, no blanks), so the same article read from its page and from a copied text
 * file matches, whatever line breaks or full-width characters the copy has.
 */
import { createHash } from 'node:crypto';
import type { CorpusDocument } from '../corpus/types.js';

export function bodyHash(paragraphs: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paragraphs)
    h.update(p.normalize('NFKC').toLowerCase().replace(/\s+/gu, '')).update('\n');
  return h.digest('hex');
}

/** One spelling per address: no fragment, no tracking parameters, no trailing slash, host in lower case. */
export function urlKey(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) {
      if (/^(?:utm_|spm$|from$|share)/i.test(name)) u.searchParams.delete(name);
    }
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
    const path = u.pathname.replace(/\/+$/, '') || '/';
    return `${u.hostname}${path}${u.search}`;
  } catch {
    return undefined;
  }
}

export interface Duplicate {
  /** The corpus file that holds the article already. */
  file: string;
  by: 'url' | 'text';
}

export function findDuplicate(
  corpus: readonly CorpusDocument[],
  candidate: { urls: readonly string[]; paragraphs: readonly string[] },
): Duplicate | null {
  const wanted = new Set(candidate.urls.map(urlKey).filter((k): k is string => k !== undefined));
  const hash = candidate.paragraphs.length > 0 ? bodyHash(candidate.paragraphs) : null;
  for (const doc of corpus) {
    const key = doc.meta.url === undefined ? undefined : urlKey(doc.meta.url);
    if (key !== undefined && wanted.has(key)) return { file: doc.meta.file, by: 'url' };
  }
  if (hash === null) return null;
  for (const doc of corpus) {
    const body = doc.paragraphs.filter((p) => p.kind === 'paragraph').map((p) => p.text);
    if (bodyHash(body) === hash) return { file: doc.meta.file, by: 'text' };
  }
  return null;
}
