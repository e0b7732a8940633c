// Every entity and migration, listed as classes (not globs) so the same options work from
// the TypeScript sources (jest), the compiled build (node) and the TypeORM CLI.
import { AuditLogEntity } from '../audit/entities/audit-log.entity.js';
import { LoginThrottleEntity } from '../auth/entities/login-throttle.entity.js';
import { SessionEntity } from '../users/entities/session.entity.js';
import { DivisionDenominatorEntity } from '../divisions/entities/division-denominator.entity.js';
import { DivisionEntity } from '../divisions/entities/division.entity.js';
import { JobRunEntity } from '../jobs/entities/job-run.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { Foundation1764115200000 } from './migrations/1764115200000-Foundation.js';

export const ENTITIES = [
  AuditLogEntity,
  DivisionEntity,
  DivisionDenominatorEntity,
  JobRunEntity,
  LoginThrottleEntity,
  SessionEntity,
  UserEntity,
];

export const MIGRATIONS = [Foundation1764115200000];
