import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Role } from '@app/contracts';
import { type AuthenticatedRequest, type AuthenticatedUser } from './authenticated-request.js';
import { type DivisionScope } from './division-scope.js';

export const IS_PUBLIC = 'tianfu:isPublic';
export const REQUIRED_ROLES = 'tianfu:roles';

/** The endpoint needs no sign-in (login, health, demo accounts). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the endpoint (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

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
