import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type IncomingMessage } from 'node:http';
import { accessLogOn, accessLogOptions } from './access-log.js';
import { newRequestId } from './request-id.js';
import { answerHeaders, securityHeaders } from './security-headers.js';

describe('request ids, security headers and the access log', () => {
  it('should give every request a new id of ours, on the Node request and sent back as X-Request-Id with the security headers, whatever the client sent', () => {
    const hook = answerHeaders();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const raw: { headers: Record<string, string>; id?: unknown } = { headers: { 'x-request-id': 'client-chosen' } };
      const id = newRequestId(raw);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(raw.id).toBe(id);
      const headers = new Map<string, unknown>();
      const reply = {
        header: (name: string, value: unknown) => headers.set(name, value),
        headers: (all: Record<string, unknown>) => Object.entries(all).forEach(([name, value]) => headers.set(name, value)),
      } as unknown as FastifyReply;
      let doneCalled = false;
      hook({ id } as FastifyRequest, reply, () => (doneCalled = true));
      expect(doneCalled).toBe(true);
      expect(headers.get('X-Request-Id')).toBe(id);
      expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
      seen.push(id);
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('should work out helmet’s default headers once: the content security policy among them', () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toContain("default-src 'self'");
    expect(headers).toMatchObject({ 'X-Frame-Options': 'SAMEORIGIN', 'Strict-Transport-Security': expect.stringContaining('max-age='), 'Referrer-Policy': 'no-referrer' });
    expect(Object.isFrozen(headers)).toBe(true);
  });

  it('should log API requests with their whole path and our id, whatever the middleware layer did to the Node request’s url', () => {
    const options = accessLogOptions('info');
    const request = (url: string, originalUrl?: string) =>
      ({ url, originalUrl, method: 'GET', id: 'our-id', headers: { 'x-request-id': 'client-1' } }) as unknown as IncomingMessage;
    const ignore = (options.autoLogging as { ignore: (r: IncomingMessage) => boolean }).ignore;
    // The middleware layer cut the url to '/': the line still names the API path.
    expect(ignore(request('/', '/api/v1/panels/monthly?division=510403'))).toBe(false);
    expect((options.serializers as { req: (r: IncomingMessage) => unknown }).req(request('/', '/api/v1/panels/monthly?division=510403'))).toEqual({ id: 'our-id', method: 'GET', url: '/api/v1/panels/monthly?division=510403' });
    expect(ignore(request('/api/health'))).toBe(true);
    expect(ignore(request('/', '/assets/index.js'))).toBe(true);
    expect((options.genReqId as (r: IncomingMessage) => string)(request('/'))).toBe('our-id');
    expect((options.customProps as (r: IncomingMessage) => object)(request('/'))).toEqual({ clientRequestId: 'client-1' });
  });

  it('should write access logs at info and below only (an unknown level counts as the default, info)', () => {
    expect(['trace', 'debug', 'info', 'nonsense'].map(accessLogOn)).toEqual([true, true, true, true]);
    expect(['warn', 'error', 'fatal', 'silent'].map(accessLogOn)).toEqual([false, false, false, false]);
  });
});
