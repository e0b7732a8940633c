import { randomUUID } from 'node:crypto';
import pino from 'pino';

/**
 * Fastify's `genReqId`: every request gets an id of ours, sent back as X-Request-Id (answerHeaders)
 * and carried by the error bodies, the audit log and the access log. It is also put on the Node
 * request, where pino-http (mounted as middleware, which sees the Node request) takes it as it finds it.
 * Never a client's X-Request-Id: it could collide with or impersonate another request, so it is only
 * recorded beside ours (clientRequestIdOf).
 */
export function newRequestId(raw: object): string {
  const id = randomUUID();
  (raw as { id?: string }).id = id;
  return id;
}

/**
 * Whether a request's access-log line (written at info) can be written at this level (pino's own
 * level numbers; `silent` writes nothing). When it cannot, pino-http is not mounted at all: it would
 * still build two child loggers, serialise the request and listen for the end of every response to
 * write nothing (~7 % of a cached panel's CPU).
 */
export function accessLogOn(level: string): boolean {
  if (level === 'silent') return false;
  const info = pino.levels.values.info;
  return (pino.levels.values[level] ?? info) <= info;
}
