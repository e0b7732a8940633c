import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AuditRepository } from './audit.repository.js';
import { type QueryAuditDto } from './audit.dto.js';
import { currentActor } from '../common/request-context.js';
import { type AuditAction, type AuditEntry, type Page } from '@app/contracts';

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * Sign-in events are not entity writes, so AuditSubscriber cannot see them; they are the only
   * audit rows written explicitly.
   */
  async recordSecurityEvent(action: Extract<AuditAction, 'login' | 'login_failed' | 'logout'>, actor: { id: string | null; username: string }, detail?: Record<string, unknown>): Promise<void> {
    await this.repository.append({
      actorId: actor.id,
      actorName: actor.username,
      action,
      entity: 'session',
      entityId: null,
      before: null,
      after: detail ?? null,
      requestId: currentActor().requestId,
      clientRequestId: currentActor().clientRequestId ?? null,
    });
  }

  /**
   * Audit rows for changes made by bulk SQL (the platform imports' INSERT/UPDATE from unnest), which
   * the AuditSubscriber cannot see because no entity passes through TypeORM. Written on the
   * caller's EntityManager, so they commit or roll back with the change itself.
   */
  async recordBulkChanges(
    manager: EntityManager,
    entity: string,
    changes: ReadonlyArray<{ entityId: string; action?: 'insert' | 'update' | 'delete'; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>,
  ): Promise<void> {
    if (changes.length === 0) return;
    const actor = currentActor();
    await this.repository.appendMany(
      manager,
      changes.map((change) => ({
        actorId: actor.actorId,
        actorName: actor.actorName,
        action: change.action ?? 'update',
        entity,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        requestId: actor.requestId,
        clientRequestId: actor.clientRequestId ?? null,
      })),
    );
  }

  async listEntries(query: QueryAuditDto): Promise<Page<AuditEntry>> {
    const [rows, total] = await this.repository.findPage({
      entity: query.entity,
      entityId: query.entityId,
      actor: query.actor,
      from: query.from,
      to: query.to,
      division: query.division,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    const names = await this.repository.displayNames([...new Set(rows.filter((r) => r.actorId).map((r) => r.actorName))]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        actorDisplayName: row.actorId ? (names.get(row.actorName) ?? null) : null,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
        requestId: row.requestId,
        clientRequestId: row.clientRequestId,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
