/**
 * A file name (and id) for a new article, in the seed's style:
 * <site>-<date>-<words>, e.g. guancha-2025-02-09-deepseek-talent. Chinese titles
 * give no Latin words, so the words come from the title's Latin part, the page
 * address, or else a short hash of the text; the id must be stable and readable
 * in a citation, not a translation.
 */

function ascii(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 0);
}

function siteWord(url: string | undefined, source: string | undefined): string | undefined {
  if (url) {
    try {
      const labels = new URL(url).hostname.toLowerCase().split('.');
      const skip = new Set(['www', 'm', 'news', 'mobile', 'amp']);
      const word = labels.slice(0, -1).find((l) => !skip.has(l) && /^[a-z0-9-]+$/.test(l));
      if (word) return word;
    } catch {
      // Not an address: fall back to the source's name.
    }
  }
  const words = source ? ascii(source) : [];
  return words.length > 0 ? words.slice(0, 2).join('-') : undefined;
}

function pathWords(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    return ascii(last.replace(/\.(?:s?html?|php|aspx?)$/i, '')).slice(0, 6);
  } catch {
    return [];
  }
}

export interface SlugInput {
  title?: string;
  url?: string;
  source?: string;
  published?: string;
  /** Hex digest of the body: the last resort for words. */
  hash: string;
}

export function articleSlug(a: SlugInput): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(a.published ?? '')?.[0];
  let words = ascii(a.title ?? '').slice(0, 5);
  if (words.length === 0) words = pathWords(a.url);
  if (words.length === 0) words = [a.hash.slice(0, 8)];
  const parts = [siteWord(a.url, a.source), date, ...words].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return parts.join('-').replace(/-+/g, '-').slice(0, 80).replace(/-$/, '');
}

/** `slug`, or slug-2, slug-3 … when taken. */
export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}
