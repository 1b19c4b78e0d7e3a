/**
 * Fetches an article page defensively: http(s) only, a deadline for the whole
 * exchange, a cap on the bytes read (checked while streaming, not only from
 * Content-Length), redirects followed by hand up to a limit, and only HTML or plain
 * text accepted. The body is decoded with the charset the server or the page
 * declares, since Chinese sites still serve GBK and Big5.
 */
import { IngestError } from './types.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchedPage {
  /** Address of the page after redirects. */
  url: string;
  kind: 'html' | 'text';
  body: string;
}

const ACCEPTED: Record<string, FetchedPage['kind']> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

function httpUrl(href: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    throw new IngestError(`not a valid address: ${href}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestError(`only http and https addresses can be fetched, not ${url.protocol}`);
  }
  return url;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    throw new IngestError(`the page is ${declared} bytes, more than the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new IngestError(`the page is more than the ${maxBytes}-byte limit`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** The charset from the header, else from a <meta> near the top of the page, else UTF-8. */
function charsetOf(contentType: string, bytes: Uint8Array): string {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
}

function decode(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    throw new IngestError(`the page's character set "${charset}" is not supported`);
  }
}

export async function fetchPage(
  address: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = httpUrl(address);
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9' },
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) throw new IngestError(`redirect ${response.status} without a Location`);
        if (hop >= limits.maxRedirects) {
          throw new IngestError(`more than ${limits.maxRedirects} redirects`);
        }
        url = httpUrl(location, url.href);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new IngestError(`the server answered ${response.status} ${response.statusText}`);
      }
      const contentType = response.headers.get('content-type') ?? '';
      const kind = ACCEPTED[contentType.split(';')[0]!.trim().toLowerCase()];
      if (!kind) {
        await response.body?.cancel().catch(() => undefined);
        throw new IngestError(
          `the page is ${contentType || 'of no declared type'}, not HTML or plain text`,
        );
      }
      const bytes = await readCapped(response, limits.maxBytes);
      return { url: url.href, kind, body: decode(bytes, charsetOf(contentType, bytes)) };
    }
  } catch (err) {
    if (signal.aborted) {
      throw new IngestError(`no complete answer from ${url.host} within ${limits.timeoutMs} ms`);
    }
    throw err;
  }
}
