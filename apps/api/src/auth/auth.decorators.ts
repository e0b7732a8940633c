import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedRequest, type AuthenticatedUser } from './authenticated-request.js';
import { type DivisionScope } from './division-scope.js';

// Who may call an endpoint is not declared here: THE permission table (libs/contracts/src/permissions.ts)
// lists every operation with its roles and scope, and the AuthGuard reads it.

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public endpoint');
  return user;
});

export const CurrentScope = createParamDecorator((_: unknown, context: ExecutionContext): DivisionScope => {
  const scope = context.switchToHttp().getRequest<AuthenticatedRequest>().scope;
  if (!scope) throw new Error('CurrentScope used on a public endpoint');
  return scope;
});
