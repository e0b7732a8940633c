import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, PayloadTooLargeException } from '@nestjs/common';
import { EventImportRejectedException } from './events.service.js';
import { type Response } from 'express';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * multer cuts off an upload past its limit with a bare "File too large": say which limit. A
 * rejected import keeps its whole result (rows, counts, row errors), which the global filter
 * would reduce to message and errors.
 */
@Catch(PayloadTooLargeException, EventImportRejectedException)
export class EventsExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: PayloadTooLargeException | EventImportRejectedException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<AuthenticatedRequest>();
    if (exception instanceof EventImportRejectedException) {
      response.status(exception.getStatus()).json({ ...(exception.getResponse() as object), requestId: request.id != null ? String(request.id) : undefined });
      return;
    }
    const attachment = request.path.includes('/attachments');
    const bytes = attachment ? this.config.events.attachmentMaxBytes : this.config.imports.maxBytes;
    const mb = Math.round((bytes / 1024 / 1024) * 10) / 10;
    const variable = attachment ? 'EVENT_ATTACHMENT_MAX_BYTES' : 'IMPORT_MAX_BYTES';
    response.status(413).json({
      statusCode: 413,
      message: `The file is larger than ${mb} MB (${variable}) / 文件超过 ${mb} MB，请压缩或拆分后再上传`,
      errors: [{ field: 'file', message: `larger than ${mb} MB / 超过 ${mb} MB` }],
      requestId: request.id != null ? String(request.id) : undefined,
    });
  }
}
