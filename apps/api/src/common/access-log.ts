import { type IncomingMessage } from 'node:http';
import { type Params } from 'nestjs-pino';
import pino from 'pino';
import { clientRequestIdOf } from './request-context.js';

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

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * The path of a request as the client sent it. pino-http runs as middleware and sees the Node
 * request, whose `url` the middleware layer cuts to '/' when it matches a route prefix;
 * `originalUrl` keeps the whole one (without it every line said "/" and no line was written).
 */
const requestPath = (request: LoggedRequest): string => request.originalUrl ?? request.url ?? '';

/** pino-http's settings: one line per API request (not the health check, not the dashboard's files). */
export function accessLogOptions(level: string): Extract<Params['pinoHttp'], { genReqId?: unknown }> {
  return {
    level,
    // The request's id is ours (newRequestId put it on the Node request); a client's X-Request-Id is only logged beside it.
    genReqId: (request) => String((request as LoggedRequest).id),
    customProps: (request) => {
      const clientRequestId = clientRequestIdOf(request.headers['x-request-id']);
      return clientRequestId ? { clientRequestId } : {};
    },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: { ignore: (request) => requestPath(request) === '/api/health' || !requestPath(request).startsWith('/api') },
    serializers: { req: (request: LoggedRequest) => ({ id: request.id, method: request.method, url: requestPath(request) }) },
  };
}
