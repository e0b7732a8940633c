import { type ArgumentsHost, Catch, type ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { type Response } from 'express';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';

/** multer cuts a file past its limit off with a bare "File too large": this says the limit (`@UseFilters(new UploadLimitFilter(bytes))`). */
@Catch(PayloadTooLargeException)
export class UploadLimitFilter implements ExceptionFilter {
  constructor(private readonly limitBytes: number) {}

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const limitMb = Math.round((this.limitBytes / 1024 / 1024) * 10) / 10;
    const params = { limitBytes: this.limitBytes, limitMb };
    http.getResponse<Response>().status(413).json({
      statusCode: 413,
      code: 'FILE_TOO_LARGE',
      message: `文件超过 ${limitMb} MB 的上限`,
      messageEn: `The file is larger than the limit of ${limitMb} MB`,
      params,
      errors: [{ field: 'file', code: 'FILE_TOO_LARGE', message: `超过 ${limitMb} MB`, messageEn: `larger than ${limitMb} MB`, params }],
      requestId: request.id != null ? String(request.id) : undefined,
    });
  }
}
