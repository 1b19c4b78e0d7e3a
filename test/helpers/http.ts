import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port nobody listens on now (the system's choice, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * GET `url` until `accept` holds for the response (connection refused counts as not yet),
 * polling; throws with the last status or error after `timeoutMs`. A wait, not a speed test.
 */
export async function getUntil(
  url: string,
  accept: (res: Response) => boolean,
  timeoutMs = 60_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no response';
  for (;;) {
    try {
      const res = await fetch(url);
      if (accept(res)) return res;
      last = `status ${res.status}: ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline)
      throw new Error(`GET ${url} never gave the expected answer (${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
