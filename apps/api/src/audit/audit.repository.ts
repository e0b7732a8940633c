import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLogEntity } from './entities/audit-log.entity.js';

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly log: Repository<AuditLogEntity>) {}

  async append(entry: Omit<AuditLogEntity, 'id' | 'at'>): Promise<void> {
    await this.log.insert(entry as QueryDeepPartialEntity<AuditLogEntity>);
  }

  findPage(filter: { entity?: string; actor?: string; entityId?: string; offset: number; limit: number }): Promise<[AuditLogEntity[], number]> {
    const query = this.log.createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (filter.entity) query.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actor) query.andWhere('a.actor_name = :actor', { actor: filter.actor.toLowerCase() });
    return query.offset(filter.offset).limit(filter.limit).getManyAndCount();
  }
}
