import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { clientRequestIdOf, runAs } from '../common/request-context.js';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';

/**
 * Runs each request's handler as its signed-in user, so that AuditSubscriber can attribute
 * every write (who, when, request id) without services passing the user around.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = {
      actorId: request.user?.id ?? null,
      actorName: request.user?.username ?? 'anonymous',
      requestId: typeof request.id === 'string' ? request.id : request.id != null ? String(request.id) : null,
      clientRequestId: clientRequestIdOf(request.headers['x-request-id']),
    };
    return new Observable((subscriber) => runAs(actor, () => next.handle().subscribe(subscriber)));
  }
}
