import { type INestApplication } from '@nestjs/common';
import { json, urlencoded } from 'express';
import { MAX_INPUT_DEPTH } from './input-text.js';

/** The largest JSON (or form) body the api reads; a 413 says this limit. The largest DTO (a 自评表 to check) is far below it. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** Thrown by the JSON parser's `verify` for a body nested deeper than MAX_INPUT_DEPTH (thousands of levels answered 500). */
export class JsonTooDeepError extends Error {
  readonly status = 422;
  readonly type = 'entity.too.deep';
  readonly code = 'TOO_DEEP';
  constructor(readonly maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels`);
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

/** JSON and form bodies with a size and a depth limit, instead of Nest's defaults (100 kB, any depth). */
export function useBodyParsers(app: INestApplication): void {
  app.use(
    json({
      limit: JSON_BODY_LIMIT_BYTES,
      verify: (_request, _response, body) => {
        if (jsonDepth(body, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) throw new JsonTooDeepError(MAX_INPUT_DEPTH);
      },
    }),
  );
  app.use(urlencoded({ extended: false, limit: JSON_BODY_LIMIT_BYTES, parameterLimit: 1000 }));
}
