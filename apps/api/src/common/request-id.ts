import { randomUUID } from 'node:crypto';

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
