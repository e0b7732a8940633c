import { type FastifyRequest } from 'fastify';
import { type Role } from '@app/contracts';
import { type DivisionScope } from './division-scope.js';

export interface AuthenticatedUser {
  id: string;
  username: string;
  role: Role;
  divisionCode: string;
  sessionId: string;
}

export interface AuthenticatedRequest extends FastifyRequest {
  user?: AuthenticatedUser;
  scope?: DivisionScope;
}
