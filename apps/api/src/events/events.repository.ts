import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { EventHistoryEntity } from './entities/event-history.entity.js';
import { EventIndicatorEntity } from './entities/event-indicator.entity.js';
import { EventTypeEntity } from './entities/event-type.entity.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { AuditLogEntity } from '../audit/entities/audit-log.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { currentActor } from '../common/request-context.js';
import { type TouchedDay } from '../common/facts-changed.notifier.js';
import { type EventSortField, type EventStatus } from '@app/contracts';
import { type LookupLevel } from '../spreadsheets/division-lookup.js';

export interface EventFilter {
  scope: DivisionScope;
  /** The division itself or, for a city, its districts too. */
  division?: string;
  types?: string[];
  statuses?: EventStatus[];
  /** start_date between from and to (inclusive). */
  from?: string;
  to?: string;
  text?: string;
  /** Events that count toward this performance indicator (the evidence behind an events-bound actual). */
  indicatorId?: string;
  sort: EventSortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** An event with what the list shows beside it. */
export interface EventRow {
  event: OutreachEventEntity;
  divisionName: string;
  typeNameZh: string;
  typeNameEn: string;
  attachmentCount: number;
  indicatorIds: string[];
}

export interface DivisionRef {
  code: string;
  name: string;
  level: LookupLevel;
  parentCode: string | null;
}

/** Approved events of one division and day: what the rollups count. */
export interface ApprovedEventTotals extends TouchedDay {
  count: number;
  personTimes: number;
  materials: number;
}

const SORT_COLUMNS: Record<EventSortField, string> = {
  start: 'e.startDate',
  title: 'e.title',
  status: 'e.status',
  participants: 'e.participants',
  personTimes: 'e.personTimes',
  materials: 'e.materials',
  createdAt: 'e.createdAt',
  updatedAt: 'e.updatedAt',
};

export type StoredBytes = { content: Buffer | null; storageKey: string | null; contentType: string };

@Injectable()
export class EventsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OutreachEventEntity) private readonly events: Repository<OutreachEventEntity>,
    @InjectRepository(EventTypeEntity) private readonly types: Repository<EventTypeEntity>,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ---- the type dictionary ----

  listTypes(): Promise<EventTypeEntity[]> {
    return this.types.find({ order: { sort: 'ASC', code: 'ASC' } });
  }

  findType(code: string): Promise<EventTypeEntity | null> {
    return this.types.findOneBy({ code });
  }

  findTypeByNameZh(nameZh: string): Promise<EventTypeEntity | null> {
    return this.types.findOneBy({ nameZh });
  }

  saveType(type: EventTypeEntity): Promise<EventTypeEntity> {
    return this.types.save(type);
  }

  // ---- reference data ----

  async findDivision(code: string, manager?: EntityManager): Promise<DivisionRef | null> {
    const rows: Array<{ code: string; name: string; level: LookupLevel; parent_code: string | null }> = await (manager ?? this.dataSource).query(
      `SELECT code, name, level, parent_code FROM division WHERE code = $1`,
      [code],
    );
    return rows[0] ? { code: rows[0].code, name: rows[0].name, level: rows[0].level, parentCode: rows[0].parent_code } : null;
  }

  async findDivisions(): Promise<DivisionRef[]> {
    const rows: Array<{ code: string; name: string; level: LookupLevel; parent_code: string | null }> = await this.dataSource.query(
      `SELECT code, name, level, parent_code FROM division ORDER BY code`,
    );
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  }

  /**
   * A budget project by id, or by the code the budget page shows (unique per division and year:
   * the event's division, its year first); null when there is none.
   */
  async findBudgetProject(idOrCode: string, division: string, year: number, manager?: EntityManager): Promise<{ id: string; divisionCode: string; year: number } | null> {
    const runner = manager ?? this.dataSource;
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(idOrCode);
    const rows: Array<{ id: string; division_code: string; year: number }> = byId
      ? await runner.query(`SELECT id::text AS id, division_code, year FROM budget_project WHERE id = $1`, [idOrCode])
      : await runner.query(`SELECT id::text AS id, division_code, year FROM budget_project WHERE code = $1 AND division_code = $2 ORDER BY year = $3 DESC, year DESC LIMIT 1`, [idOrCode, division, year]);
    const row = rows[0];
    return row ? { id: row.id, divisionCode: row.division_code.trim(), year: Number(row.year) } : null;
  }

  /** The project and division of each performance indicator found among `ids`. */
  async findIndicatorOwners(ids: readonly string[], manager?: EntityManager): Promise<Array<{ id: string; projectId: string; divisionCode: string }>> {
    return (manager ?? this.dataSource).query(
      `SELECT i.id::text AS id, i.project_id::text AS "projectId", trim(p.division_code) AS "divisionCode"
         FROM performance_indicator i JOIN budget_project p ON p.id = i.project_id WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** An admin's exception to a workflow rule, in the audit log as an `override` (who, when, which rule). */
  async recordOverride(manager: EntityManager, eventId: string, detail: Record<string, unknown>): Promise<void> {
    const actor = currentActor();
    await manager.insert(AuditLogEntity, {
      actorId: actor.actorId,
      actorName: actor.actorName,
      action: 'override',
      entity: 'outreach_event',
      entityId: eventId,
      before: null,
      after: detail,
      requestId: actor.requestId,
    } as QueryDeepPartialEntity<AuditLogEntity>);
  }

  async findUserDisplayName(id: string): Promise<string | null> {
    const rows: Array<{ display_name: string }> = await this.dataSource.query(`SELECT display_name FROM app_user WHERE id = $1`, [id]);
    return rows[0]?.display_name ?? null;
  }

  // ---- events ----

  private listQuery(filter: Omit<EventFilter, 'sort' | 'order' | 'offset' | 'limit'>): SelectQueryBuilder<OutreachEventEntity> {
    const query = this.events
      .createQueryBuilder('e')
      .leftJoin('division', 'd', 'd.code = e.division_code')
      .leftJoin('event_type', 't', 't.code = e.type')
      .addSelect('d.name', 'division_name')
      .addSelect('t.name_zh', 'type_name_zh')
      .addSelect('t.name_en', 'type_name_en')
      .addSelect('(SELECT count(*)::int FROM event_attachment a WHERE a.event_id = e.id)', 'attachment_count')
      .addSelect('ARRAY(SELECT i.indicator_id::text FROM event_indicator i WHERE i.event_id = e.id ORDER BY i.indicator_id)', 'indicator_ids');
    filter.scope.restrict(query, 'e.division_code');
    if (filter.division) {
      query.andWhere('(e.division_code = :division OR d.parent_code = :division)', { division: filter.division });
    }
    if (filter.types?.length) query.andWhere('e.type IN (:...types)', { types: filter.types });
    if (filter.statuses?.length) query.andWhere('e.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.from) query.andWhere('e.start_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.start_date <= :to', { to: filter.to });
    if (filter.indicatorId) {
      query.andWhere('EXISTS (SELECT 1 FROM event_indicator li WHERE li.event_id = e.id AND li.indicator_id = :indicatorId)', { indicatorId: filter.indicatorId });
    }
    if (filter.text) {
      query.andWhere(
        '(e.title ILIKE :search OR e.venue ILIKE :search OR e.organizer ILIKE :search OR e.description ILIKE :search OR array_to_string(e.partners, \' \') ILIKE :search)',
        // Not named "text": TypeORM would read the `::text` casts of this query as that parameter.
        { search: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%` },
      );
    }
    return query;
  }

  private toRows(entities: OutreachEventEntity[], raw: Array<Record<string, unknown>>): EventRow[] {
    return entities.map((event, i) => ({
      event,
      divisionName: String(raw[i]?.division_name ?? ''),
      typeNameZh: String(raw[i]?.type_name_zh ?? event.type),
      typeNameEn: String(raw[i]?.type_name_en ?? event.type),
      attachmentCount: Number(raw[i]?.attachment_count ?? 0),
      indicatorIds: (raw[i]?.indicator_ids as string[] | undefined) ?? [],
    }));
  }

  count(filter: Omit<EventFilter, 'sort' | 'order' | 'offset' | 'limit'>): Promise<number> {
    return this.listQuery(filter).getCount();
  }

  async findPage(filter: EventFilter): Promise<{ rows: EventRow[]; total: number }> {
    const query = this.listQuery(filter);
    const total = await query.getCount();
    query
      .orderBy(SORT_COLUMNS[filter.sort], filter.order === 'asc' ? 'ASC' : 'DESC', 'NULLS LAST')
      .addOrderBy('e.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit);
    const { entities, raw } = await query.getRawAndEntities();
    return { rows: this.toRows(entities, raw), total };
  }

  async findRow(id: string, scope: DivisionScope | null = null): Promise<EventRow | null> {
    const query = this.events
      .createQueryBuilder('e')
      .leftJoin('division', 'd', 'd.code = e.division_code')
      .leftJoin('event_type', 't', 't.code = e.type')
      .addSelect('d.name', 'division_name')
      .addSelect('t.name_zh', 'type_name_zh')
      .addSelect('t.name_en', 'type_name_en')
      .addSelect('(SELECT count(*)::int FROM event_attachment a WHERE a.event_id = e.id)', 'attachment_count')
      .addSelect('ARRAY(SELECT i.indicator_id::text FROM event_indicator i WHERE i.event_id = e.id ORDER BY i.indicator_id)', 'indicator_ids')
      .where('e.id = :id', { id });
    if (scope) scope.restrict(query, 'e.division_code');
    const { entities, raw } = await query.getRawAndEntities();
    return this.toRows(entities, raw)[0] ?? null;
  }

  findById(id: string): Promise<OutreachEventEntity | null> {
    return this.events.findOneBy({ id });
  }

  /** The event, locked until the transaction ends (workflow steps never race). */
  lockById(manager: EntityManager, id: string): Promise<OutreachEventEntity | null> {
    return manager.getRepository(OutreachEventEntity).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
  }

  saveEvent(manager: EntityManager, event: OutreachEventEntity): Promise<OutreachEventEntity> {
    return manager.getRepository(OutreachEventEntity).save(event);
  }

  async removeEvent(manager: EntityManager, event: OutreachEventEntity): Promise<void> {
    // Children first, through the entities, so the audit log shows what went with the draft.
    const attachments = await manager.getRepository(EventAttachmentEntity).findBy({ eventId: event.id });
    if (attachments.length) await manager.getRepository(EventAttachmentEntity).remove(attachments);
    const indicators = await manager.getRepository(EventIndicatorEntity).findBy({ eventId: event.id });
    if (indicators.length) await manager.getRepository(EventIndicatorEntity).remove(indicators);
    await manager.getRepository(OutreachEventEntity).remove({ ...event } as OutreachEventEntity);
  }

  async findIndicatorIds(eventId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource).getRepository(EventIndicatorEntity).find({ where: { eventId }, order: { indicatorId: 'ASC' } });
    return rows.map((row) => row.indicatorId);
  }

  /** Makes the event's indicator links exactly `indicatorIds`. */
  async replaceIndicators(manager: EntityManager, eventId: string, indicatorIds: string[]): Promise<void> {
    const repository = manager.getRepository(EventIndicatorEntity);
    const current = await repository.findBy({ eventId });
    const wanted = new Set(indicatorIds);
    const stale = current.filter((row) => !wanted.has(row.indicatorId));
    if (stale.length) await repository.remove(stale);
    const have = new Set(current.map((row) => row.indicatorId));
    for (const indicatorId of indicatorIds) {
      if (!have.has(indicatorId)) await repository.save(Object.assign(new EventIndicatorEntity(), { eventId, indicatorId }));
    }
  }

  addHistory(manager: EntityManager, entry: Omit<EventHistoryEntity, 'id' | 'at'>): Promise<EventHistoryEntity> {
    return manager.getRepository(EventHistoryEntity).save(Object.assign(new EventHistoryEntity(), entry));
  }

  findHistory(eventId: string): Promise<EventHistoryEntity[]> {
    return this.dataSource.getRepository(EventHistoryEntity).find({ where: { eventId }, order: { at: 'ASC', id: 'ASC' } });
  }

  // ---- attachments ----

  findAttachments(eventId: string): Promise<EventAttachmentEntity[]> {
    return this.dataSource.getRepository(EventAttachmentEntity).find({ where: { eventId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  findAttachmentsOf(manager: EntityManager, eventId: string): Promise<EventAttachmentEntity[]> {
    return manager.getRepository(EventAttachmentEntity).findBy({ eventId });
  }

  findAttachment(eventId: string, id: string): Promise<EventAttachmentEntity | null> {
    return this.dataSource.getRepository(EventAttachmentEntity).findOneBy({ eventId, id });
  }

  /** Saves the metadata (audited) and then the bytes with plain SQL (not copied into the audit log). */
  async insertAttachment(
    manager: EntityManager,
    attachment: EventAttachmentEntity,
    bytes: { content: Buffer | null; thumbnail: Buffer | null },
  ): Promise<EventAttachmentEntity> {
    const saved = await manager.getRepository(EventAttachmentEntity).save(attachment);
    if (bytes.content || bytes.thumbnail) {
      await manager.query(`UPDATE event_attachment SET content = $2, thumbnail = $3 WHERE id = $1`, [saved.id, bytes.content, bytes.thumbnail]);
    }
    return saved;
  }

  async removeAttachment(manager: EntityManager, attachment: EventAttachmentEntity): Promise<void> {
    await manager.getRepository(EventAttachmentEntity).remove({ ...attachment } as EventAttachmentEntity);
  }

  async readAttachmentBytes(id: string, which: 'content' | 'thumbnail'): Promise<Buffer | null> {
    const rows: Array<{ bytes: Buffer | null }> = await this.dataSource.query(
      which === 'content' ? `SELECT content AS bytes FROM event_attachment WHERE id = $1` : `SELECT thumbnail AS bytes FROM event_attachment WHERE id = $1`,
      [id],
    );
    return rows[0]?.bytes ?? null;
  }

  // ---- counting (the KPI rollups and the budget indicator bindings read through these) ----

  /** Count, person-times and materials of the approved events starting on each given (division, day). */
  async approvedTotalsForDays(manager: EntityManager | null, days: readonly TouchedDay[]): Promise<ApprovedEventTotals[]> {
    if (days.length === 0) return [];
    const rows: Array<{ division_code: string; day: string; count: number; person_times: string; materials: string }> = await (
      manager ?? this.dataSource
    ).query(
      `SELECT e.division_code, e.start_date AS day, count(*)::int AS count,
              COALESCE(sum(e.person_times), 0)::text AS person_times, COALESCE(sum(e.materials), 0)::text AS materials
         FROM outreach_event e
         JOIN unnest($1::text[], $2::date[]) AS k(division_code, day) ON k.division_code = e.division_code AND k.day = e.start_date
        WHERE e.status = 'approved'
        GROUP BY e.division_code, e.start_date
        ORDER BY e.division_code, e.start_date`,
      [days.map((d) => d.divisionCode), days.map((d) => d.day)],
    );
    return rows.map((row) => ({
      divisionCode: row.division_code,
      day: row.day,
      count: row.count,
      personTimes: Number(row.person_times),
      materials: Number(row.materials),
    }));
  }
}
