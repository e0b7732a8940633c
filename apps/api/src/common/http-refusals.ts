import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { API_ERROR_CODES } from '@app/contracts';
import { answerHeaders } from './security-headers.js';

/**
 * What Fastify refuses before any route, hook or Nest filter runs, in the API's one error shape
 * (otherwise Fastify answers in its own: `{"error":"Bad Request","message":"Client Error"}`).
 */

const headersOf = answerHeaders();

/**
 * The router's refusals (Fastify's `frameworkErrors`): a URL that cannot be percent-decoded (path
 * parameters are never too long: maxParamLength is the request line's own bound). The request id and
 * the security headers as on every answer.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  headersOf(request, reply, () => undefined);
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  void reply
    .status(400)
    .type('application/json; charset=utf-8')
    .send({
      statusCode: 400,
      code: API_ERROR_CODES.BAD_REQUEST,
      message: badUrl ? '请求地址中有无法解码的字符（百分号编码有误）' : '请求地址有误，无法读取',
      messageEn: badUrl ? 'The request path has characters that cannot be decoded (bad percent-encoding)' : 'The request path is malformed and cannot be read',
      requestId: request.id,
    });
}

/** Node's parser errors by code: status, code, Chinese and English; anything else is a malformed request. */
const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求超时：请求没有在规定时间内传完', 'Request timeout: the request did not arrive in time'],
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头过大', 'The request headers are too large'],
};
const MALFORMED: [number, string, string, string] = [400, API_ERROR_CODES.BAD_REQUEST, '请求格式有误，无法读取', 'The request is malformed and cannot be read'];

/**
 * A request Node's HTTP parser refuses (malformed, a body shorter than its Content-Length, headers
 * too large, too slow): there is no request object, so the answer is written on the socket.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message, messageEn] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ statusCode: status, code, message, messageEn });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
