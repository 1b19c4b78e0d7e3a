/**
 * The operations endpoint (HEALTH_PORT): GET /healthz and GET /metrics over node:http.
 * Read-only and unauthenticated, so it listens on 127.0.0.1 unless HEALTH_HOST says otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { HealthReport } from './health.js';
import type { MetricsText } from './metrics.js';

export interface OpsSources {
  health(): Promise<HealthReport>;
  metrics(): Promise<MetricsText>;
}

export interface OpsServer {
  /** The port listened on (HEALTH_PORT, or the one the system chose for port 0). */
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  sources: OpsSources,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://ops').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (pathname === '/healthz') {
    const report = await sources.health();
    sendJson(res, report.ok ? 200 : 503, report);
    return;
  }
  if (pathname === '/metrics') {
    const { contentType, body } = await sources.metrics();
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
    return;
  }
  sendJson(res, 404, { error: 'not found', endpoints: ['/healthz', '/metrics'] });
}

export async function startOpsServer(
  host: string,
  port: number,
  sources: OpsSources,
  log: Logger,
): Promise<OpsServer> {
  const server = createServer((req, res) => {
    route(req, res, sources).catch((err: unknown) => {
      log.error({ err, path: req.url }, 'Health endpoint failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  log.info({ host, port: actual }, `Health and metrics on http://${host}:${actual}/healthz`);
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Scrapers keep connections alive; do not let them hold up shutdown.
        server.closeAllConnections();
      }),
  };
}
