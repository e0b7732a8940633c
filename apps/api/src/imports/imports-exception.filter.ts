import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Inject, PayloadTooLargeException } from '@nestjs/common';
import { type Response } from 'express';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * The import endpoints' own error bodies: a rejected import keeps its full result (batchId,
 * counts, row errors) and file errors their code, which the global filter would drop; multer's
 * size limit gets a message that says the limit. Everything else goes to the global filter.
 */
@Catch(ImportRowsRejectedException, ImportFileRejectedException, PayloadTooLargeException)
export class ImportsExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: ImportRowsRejectedException | ImportFileRejectedException | PayloadTooLargeException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<AuthenticatedRequest>();
    const requestId = request.id != null ? String(request.id) : undefined;
    if (exception instanceof PayloadTooLargeException) {
      const megabytes = Math.round((this.config.imports.maxBytes / 1024 / 1024) * 10) / 10;
      const messageEn = `The file is larger than ${megabytes} MB (IMPORT_MAX_BYTES); split it and import the parts`;
      response.status(HttpStatus.PAYLOAD_TOO_LARGE).json({
        statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
        message: `文件超过 ${megabytes} MB，请拆分后分批导入 / ${messageEn}`,
        messageEn,
        code: 'FILE_TOO_LARGE',
        errors: [{ field: 'file', message: `文件超过 ${megabytes} MB` }],
        requestId,
      });
      return;
    }
    response.status(exception.getStatus()).json({ ...(exception.getResponse() as object), requestId });
  }
}
