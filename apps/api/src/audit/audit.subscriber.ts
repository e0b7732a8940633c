import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type ObjectLiteral, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLogEntity } from './entities/audit-log.entity.js';
import { currentActor } from '../common/request-context.js';
import { type AuditAction } from '@app/contracts';

// Tables whose rows are bookkeeping, not business data (auditing them would only add noise).
const NOT_AUDITED = new Set(['audit_log', 'user_session', 'login_throttle', 'job_run', 'migrations']);
const REDACTED = new Set(['passwordHash']);
const pending = new WeakMap<object, Promise<void>>();

function snapshot(entity: ObjectLiteral | undefined | null): Record<string, unknown> | null {
  if (!entity) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (typeof value === 'function') continue;
    out[key] = REDACTED.has(key) ? '[redacted]' : value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * Records every insert, update and delete made through TypeORM entities in `audit_log`, in the
 * same transaction as the change, with the actor of the request (actorPerRequest, named by the guard) or of the job.
 * This is the one place writes are audited; services never write audit rows by hand.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    await this.record(event, 'insert', null, event.entity);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    const after = event.entity ? { ...event.databaseEntity, ...event.entity } : null;
    await this.record(event, 'update', event.databaseEntity ?? null, after);
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    await this.record(event, 'delete', event.databaseEntity ?? event.entity ?? null, null, event.entityId);
  }

  private async record(
    event: InsertEvent<ObjectLiteral> | UpdateEvent<ObjectLiteral> | RemoveEvent<ObjectLiteral>,
    action: AuditAction,
    before: ObjectLiteral | null,
    after: ObjectLiteral | null | undefined,
    removedId?: unknown,
  ): Promise<void> {
    const table = event.metadata.tableName;
    if (NOT_AUDITED.has(table)) return;
    const source = after ?? before;
    const ids = source ? event.metadata.getEntityIdMixedMap(source) : removedId;
    const entityId = ids === undefined || ids === null ? null : typeof ids === 'object' ? JSON.stringify(ids) : String(ids);
    const actor = currentActor();
    const row: Omit<AuditLogEntity, 'id' | 'at'> = {
      actorId: actor.actorId,
      actorName: actor.actorName,
      action,
      entity: table,
      entityId,
      before: snapshot(before),
      after: snapshot(after),
      requestId: actor.requestId,
      clientRequestId: actor.clientRequestId ?? null,
    };
    // TypeORM calls the subscribers of a multi-row save together; one connection runs one query at
    // a time, so the audit rows of a transaction are written one after the other.
    const key = event.queryRunner;
    const write = (pending.get(key) ?? Promise.resolve()).then(() => event.manager.insert(AuditLogEntity, row as QueryDeepPartialEntity<AuditLogEntity>));
    pending.set(key, write.then(() => undefined, () => undefined));
    await write;
  }
}
