import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLogEntity } from './entities/audit-log.entity.js';

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly log: Repository<AuditLogEntity>) {}

  async append(entry: Omit<AuditLogEntity, 'id' | 'at'>): Promise<void> {
    await this.log.insert(entry as QueryDeepPartialEntity<AuditLogEntity>);
  }

  /**
   * Many rows in one statement per chunk (unnest), on the caller's transaction; for bulk writes
   * that bypass TypeORM entities and so the AuditSubscriber.
   */
  async appendMany(manager: EntityManager, entries: ReadonlyArray<Omit<AuditLogEntity, 'id' | 'at'>>): Promise<void> {
    const CHUNK = 5_000;
    for (let start = 0; start < entries.length; start += CHUNK) {
      const chunk = entries.slice(start, start + CHUNK);
      await manager.query(
        `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, request_id, client_request_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])`,
        [
          chunk.map((e) => e.actorId),
          chunk.map((e) => e.actorName),
          chunk.map((e) => e.action),
          chunk.map((e) => e.entity),
          chunk.map((e) => e.entityId),
          chunk.map((e) => (e.before === null ? null : JSON.stringify(e.before))),
          chunk.map((e) => (e.after === null ? null : JSON.stringify(e.after))),
          chunk.map((e) => e.requestId),
          chunk.map((e) => e.clientRequestId ?? null),
        ],
      );
    }
  }

  findPage(filter: { entity?: string; actor?: string; entityId?: string; offset: number; limit: number }): Promise<[AuditLogEntity[], number]> {
    const query = this.log.createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (filter.entity) query.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actor) query.andWhere('a.actor_name = :actor', { actor: filter.actor.toLowerCase() });
    return query.offset(filter.offset).limit(filter.limit).getManyAndCount();
  }
}
