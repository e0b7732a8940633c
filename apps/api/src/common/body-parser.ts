import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_INPUT_DEPTH } from './input-text.js';

/** The largest JSON body the api reads; a 413 says this limit. The largest DTO (a 自评表 to check) is far below it. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** A body the JSON parser refuses, with the status and the `type` the exception filter answers it by. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 415 | 422,
    readonly type: 'entity.parse.failed' | 'entity.too.deep' | 'charset.unsupported' | 'encoding.unsupported',
    message: string,
    readonly maxDepth?: number,
  ) {
    super(message);
  }
}

/** The nesting depth of a JSON text, counted on the bytes before parsing (strings skipped). */
export function jsonDepth(body: Buffer, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > max) max = depth;
      if (max > stopAbove) return max;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return max;
}

const UTF8 = /^utf-?8$/i;
const SIGNIFICANT = /[^\s\uFEFF]/;

/**
 * A JSON body as the api takes it: UTF-8 only (another charset → 415), no Content-Encoding (415),
 * an empty body is `{}`, the top level an object or an array, nesting at most MAX_INPUT_DEPTH (422,
 * counted before parsing: thousands of levels would overflow the parser's stack).
 */
export function parseJsonBody(body: Buffer, headers: { 'content-type'?: string; 'content-encoding'?: string }): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1];
  if (charset && !UTF8.test(charset)) throw new BodyRefused(415, 'charset.unsupported', `unsupported charset "${charset.toUpperCase()}"`);
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') throw new BodyRefused(415, 'encoding.unsupported', `unsupported content encoding "${encoding}"`);
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  const first = SIGNIFICANT.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new BodyRefused(400, 'entity.parse.failed', 'the top level of a JSON body must be an object or an array');
  if (jsonDepth(body, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) throw new BodyRefused(422, 'entity.too.deep', `JSON nested deeper than ${MAX_INPUT_DEPTH} levels`, MAX_INPUT_DEPTH);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new BodyRefused(400, 'entity.parse.failed', 'not valid JSON');
  }
}

/**
 * JSON bodies with a size limit (JSON_BODY_LIMIT_BYTES → 413, Fastify's own check) and the rules of
 * parseJsonBody. Nothing else is parsed: a form or text body is refused with 415 (the api speaks
 * JSON, and files come as multipart, which the upload interceptors read).
 */
export function useBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's own JSON and text parsers go: the JSON one refuses an empty body and knows no depth limit.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT_BYTES }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer, request.headers as Parameters<typeof parseJsonBody>[1]));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
