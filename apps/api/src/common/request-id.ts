import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';

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

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * Whether a request's access-log line (written at info) can be written at this level. When it
 * cannot, pino-http is not mounted at all: it would still build two child loggers, serialise the
 * request and listen for the end of every response to write nothing (~7 % of a cached panel's CPU).
 */
export function accessLogOn(level: string): boolean {
  return (LEVELS[level] ?? LEVELS.info) <= LEVELS.info;
}
