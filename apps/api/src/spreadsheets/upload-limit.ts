import { applyDecorators, type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, PayloadTooLargeException, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, catchError, throwError } from 'rxjs';
import { fileTooLarge } from './file-rejection.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const UPLOAD_LIMIT = 'spreadsheets:upload-limit';
type LimitOf = (config: AppConfig) => number;

/**
 * Turns the upload interceptor's bare "File too large" into the one 413 of the API, saying this
 * route's limit. Listed before the upload interceptor, so that it wraps it.
 */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limitOf = this.reflector.get<LimitOf | undefined>(UPLOAD_LIMIT, context.getHandler());
    return next.handle().pipe(
      catchError((error: unknown) => throwError(() => (error instanceof PayloadTooLargeException && limitOf ? fileTooLarge(limitOf(this.config)) : error))),
    );
  }
}

/** Declares a route's upload limit and maps the upload's 413 onto it; `interceptors` are the upload interceptors (and the like). */
export function UploadLimit(limitOf: LimitOf, ...interceptors: Parameters<typeof UseInterceptors>): MethodDecorator {
  return applyDecorators(SetMetadata(UPLOAD_LIMIT, limitOf), UseInterceptors(UploadLimitInterceptor, ...interceptors));
}
