import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { identifyActor } from '../common/request-context.js';
import { type AuthenticatedRequest } from './authenticated-request.js';
import { type Permission, permissionOf } from '@app/contracts';

/** The operation of a request as the permission table and the OpenAPI document name it: "GET /api/v1/events/{id}". */
export function operationOf(request: AuthenticatedRequest): { method: string; path: string } {
  const route = request.routeOptions?.url;
  let path = route === undefined ? undefined : templates.get(route);
  if (path === undefined && route !== undefined) templates.set(route, (path = route.replace(/:(\w+)/g, '{$1}')));
  return { method: request.method === 'HEAD' ? 'GET' : request.method, path: path ?? request.url.split('?')[0] };
}

// The routes' patterns live as long as the app: each one's OpenAPI-style path is worked out once.
const templates = new Map<string, string>();

/**
 * The global guard, reading THE permission table (libs/contracts/src/permissions.ts): an operation
 * the table does not list is refused; a public one needs no token; any other needs a valid bearer
 * token and a role the permission lists. It attaches the user and their DivisionScope to the
 * request; the division itself is checked by the services through the scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly permissions = new Map<string, Permission | null>();

  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { method, path } = operationOf(request);
    const key = `${method} ${path}`;
    let permission = this.permissions.get(key);
    if (permission === undefined) {
      permission = permissionOf(method, path) ?? null;
      this.permissions.set(key, permission);
    }
    if (!permission) {
      throw new ForbiddenException({ statusCode: 403, code: 'NOT_PERMITTED', message: '该操作未列入权限表', messageEn: 'This operation is not in the permission table' });
    }
    if (permission.scope === 'public') return true;

    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Sign-in required / 请先登录');
    }
    const { user, scope } = await this.auth.authenticate(token);
    request.user = user;
    request.scope = scope;
    identifyActor(user);

    if (!permission.roles.includes(user.role)) {
      throw new ForbiddenException({ statusCode: 403, code: 'ROLE_NOT_ALLOWED', message: '您的角色无权执行此操作', messageEn: `This needs the role ${permission.roles.join(' or ')}` });
    }
    return true;
  }
}
