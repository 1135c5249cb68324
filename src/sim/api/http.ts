// Small HTTP helpers shared by the handlers: JSON and Status responses, bodies, query flags.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../deep.js';
import { ApiError, errors } from './status-errors.js';

/** The API server's own limit on request bodies (3 MiB, as etcd's object size limit). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError ? error : errors.internal(String((error as Error)?.message ?? error));
  if (!(error instanceof ApiError)) console.error('fluxdeck sim: unexpected error', error);
  sendJson(res, apiError.code, apiError.toStatus());
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Decodes a JSON (or YAML) request body into an object. */
export async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const value = await readDocument(req);
  if (!isRecord(value)) throw errors.badRequest("Object 'Kind' is missing in the request body");
  return value;
}

export async function readDocument(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  const type = mediaType(req);
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`error decoding request body: ${(error as Error).message}`);
  }
}

/** Query flags as the API parses them: `true`/`1` are true. */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '1';
}

/** A non-negative integer query parameter; absent or empty = undefined; garbage = 400. */
export function integer(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw errors.badRequest(`invalid value for ${name}: ${value}`);
  return Number(value);
}
