import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedCall } from './calls.js';
import { ApiError } from './errors.js';
import type { UploadedFile } from './messages.js';

export const API_PREFIX = '/api/v10';

/** A request as the routes see it: body already parsed, whatever its encoding. */
export interface ParsedRequest {
  method: string;
  /** Path without API_PREFIX when it had one. */
  path: string;
  versioned: boolean;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

export interface Reply {
  status: number;
  json?: unknown;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses a multipart body with the platform's own form-data parser (the WHATWG Request in Node), the
 * way discord.js builds it: `payload_json` holds the JSON body, `files[n]` the uploads.
 */
async function parseMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  const form = await new Request('http://stand-in/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const files: UploadedFile[] = [];
  let body: unknown = null;
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === 'payload_json') body = JSON.parse(value) as unknown;
      else fields[name] = value;
    } else {
      files.push({ field: name, filename: value.name, contentType: value.type, size: value.size });
    }
  }
  // Without payload_json, Discord reads plain form fields as the body.
  if (body === null && Object.keys(fields).length > 0) body = fields;
  return { body, files };
}

function invalidJson(): ApiError {
  return new ApiError(400, 50109, 'The request body contains invalid JSON.');
}

export async function parseRequest(
  req: IncomingMessage,
): Promise<{ request: ParsedRequest; error?: ApiError }> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const versioned = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const rawPath = versioned ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
  const request: ParsedRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    versioned,
    query: Object.fromEntries(url.searchParams.entries()),
    headers,
    body: null,
    files: [],
  };
  const raw = await readAll(req);
  if (raw.length === 0) return { request };
  const contentType = headers['content-type'] ?? '';
  try {
    if (contentType.startsWith('multipart/form-data')) {
      Object.assign(request, await parseMultipart(raw, contentType));
    } else if (contentType.startsWith('application/json')) {
      request.body = JSON.parse(raw.toString('utf8')) as unknown;
    } else {
      request.body = raw.toString('utf8');
    }
  } catch {
    request.body = raw.toString('utf8');
    return { request, error: invalidJson() };
  }
  return { request };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function toCall(request: ParsedRequest, status: number, at: number): RecordedCall {
  return {
    method: request.method,
    // Decoded so tests can write `/messages/@original` rather than `%40original`.
    path: request.path.split('/').map(decodeSegment).join('/'),
    query: request.query,
    body: request.body,
    files: request.files,
    headers: request.headers,
    status,
    at,
  };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.json === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
