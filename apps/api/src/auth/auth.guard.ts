import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import { type AuthenticatedRequest } from './authenticated-request.js';
import { type Role } from '@app/contracts';

/**
 * The global guard: every endpoint needs a valid bearer token unless marked @Public(); it
 * attaches the user and their DivisionScope to the request and checks @Roles(...).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Sign-in required / 请先登录');
    }
    const { user, scope } = await this.auth.authenticate(token);
    request.user = user;
    request.scope = scope;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`This needs the role ${roles.join(' or ')} / 您的角色无权执行此操作`);
    }
    return true;
  }
}
