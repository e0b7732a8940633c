import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';
import { FileRejection } from '../spreadsheets/file-rejection.js';
import { API_ERROR_CODES, type ApiError, type ApiErrorCode } from '@app/contracts';

/** Gives every error the one shape of the API, `{statusCode, message, errors?, requestId}`; never leaks internals. */
const STATUS_CODES: Record<number, ApiErrorCode> = {
  400: API_ERROR_CODES.BAD_REQUEST, 401: API_ERROR_CODES.UNAUTHENTICATED, 403: API_ERROR_CODES.FORBIDDEN,
  404: API_ERROR_CODES.NOT_FOUND, 409: API_ERROR_CODES.CONFLICT, 413: API_ERROR_CODES.PAYLOAD_TOO_LARGE,
  415: API_ERROR_CODES.UNSUPPORTED_MEDIA_TYPE, 422: API_ERROR_CODES.VALIDATION_FAILED, 429: API_ERROR_CODES.TOO_MANY_REQUESTS,
};
/** The stable code of an error that did not name its own. */
export const codeForStatus = (status: number): string => STATUS_CODES[status] ?? (status >= 500 ? API_ERROR_CODES.INTERNAL : API_ERROR_CODES.BAD_REQUEST);

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<AuthenticatedRequest>();
    const requestId = request.id != null ? String(request.id) : undefined;
    if (exception instanceof FileRejection) {
      // A refused file keeps its whole body (row errors, counts, batch id): it is already in the API's shape.
      response.status(exception.getStatus()).json({ ...exception.body, requestId });
      return;
    }
    const body = this.toBody(exception, requestId);
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId }, 'Unhandled error');
    if (exception instanceof HttpException && body.statusCode === 429) {
      const retry = (exception.getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) response.setHeader('Retry-After', String(retry));
    }
    response.status(body.statusCode).json({ ...body, code: body.code || codeForStatus(body.statusCode) });
  }

  private toBody(exception: unknown, requestId: string | undefined): Omit<ApiError, 'code'> & { code?: string } {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (exception.cause instanceof SyntaxError && statusCode === 400) {
        return { statusCode, message: 'The request body is not valid JSON / 请求体不是有效的 JSON', requestId };
      }
      const payload = exception.getResponse();
      if (typeof payload === 'string') return { statusCode, message: payload, requestId };
      const { message, errors, code, messageEn, params } = payload as Partial<ApiError> & { message?: unknown };
      return {
        statusCode,
        ...(code ? { code } : {}),
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        ...(messageEn ? { messageEn } : {}),
        ...(params ? { params } : {}),
        ...(errors ? { errors } : {}),
        requestId,
      };
    }
    // Errors of the body parser and other middleware carry their HTTP status.
    const status = (exception as { status?: unknown; statusCode?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message =
        type === 'entity.parse.failed' ? 'The request body is not valid JSON / 请求体不是有效的 JSON'
        : type === 'entity.too.large' ? 'The request body is too large / 请求体过大'
        : String((exception as Error).message ?? 'Bad request');
      return { statusCode: status, message, requestId };
    }
    return { statusCode: 500, message: 'Internal server error / 服务器内部错误', requestId };
  }
}
