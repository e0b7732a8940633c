import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';
import { API_ERROR_CODES, type ApiError, type ApiErrorCode, type ApiErrorDetail } from '@app/contracts';
import { splitMessage } from './messages.js';
import { isDatabaseUnavailable, isInvalidDatabaseValue } from './database-errors.js';
import { FileRejection } from '../spreadsheets/file-rejection.js';
import { JSON_BODY_LIMIT_BYTES } from './body-parser.js';
import { uploadProblem } from './upload-errors.js';

const STATUS_CODES: Record<number, ApiErrorCode> = {
  400: API_ERROR_CODES.BAD_REQUEST, 401: API_ERROR_CODES.UNAUTHENTICATED, 403: API_ERROR_CODES.FORBIDDEN,
  404: API_ERROR_CODES.NOT_FOUND, 409: API_ERROR_CODES.CONFLICT, 413: API_ERROR_CODES.PAYLOAD_TOO_LARGE,
  415: API_ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, 422: API_ERROR_CODES.VALIDATION_FAILED, 429: API_ERROR_CODES.TOO_MANY_REQUESTS,
  503: API_ERROR_CODES.DATABASE_UNAVAILABLE,
};
/** The stable code of an error that did not name its own. */
export const codeForStatus = (status: number): string => STATUS_CODES[status] ?? (status >= 500 ? API_ERROR_CODES.INTERNAL : API_ERROR_CODES.BAD_REQUEST);

/** Chinese and English of the errors that carry no text of their own. */
const TEXT_BY_STATUS: Record<number, [string, string]> = {
  400: ['请求有误', 'Bad request'], 401: ['请先登录', 'Sign-in required'], 403: ['您无权执行此操作', 'Not allowed'],
  404: ['未找到', 'Not found'], 405: ['不支持该请求方法', 'Method not allowed'], 409: ['与当前状态冲突', 'Conflict with the current state'],
  413: ['请求体过大', 'The request body is too large'], 415: ['不支持的内容类型', 'Unsupported content type'],
  422: ['输入有误', 'Validation failed'], 429: ['请求过于频繁', 'Too many requests'],
};
/** Seconds a client should wait before retrying when the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

type Body = Omit<ApiError, 'code'> & { code?: string };

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Gives every error the one shape of the API (libs/contracts/src/errors.ts): a stable `code` on the
 * error and each detail, Chinese in `message`, English in `messageEn`; never internals (no stack, SQL
 * or path). A database that cannot be reached is a 503 with `Retry-After`, not a 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<AuthenticatedRequest>();
    const requestId = request.id != null ? String(request.id) : undefined;
    if (exception instanceof FileRejection) {
      // A refused file keeps its whole body (row errors, counts, batch id): it is already in the API's shape.
      sendError(reply, exception.getStatus(), { ...exception.body, requestId });
      return;
    }
    const body = this.toBody(exception, requestId);
    if (body.statusCode === 503) this.logger.warn({ err: exception, requestId }, 'Database unavailable');
    else if (body.statusCode >= 500) this.logger.error({ err: exception, requestId }, 'Unhandled error');
    const headers: Record<string, string> = {};
    if (body.statusCode === 503) headers['Retry-After'] = String(DATABASE_RETRY_AFTER_SECONDS);
    if (exception instanceof HttpException && body.statusCode === 429) {
      const retry = (exception.getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) headers['Retry-After'] = String(retry);
    }
    sendError(reply, body.statusCode, finish(body), headers);
  }

  private toBody(exception: unknown, requestId: string | undefined): Body {
    // Fastify's own refusals of a request (body too large, no parser for its content type, …):
    // Nest hands them over as an HttpException with the original as its cause.
    const cause = exception instanceof HttpException ? (exception.cause as { code?: unknown } | undefined) : undefined;
    if (cause && typeof cause.code === 'string' && cause.code.startsWith('FST_')) {
      const known = fastifyError(cause.code, requestId);
      if (known) return known;
    }
    const upload = uploadProblem(exception);
    if (upload) {
      return { statusCode: 400, code: API_ERROR_CODES.BAD_REQUEST, message: upload.message, messageEn: upload.messageEn, ...(upload.field ? { params: { field: upload.field } } : {}), requestId };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (exception.cause instanceof SyntaxError && statusCode === 400) {
        return { statusCode, code: API_ERROR_CODES.INVALID_JSON, message: '请求体不是有效的 JSON', messageEn: 'The request body is not valid JSON', requestId };
      }
      const payload = exception.getResponse();
      if (typeof payload === 'string') return { statusCode, ...texts(payload), requestId };
      // The router's own 404 ("Cannot GET /api/v1/…"): no route has this path.
      const noRoute = statusCode === 404 && /^Cannot ([A-Z]+) (.+)$/.exec(exception.message);
      if (noRoute) {
        return { statusCode, code: API_ERROR_CODES.NOT_FOUND, message: `没有这个接口：${noRoute[1]} ${noRoute[2]}`, messageEn: `No such endpoint: ${noRoute[1]} ${noRoute[2]}`, requestId };
      }
      const { message, messageEn, errors, code, params } = payload as { message?: unknown; messageEn?: string; errors?: ApiErrorDetail[]; code?: string; params?: ApiError['params'] };
      const text = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
      const split = texts(text);
      return {
        statusCode,
        ...(code ? { code } : {}),
        message: split.message,
        messageEn: messageEn ?? split.messageEn,
        ...(params ? { params } : {}),
        ...(Array.isArray(errors) ? { errors } : {}),
        requestId,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: API_ERROR_CODES.DATABASE_UNAVAILABLE, message: '数据库暂时不可用，请稍后重试', messageEn: 'The database is unavailable for a moment; please try again', params: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }, requestId };
    }
    if (isInvalidDatabaseValue(exception)) {
      // A value the DTOs let through but PostgreSQL cannot hold (the DTOs should name it; this is the net).
      return { statusCode: 422, code: 'INVALID_VALUE', message: '输入的值超出允许的范围或格式不正确', messageEn: 'A value is out of range or malformed', requestId };
    }
    // Errors of the JSON parser (BodyRefused) and of other middleware carry their HTTP status.
    const status = (exception as { status?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      if (type === 'entity.too.deep') {
        const maxDepth = Number((exception as { maxDepth?: number }).maxDepth);
        const detail = { field: 'body', code: 'TOO_DEEP', params: { maxDepth }, message: `嵌套超过 ${maxDepth} 层`, messageEn: `nested deeper than ${maxDepth} levels` };
        return { statusCode: 422, code: API_ERROR_CODES.VALIDATION_FAILED, message: `请求体嵌套超过 ${maxDepth} 层`, messageEn: `The request body is nested deeper than ${maxDepth} levels`, params: { maxDepth }, errors: [detail], requestId };
      }
      if (type === 'entity.parse.failed') return { statusCode: 400, code: API_ERROR_CODES.INVALID_JSON, message: '请求体不是有效的 JSON', messageEn: 'The request body is not valid JSON', requestId };
      if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        return { statusCode: 415, code: API_ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, message: '不支持的字符集或编码', messageEn: 'Unsupported charset or content encoding', requestId };
      }
      const own = (exception as { code?: unknown }).code;
      return { statusCode: status, ...(typeof own === 'string' && /^[A-Z_]+$/.test(own) ? { code: own } : {}), ...fallbackText(status), requestId };
    }
    return { statusCode: 500, message: '服务器内部错误', messageEn: 'Internal server error', requestId };
  }
}

/** Fastify's refusals in the API's words; the others keep their status with the status's text. */
function fastifyError(code: string, requestId: string | undefined): Body | undefined {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413, code: API_ERROR_CODES.PAYLOAD_TOO_LARGE, params: { limitBytes: JSON_BODY_LIMIT_BYTES, limitMb: megabytes(JSON_BODY_LIMIT_BYTES) },
        message: `请求体超过 ${megabytes(JSON_BODY_LIMIT_BYTES)} MB 的上限`, messageEn: `The request body is larger than the limit of ${megabytes(JSON_BODY_LIMIT_BYTES)} MB (${JSON_BODY_LIMIT_BYTES} bytes)`, requestId,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return {
        statusCode: 415, code: API_ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, message: '不支持的内容类型：请求体须为 JSON（文件须以 multipart/form-data 上传）',
        messageEn: 'Unsupported content type: the body must be JSON (files are uploaded as multipart/form-data)', requestId,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { statusCode: 400, code: API_ERROR_CODES.BAD_REQUEST, message: '请求体长度与 Content-Length 不符', messageEn: 'The body does not match its Content-Length', requestId };
    default:
      return undefined;
  }
}

