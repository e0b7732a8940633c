import { type IncomingMessage, type ServerResponse } from 'node:http';
import { accessLogOn, requestIds } from './request-id.js';

describe('request ids and the access log', () => {
  it('should give every request a new id of ours, sent back as X-Request-Id, whatever the client sent', () => {
    const middleware = requestIds();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const request = { headers: { 'x-request-id': 'client-chosen' } } as unknown as IncomingMessage & { id?: unknown };
      const headers = new Map<string, unknown>();
      const response = { setHeader: (name: string, value: unknown) => headers.set(name, value) } as unknown as ServerResponse;
      let nextCalled = false;
      middleware(request, response, () => (nextCalled = true));
      expect(nextCalled).toBe(true);
      expect(request.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(headers.get('X-Request-Id')).toBe(request.id);
      seen.push(String(request.id));
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('should write access logs at info and below only (an unknown level counts as the default, info)', () => {
    expect(['trace', 'debug', 'info', 'nonsense'].map(accessLogOn)).toEqual([true, true, true, true]);
    expect(['warn', 'error', 'fatal', 'silent'].map(accessLogOn)).toEqual([false, false, false, false]);
  });
});
