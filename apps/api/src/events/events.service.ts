import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { normalizeEventInput, type EventTypeRef, type NormalizedEvent } from './event-input.js';
import { type ApprovedEventTotals, type EventRow, EventsRepository } from './events.repository.js';
import { AttachmentDirectory } from './evidence/attachment-store.js';
import { eventFilterOf, toAttachment } from './event-mapping.js';
import { eventLinkProblems } from './event-links.js';
import { type EventHistoryEntity } from './entities/event-history.entity.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { type QueryEventsDto } from './dto/event.dto.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { FactsChangedNotifier, type TouchedDay } from '../common/facts-changed.notifier.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { eventNotice } from '../notify/outbox/notices.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import { EVENT_AUDIENCES, type EventDetail, type EventInput, type EventStatus, type EventSummary, type FieldError, type Page } from '@app/contracts';

export const EDITABLE: readonly EventStatus[] = ['draft', 'returned'];
const SELF_APPROVAL_NOTE = '管理员审核了本人提交的活动（四眼原则例外）';

export interface UploadedFile {
  originalName: string;
  buffer: Buffer;
}

export interface Actor {
  id: string;
  name: string;
}

function invalid(errors: FieldError[], message = 'Validation failed / 输入有误'): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, message, errors });
}

@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);
  /** Attachments as files in EVENT_ATTACHMENT_DIR, or null when they are kept in PostgreSQL. */
  readonly directory: AttachmentDirectory | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly factsChanged: FactsChangedNotifier,
    private readonly outbox: NoticeOutbox,
  ) {
    this.directory = config.events.attachmentDir ? new AttachmentDirectory(config.events.attachmentDir) : null;
  }

  async typeRefs(): Promise<EventTypeRef[]> {
    return (await this.repository.listTypes()).map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, active: t.active }));
  }

  // ---------------------------------------------------------------- reading

  async listEvents(scope: DivisionScope, query: QueryEventsDto): Promise<Page<EventSummary>> {
    const { rows, total } = await this.repository.findPage({
      ...eventFilterOf(scope, query),
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map((row) => this.toSummary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async getEvent(user: AuthenticatedUser, scope: DivisionScope, id: string): Promise<EventDetail> {
    const row = await this.requireRow(scope, id);
    const [history, attachments] = await Promise.all([this.repository.findHistory(id), this.repository.findAttachments(id)]);
    const status = row.event.status;
    const writer = user.role === 'staff' || user.role === 'leader';
    const reviewer = user.role === 'leader' || user.role === 'city' || user.role === 'admin';
    return {
      ...this.toSummary(row),
      history: history.map((h) => this.toHistory(h)),
      attachments: attachments.map(toAttachment),
      can: {
        edit: writer && EDITABLE.includes(status),
        submit: writer && EDITABLE.includes(status),
        delete: writer && status === 'draft',
        // Four eyes: the button is not offered to whoever submitted the event (an admin may override).
        approve: reviewer && status === 'submitted' && (row.event.submittedBy !== user.id || user.role === 'admin'),
        return: reviewer && (status === 'submitted' || status === 'approved'),
      },
    };
  }

  /** Approved-event totals per (division, day), for the KPI rollups and budget indicator bindings. */
  approvedTotalsForDays(days: readonly TouchedDay[], manager: EntityManager | null = null): Promise<ApprovedEventTotals[]> {
    return this.repository.approvedTotalsForDays(manager, days);
  }

  async requireRow(scope: DivisionScope, id: string): Promise<EventRow> {
    const row = await this.repository.findRow(id);
    if (!row) throw new NotFoundException(`Event ${id} does not exist / 活动不存在`);
    scope.assertCovers(row.event.divisionCode);
    return row;
  }

  // ---------------------------------------------------------------- writing

  async createEvent(user: AuthenticatedUser, scope: DivisionScope, body: EventInput & Record<string, unknown>): Promise<EventDetail> {
    const actor = await this.actorOf(user);
    const value = await this.checkInput(body, scope, user.divisionCode, undefined);
    const id = await this.repository.transaction(async (manager) => {
      const event = this.applyValue(new OutreachEventEntity(), value);
      Object.assign(event, { status: 'draft' as EventStatus, createdBy: actor.id, createdByName: actor.name, returnReason: null });
      const saved = await this.repository.saveEvent(manager, event);
      await this.repository.replaceIndicators(manager, saved.id, value.indicatorIds);
      await this.history(manager, saved.id, 'created', null, 'draft', null, actor);
      return saved.id;
    });
    return this.getEvent(user, scope, id);
  }

  async updateEvent(user: AuthenticatedUser, scope: DivisionScope, id: string, body: EventInput & Record<string, unknown>): Promise<EventDetail> {
    const actor = await this.actorOf(user);
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, EDITABLE, 'edited');
      const current = this.fromEntity(event, await this.repository.findIndicatorIds(id, manager));
      const merged = this.merge(current, body);
      const value = await this.checkInput(merged, scope, event.divisionCode, event.type, manager);
      const wasApproved = event.status === 'approved';
      this.applyValue(event, value);
      await this.repository.saveEvent(manager, event);
      await this.repository.replaceIndicators(manager, id, value.indicatorIds);
      await this.history(manager, id, 'updated', event.status, event.status, null, actor);
      if (wasApproved) await this.factsChanged.emit(manager, [{ divisionCode: current.division, day: current.start }]);
    });
    return this.getEvent(user, scope, id);
  }

  async submitEvent(user: AuthenticatedUser, scope: DivisionScope, id: string): Promise<EventDetail> {
    const actor = await this.actorOf(user);
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, EDITABLE, 'submitted');
      const from = event.status;
      Object.assign(event, { status: 'submitted', submittedBy: actor.id, submittedByName: actor.name, submittedAt: new Date() });
      await this.repository.saveEvent(manager, event);
      await this.history(manager, id, 'submitted', from, 'submitted', null, actor);
      await this.outbox.record(manager, eventNotice(event, 'submitted', event.submittedAt!));
    });
    return this.getEvent(user, scope, id);
  }

  async approveEvent(user: AuthenticatedUser, scope: DivisionScope, id: string): Promise<EventDetail> {
    const actor = await this.actorOf(user);
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, ['submitted'], 'approved');
      // Four eyes: whoever submitted an event does not approve it; an admin may, and it is recorded as an override.
      const ownSubmission = event.submittedBy !== null && event.submittedBy === actor.id;
      if (ownSubmission && user.role !== 'admin') {
        throw new ForbiddenException({
          statusCode: 403,
          code: 'SELF_APPROVAL_FORBIDDEN',
          message: '您提交的活动不能由您本人审核，请由本区县其他领导或市科协审核',
          messageEn: 'You submitted this event, so you cannot approve it; another leader of the district or the city association must review it',
        });
      }
      Object.assign(event, { status: 'approved', reviewedBy: actor.id, reviewedByName: actor.name, reviewedAt: new Date(), returnReason: null });
      await this.repository.saveEvent(manager, event);
      await this.history(manager, id, 'approved', 'submitted', 'approved', ownSubmission ? SELF_APPROVAL_NOTE : null, actor);
      if (ownSubmission) await this.repository.recordOverride(manager, id, { rule: 'four-eyes', submittedBy: actor.id, approvedBy: actor.id });
      // The event now counts: the rollups of its division and start day are refreshed in this transaction.
      await this.factsChanged.emit(manager, [{ divisionCode: event.divisionCode, day: event.startDate }]);
    });
    return this.getEvent(user, scope, id);
  }

  async returnEvent(user: AuthenticatedUser, scope: DivisionScope, id: string, reason: string): Promise<EventDetail> {
    const actor = await this.actorOf(user);
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, ['submitted', 'approved'], 'returned');
      const from = event.status;
      Object.assign(event, { status: 'returned', returnReason: reason, reviewedBy: actor.id, reviewedByName: actor.name, reviewedAt: new Date() });
      await this.repository.saveEvent(manager, event);
      await this.history(manager, id, 'returned', from, 'returned', reason, actor);
      await this.outbox.record(manager, eventNotice(event, 'returned', event.reviewedAt!));
      // Returning an approved event takes it out of the counts again.
      if (from === 'approved') await this.factsChanged.emit(manager, [{ divisionCode: event.divisionCode, day: event.startDate }]);
    });
    return this.getEvent(user, scope, id);
  }

  async deleteEvent(scope: DivisionScope, id: string): Promise<void> {
    const keys: string[] = [];
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, ['draft'], 'deleted');
      for (const attachment of await this.repository.findAttachmentsOf(manager, id)) if (attachment.storageKey) keys.push(attachment.storageKey);
      await this.repository.removeEvent(manager, event);
    });
    // The rows are gone for good: now the files (a crash here leaves only unreachable files).
    if (this.directory) await this.directory.removeEvent(id).catch((error) => this.logger.warn({ err: error, id }, 'Could not remove the attachment folder'));
  }

  async lockInScope(manager: EntityManager, scope: DivisionScope, id: string): Promise<OutreachEventEntity> {
    const event = await this.repository.lockById(manager, id);
    if (!event) throw new NotFoundException(`Event ${id} does not exist / 活动不存在`);
    scope.assertCovers(event.divisionCode);
    return event;
  }

  assertStatus(event: OutreachEventEntity, allowed: readonly EventStatus[], action: string): void {
    if (allowed.includes(event.status)) return;
    throw new ConflictException({
      statusCode: 409,
      message: `An event that is ${event.status} cannot be ${action} (allowed when ${allowed.join(' or ')}) / 当前状态（${STATUS_ZH[event.status]}）不能执行此操作`,
      errors: [{ field: 'status', message: `${event.status}` }],
    });
  }

  /** Checks the whole event: field rules, then division (exists, in scope) and budget project (same division). */
  private async checkInput(
    input: EventInput & Record<string, unknown>,
    scope: DivisionScope,
    defaultDivision: string,
    currentType: string | undefined,
    manager?: EntityManager,
  ): Promise<NormalizedEvent> {
    const { value, errors } = normalizeEventInput(input, { types: await this.typeRefs(), defaultDivision, currentType });
    const division = value?.division ?? (typeof input.division === 'string' && /^\d{6}$/.test(input.division) ? input.division : null);
    if (division) {
      if (!scope.covers(division)) {
        throw new ForbiddenException({
          statusCode: 403,
          message: `Division ${division} is outside your scope (${scope.homeDivision}) / 区划 ${division} 不在您的权限范围内`,
          errors: [{ field: 'division', message: `outside your scope / 不在您的权限范围内` }],
        });
      }
      if (!(await this.repository.findDivision(division, manager))) errors.push({ field: 'division', message: `division ${division} does not exist / 区划不存在` });
    }
    if (value && division) {
      const link = await this.linkProblems(value.projectId, value.indicatorIds, division, Number(value.start.slice(0, 4)), manager);
      errors.push(...link.problems);
      value.projectId = link.projectId;
    }
    if (errors.length > 0 || !value) throw invalid(errors);
    return value;
  }

  /** The link problems of a project and its indicators (see eventLinkProblems). */
  linkProblems(projectIdOrCode: string | null, indicatorIds: readonly string[], division: string, year: number, manager?: EntityManager): Promise<{ problems: FieldError[]; projectId: string | null }> {
    return eventLinkProblems(this.repository, projectIdOrCode, indicatorIds, division, year, manager);
  }

  /** The stored event with the given changes over it; a one-day event moved to another start stays one day. */
  merge(current: NormalizedEvent, changes: Record<string, unknown>): EventInput & Record<string, unknown> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const merged: EventInput & Record<string, unknown> = { ...current, ...defined };
    if (defined.start !== undefined && defined.end === undefined && current.end === current.start) merged.end = defined.start as string;
    return merged;
  }

  applyValue(event: OutreachEventEntity, value: NormalizedEvent): OutreachEventEntity {
    return Object.assign(event, {
      title: value.title,
      type: value.type,
      startDate: value.start,
      endDate: value.end,
      divisionCode: value.division,
      venue: value.venue,
      organizer: value.organizer,
      partners: value.partners,
      audience: value.audience,
      participants: value.participants,
      personTimes: value.personTimes,
      onlineViews: value.onlineViews,
      materials: value.materials,
      volunteers: value.volunteers,
      cost: value.cost,
      projectId: value.projectId,
      description: value.description,
    });
  }

  fromEntity(event: OutreachEventEntity, indicatorIds: string[]): NormalizedEvent {
    return {
      title: event.title,
      type: event.type,
      start: event.startDate,
      end: event.endDate,
      division: event.divisionCode,
      venue: event.venue,
      organizer: event.organizer,
      partners: event.partners ?? [],
      audience: [...(event.audience ?? [])].sort((a, b) => EVENT_AUDIENCES.indexOf(a) - EVENT_AUDIENCES.indexOf(b)),
      participants: event.participants,
      personTimes: event.personTimes,
      onlineViews: event.onlineViews,
      materials: event.materials,
      volunteers: event.volunteers,
      cost: event.cost,
      projectId: event.projectId,
      indicatorIds: [...indicatorIds].sort(),
      description: event.description,
    };
  }

  async history(
    manager: EntityManager,
    eventId: string,
    action: EventHistoryEntity['action'],
    fromStatus: EventStatus | null,
    toStatus: EventStatus,
    reason: string | null,
    actor: Actor,
  ): Promise<void> {
    await this.repository.addHistory(manager, { eventId, action, fromStatus, toStatus, reason, actorId: actor.id, actorName: actor.name });
  }

  async actorOf(user: AuthenticatedUser): Promise<Actor> {
    return { id: user.id, name: (await this.repository.findUserDisplayName(user.id)) ?? user.username };
  }

  // ---------------------------------------------------------------- mapping

  private toSummary(row: EventRow): EventSummary {
    const e = row.event;
    return {
      id: e.id,
      title: e.title,
      type: e.type,
      typeName: row.typeNameZh,
      start: e.startDate,
      end: e.endDate,
      division: e.divisionCode,
      divisionName: row.divisionName,
      venue: e.venue,
      organizer: e.organizer,
      partners: e.partners ?? [],
      audience: e.audience ?? [],
      participants: e.participants,
      personTimes: e.personTimes,
      onlineViews: e.onlineViews,
      materials: e.materials,
      volunteers: e.volunteers,
      cost: e.cost,
      projectId: e.projectId,
      indicatorIds: row.indicatorIds,
      description: e.description,
      status: e.status,
      returnReason: e.returnReason,
      attachmentCount: row.attachmentCount,
      created: { by: e.createdBy, byName: e.createdByName, at: e.createdAt.toISOString() },
      submitted: { by: e.submittedBy, byName: e.submittedByName, at: e.submittedAt ? e.submittedAt.toISOString() : null },
      reviewed: { by: e.reviewedBy, byName: e.reviewedByName, at: e.reviewedAt ? e.reviewedAt.toISOString() : null },
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }

  private toHistory(h: EventHistoryEntity): EventDetail['history'][number] {
    return { action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, actorName: h.actorName, at: h.at.toISOString() };
  }

}

export const STATUS_ZH: Record<EventStatus, string> = { draft: '为草稿', submitted: '已提交待审核', approved: '已审核通过', returned: '已退回' };

export function sameEvent(a: NormalizedEvent, b: NormalizedEvent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
