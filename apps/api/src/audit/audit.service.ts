import { Injectable } from '@nestjs/common';
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
    });
  }

  async listEntries(query: QueryAuditDto): Promise<Page<AuditEntry>> {
    const [rows, total] = await this.repository.findPage({
      entity: query.entity,
      entityId: query.entityId,
      actor: query.actor,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
        requestId: row.requestId,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
