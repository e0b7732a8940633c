import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import pino from 'pino';

/**
 * First in the chain: every request gets an id of ours, sent back as X-Request-Id and carried by
 * the error bodies, the audit log and the access log (pino-http takes `request.id` as it finds it).
 * Never a client's X-Request-Id: it could collide with or impersonate another request, so it is
 * only recorded beside ours (clientRequestIdOf). Its own middleware, not pino-http's genReqId, so
 * that requests have ids when the access log is off (LOG_LEVEL above info).
 */
export function requestIds(): (request: IncomingMessage & { id?: unknown }, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const id = randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
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