/**
 * Sends an error body; a download that took the Node response over (and failed before its first
 * byte) gets it on that response. Once a response has begun, nothing more can be said: it ends.
 */
function sendError(reply: FastifyReply, status: number, body: object, headers: Record<string, string> = {}): void {
  const raw = reply.raw;
  if (raw.headersSent) {
    raw.end();
    return;
  }
  if (reply.sent) {
    const text = JSON.stringify(body);
    raw.removeHeader('Content-Disposition');
    raw.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    raw.end(text);
    return;
  }
  // A download's own headers must not describe the error body.
  reply.removeHeader('Content-Disposition');
  reply.headers(headers).status(status).type('application/json; charset=utf-8').send(body);
}

function fallbackText(status: number): { message: string; messageEn: string } {
  const [zh, en] = TEXT_BY_STATUS[status] ?? ['请求有误', 'Bad request'];
  return { message: zh, messageEn: en };
}

/** "English / 中文" → message (Chinese) and messageEn (English). */
function texts(text: string): { message: string; messageEn: string } {
  const { zh, en } = splitMessage(text);
  return { message: zh ?? en ?? '', messageEn: en ?? zh ?? '' };
}

/** Every detail gets a code and both languages; the error its code. */
function finish(body: Body): ApiError {
  const errors = body.errors?.map((detail) => {
    const { message, messageEn } = texts(String(detail.message ?? ''));
    return {
      ...detail,
      code: detail.code ?? (detail.row != null ? 'INVALID_CELL' : 'INVALID'),
      message,
      messageEn: detail.messageEn ?? messageEn,
    };
  });
  const fallback = fallbackText(body.statusCode);
  return {
    statusCode: body.statusCode,
    code: body.code || codeForStatus(body.statusCode),
    message: body.message || fallback.message,
    messageEn: body.messageEn || fallback.messageEn,
    ...(body.params ? { params: body.params } : {}),
    ...(errors ? { errors } : {}),
    requestId: body.requestId,
  };
}
