import { createHash, randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { type Response } from 'express';
import { type EntityManager } from 'typeorm';
import { normalizeEventInput, type EventTypeRef, type NormalizedEvent } from './event-input.js';
import { EVENT_EXPORT_COLUMNS, headerOf, mapSheetHeaders, readSheetRow, type ExportRow, type SheetRowInput } from './sheets/events.sheet.js';
import { type ApprovedEventTotals, type EventRow, EventsRepository } from './events.repository.js';
import { AttachmentDirectory } from './evidence/attachment-store.js';
import { readPhotoTakenAt } from './evidence/exif.js';
import { sniffFileType } from './evidence/file-sniffing.js';
import { EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { type EventHistoryEntity } from './entities/event-history.entity.js';
import { EventTypeEntity } from './entities/event-type.entity.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { type CreateEventTypeDto, type QueryEventsDto, type UpdateEventTypeDto } from './dto/event.dto.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { FactsChangedNotifier, type TouchedDay } from '../common/facts-changed.notifier.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { beginDownload, CONTENT_TYPES, decodeUploadFileName, streamDownload } from '../spreadsheets/download.js';
import { ImportFileRejectedException } from '../imports/import-errors.js';
import { assertExportSize } from '../spreadsheets/export-limit.js';
import { writeSheet } from '../spreadsheets/sheet-writer.js';
import { fileInvalid, fileMissing, fileTooLarge, rowsRejected, unsupportedFile } from '../spreadsheets/file-rejection.js';
import { isImportFileError, readTable } from '../imports/parsing/index.js';
import {
  EVENT_AUDIENCES,
  type EventAttachment,
  type EventDetail,
  type EventImportResult,
  type EventImportRowError,
  type EventInput,
  type EventStatus,
  type EventSummary,
  type EventType,
  type FieldError,
  type Page,
} from '@app/contracts';
import { shanghaiDay } from '@app/kpi-core';

const EDITABLE: readonly EventStatus[] = ['draft', 'returned'];
const EXPORT_PAGE = 1000;
const SELF_APPROVAL_NOTE = '管理员审核了本人提交的活动（四眼原则例外）';
const IMPORT_MAX_ROWS = 2_000;
const THUMBNAIL_MAX_BYTES = 512 * 1024;

export interface UploadedFile {
  originalName: string;
  buffer: Buffer;
}

interface Actor {
  id: string;
  name: string;
}

function invalid(errors: FieldError[], message = 'Validation failed / 输入有误'): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, message, errors });
}

@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);
  private readonly directory: AttachmentDirectory | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly factsChanged: FactsChangedNotifier,
  ) {
    this.directory = config.events.attachmentDir ? new AttachmentDirectory(config.events.attachmentDir) : null;
  }

  // ---------------------------------------------------------------- type dictionary

  async listTypes(): Promise<EventType[]> {
    return (await this.repository.listTypes()).map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, sort: t.sort, active: t.active }));
  }

  async createType(input: CreateEventTypeDto): Promise<EventType> {
    if (await this.repository.findType(input.code)) {
      throw new ConflictException({ statusCode: 409, message: `Event type ${input.code} exists / 活动类型已存在`, errors: [{ field: 'code', message: 'already exists / 已存在' }] });
    }
    await this.assertNameFree(input.nameZh, null);
    const saved = await this.repository.saveType(
      Object.assign(new EventTypeEntity(), { code: input.code, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), sort: input.sort ?? 0, active: input.active ?? true }),
    );
    return { code: saved.code, nameZh: saved.nameZh, nameEn: saved.nameEn, sort: saved.sort, active: saved.active };
  }

  async updateType(code: string, input: UpdateEventTypeDto): Promise<EventType> {
    const type = await this.repository.findType(code);
    if (!type) throw new NotFoundException(`Event type ${code} does not exist / 活动类型不存在`);
    if (input.nameZh !== undefined) await this.assertNameFree(input.nameZh.trim(), code);
    Object.assign(type, {
      nameZh: input.nameZh?.trim() ?? type.nameZh,
      nameEn: input.nameEn?.trim() ?? type.nameEn,
      sort: input.sort ?? type.sort,
      active: input.active ?? type.active,
    });
    const saved = await this.repository.saveType(type);
    return { code: saved.code, nameZh: saved.nameZh, nameEn: saved.nameEn, sort: saved.sort, active: saved.active };
  }

  private async assertNameFree(nameZh: string, code: string | null): Promise<void> {
    const other = await this.repository.findTypeByNameZh(nameZh);
    if (other && other.code !== code) {
      throw new ConflictException({ statusCode: 409, message: `The name ${nameZh} is taken / 名称已被使用`, errors: [{ field: 'nameZh', message: 'already used / 已被使用' }] });
    }
  }

  private async typeRefs(): Promise<EventTypeRef[]> {
    return (await this.repository.listTypes()).map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, active: t.active }));
  }

  // ---------------------------------------------------------------- reading

  async listEvents(scope: DivisionScope, query: QueryEventsDto): Promise<Page<EventSummary>> {
    const { rows, total } = await this.repository.findPage({
      scope,
      division: query.division,
      types: query.type,
      statuses: query.status,
      from: query.from,
      to: query.to,
      text: query.q?.trim() || undefined,
      indicatorId: query.indicatorId,
      sort: query.sort,
      order: query.order,
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
      attachments: attachments.map((a) => this.toAttachment(a)),
      can: {
        edit: writer && EDITABLE.includes(status),
        submit: writer && EDITABLE.includes(status),
        delete: writer && status === 'draft',
        approve: reviewer && status === 'submitted',
        return: reviewer && (status === 'submitted' || status === 'approved'),
      },
    };
  }

  /** Approved-event totals per (division, day), for the KPI rollups and budget indicator bindings. */
  approvedTotalsForDays(days: readonly TouchedDay[], manager: EntityManager | null = null): Promise<ApprovedEventTotals[]> {
    return this.repository.approvedTotalsForDays(manager, days);
  }

  private async requireRow(scope: DivisionScope, id: string): Promise<EventRow> {
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

  private async lockInScope(manager: EntityManager, scope: DivisionScope, id: string): Promise<OutreachEventEntity> {
    const event = await this.repository.lockById(manager, id);
    if (!event) throw new NotFoundException(`Event ${id} does not exist / 活动不存在`);
    scope.assertCovers(event.divisionCode);
    return event;
  }

  private assertStatus(event: OutreachEventEntity, allowed: readonly EventStatus[], action: string): void {
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

  /**
   * The budget project (by id, or by the code the budget page shows) must be one of the event's
   * division, of the event's year; each performance indicator must exist and belong to that
   * project (or, without a project, to a project of the division). Gives the project's id.
   */
  async linkProblems(
    projectIdOrCode: string | null,
    indicatorIds: readonly string[],
    division: string,
    year: number,
    manager?: EntityManager,
  ): Promise<{ problems: FieldError[]; projectId: string | null }> {
    const problems: FieldError[] = [];
    let projectId: string | null = null;
    if (projectIdOrCode) {
      const project = await this.repository.findBudgetProject(projectIdOrCode, division, year, manager);
      if (!project) {
        problems.push({ field: 'projectId', code: 'PROJECT_NOT_FOUND', message: '预算项目不存在', messageEn: `budget project ${projectIdOrCode} does not exist` });
      } else if (project.divisionCode !== division) {
        problems.push({
          field: 'projectId',
          code: 'PROJECT_OF_OTHER_DIVISION',
          message: `该预算项目属于其他区划（${project.divisionCode}）`,
          messageEn: `the budget project belongs to division ${project.divisionCode}, not ${division}`,
        });
      } else if (project.year !== year) {
        problems.push({
          field: 'projectId',
          code: 'PROJECT_OF_OTHER_YEAR',
          message: `该预算项目属于 ${project.year} 年，活动在 ${year} 年`,
          messageEn: `the budget project is of ${project.year}, the event of ${year}`,
          params: { projectYear: project.year, eventYear: year },
        });
      } else projectId = project.id;
    }
    if (indicatorIds.length === 0 || (projectIdOrCode && !projectId)) return { problems, projectId };
    const found = new Map((await this.repository.findIndicatorOwners(indicatorIds, manager)).map((i) => [i.id, i]));
    for (const id of indicatorIds) {
      const indicator = found.get(id);
      if (!indicator) {
        problems.push({ field: 'indicatorIds', code: 'INDICATOR_NOT_FOUND', message: `绩效指标不存在（${id}）`, messageEn: `performance indicator ${id} does not exist`, params: { id } });
      } else if (projectId ? indicator.projectId !== projectId : indicator.divisionCode !== division) {
        problems.push({
          field: 'indicatorIds',
          code: 'INDICATOR_OF_OTHER_PROJECT',
          message: projectId ? '该绩效指标不属于所选预算项目' : '该绩效指标不属于本区划的预算项目',
          messageEn: projectId ? `indicator ${id} does not belong to the chosen budget project` : `indicator ${id} does not belong to a budget project of division ${division}`,
          params: { id },
        });
      }
    }
    return { problems, projectId };
  }

  /** The stored event with the given changes over it; a one-day event moved to another start stays one day. */
  private merge(current: NormalizedEvent, changes: Record<string, unknown>): EventInput & Record<string, unknown> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const merged: EventInput & Record<string, unknown> = { ...current, ...defined };
    if (defined.start !== undefined && defined.end === undefined && current.end === current.start) merged.end = defined.start as string;
    return merged;
  }

  private applyValue(event: OutreachEventEntity, value: NormalizedEvent): OutreachEventEntity {
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

  private fromEntity(event: OutreachEventEntity, indicatorIds: string[]): NormalizedEvent {
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

  private async history(
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

  private async actorOf(user: AuthenticatedUser): Promise<Actor> {
    return { id: user.id, name: (await this.repository.findUserDisplayName(user.id)) ?? user.username };
  }

  // ---------------------------------------------------------------- attachments

  async listAttachments(scope: DivisionScope, id: string): Promise<EventAttachment[]> {
    await this.requireRow(scope, id);
    return (await this.repository.findAttachments(id)).map((a) => this.toAttachment(a));
  }

  async uploadAttachment(user: AuthenticatedUser, scope: DivisionScope, id: string, file: UploadedFile | undefined, thumbnail: UploadedFile | undefined): Promise<EventAttachment> {
    if (!file) throw fileMissing();
    const max = this.config.events.attachmentMaxBytes;
    if (file.buffer.length > max) throw fileTooLarge(max);
    const sniffed = sniffFileType(file.buffer);
    if (!sniffed.ok) {
      if (sniffed.code === 'EMPTY') throw fileInvalid('FILE_EMPTY', `文件为空（0 字节）`, `The file "${file.originalName}" is empty (0 bytes)`);
      const what = sniffed.detected ? ` (it is a ${sniffed.detected})` : '';
      throw unsupportedFile(
        'UNSUPPORTED_FORMAT',
        `只接受 JPEG、PNG、WebP 照片和 PDF 文档，“${file.originalName}”的内容不是这些格式`,
        `Only JPEG, PNG, WebP photos and PDF documents are accepted; "${file.originalName}" is not one of them${what}`,
        { params: { detected: sniffed.detected ?? '' } },
      );
    }
    let thumbBytes: Buffer | null = null;
    let thumbType: string | null = null;
    if (thumbnail && thumbnail.buffer.length > 0 && sniffed.image) {
      const thumbSniffed = sniffFileType(thumbnail.buffer);
      if (thumbSniffed.ok && thumbSniffed.image && thumbnail.buffer.length <= THUMBNAIL_MAX_BYTES) {
        thumbBytes = thumbnail.buffer;
        thumbType = thumbSniffed.contentType;
      }
    }
    const actor = await this.actorOf(user);
    const fileName = decodeUploadFileName(file.originalName).replace(/[\\/\0]/g, '_').slice(0, 255) || 'upload';
    const takenAt = sniffed.image ? readPhotoTakenAt(sniffed.kind, file.buffer) : null;
    let writtenKey: string | null = null;
    try {
      const saved = await this.repository.transaction(async (manager) => {
        const event = await this.lockInScope(manager, scope, id);
        this.assertStatus(event, EDITABLE, 'given new attachments');
        const attachmentId = randomUUID();
        const storageKey = this.directory ? AttachmentDirectory.keyOf(id, attachmentId) : null;
        const attachment = Object.assign(new EventAttachmentEntity(), {
          id: attachmentId,
          eventId: id,
          fileName,
          kind: sniffed.kind,
          contentType: sniffed.contentType,
          size: file.buffer.length,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          takenAt,
          storageKey,
          thumbnailType: thumbType,
          uploadedBy: actor.id,
          uploadedByName: actor.name,
        });
        const result = await this.repository.insertAttachment(manager, attachment, {
          content: storageKey ? null : file.buffer,
          thumbnail: storageKey ? null : thumbBytes,
        });
        // Last step of the transaction: a failed write rolls the row back.
        if (this.directory && storageKey) {
          await this.directory.write(storageKey, file.buffer, thumbBytes);
          writtenKey = storageKey;
        }
        return result;
      });
      return this.toAttachment(saved);
    } catch (error) {
      if (writtenKey && this.directory) await this.directory.remove(writtenKey).catch(() => undefined);
      throw error;
    }
  }

  async readAttachment(scope: DivisionScope, id: string, attachmentId: string, thumbnail: boolean): Promise<{ attachment: EventAttachmentEntity; bytes: Buffer; contentType: string }> {
    await this.requireRow(scope, id); // 403 for another division's evidence, before anything is read
    const attachment = await this.repository.findAttachment(id, attachmentId);
    if (!attachment) throw new NotFoundException(`Attachment ${attachmentId} does not exist / 附件不存在`);
    const wantThumb = thumbnail && attachment.thumbnailType !== null;
    let bytes: Buffer | null;
    if (attachment.storageKey) {
      if (!this.directory) throw new NotFoundException('The attachment is stored in a folder that is not configured (EVENT_ATTACHMENT_DIR) / 附件存储目录未配置');
      bytes = await this.directory.read(attachment.storageKey, wantThumb);
    } else {
      bytes = await this.repository.readAttachmentBytes(attachmentId, wantThumb ? 'thumbnail' : 'content');
    }
    if (!bytes) throw new NotFoundException(`The attachment's content is missing / 附件内容缺失`);
    return { attachment, bytes, contentType: wantThumb ? attachment.thumbnailType! : attachment.contentType };
  }

  async deleteAttachment(user: AuthenticatedUser, scope: DivisionScope, id: string, attachmentId: string): Promise<void> {
    let key: string | null = null;
    await this.repository.transaction(async (manager) => {
      const event = await this.lockInScope(manager, scope, id);
      this.assertStatus(event, EDITABLE, 'changed');
      const attachment = await this.repository.findAttachment(id, attachmentId);
      if (!attachment) throw new NotFoundException(`Attachment ${attachmentId} does not exist / 附件不存在`);
      key = attachment.storageKey;
      await this.repository.removeAttachment(manager, attachment);
    });
    if (key && this.directory) await this.directory.remove(key).catch(() => undefined);
  }

  // ---------------------------------------------------------------- export and import

  /** Streams the filtered list (the list's order) as XLSX; more than EXPORT_MAX_ROWS → 422 before a byte is written. */
  async exportEvents(scope: DivisionScope, query: QueryEventsDto, response: Response): Promise<void> {
    const filter = {
      scope,
      division: query.division,
      types: query.type,
      statuses: query.status,
      from: query.from,
      to: query.to,
      text: query.q?.trim() || undefined,
      sort: query.sort,
      order: query.order,
    };
    const total = await this.repository.count(filter);
    assertExportSize(total, this.config.exports.maxRows, '请缩小日期范围或按区县、类型、状态筛选后再导出。', 'Narrow the dates, or filter by division, type or status, and export again.');
    const repository = this.repository;
    const toExportRow = (row: EventRow): ExportRow => ({
      event: { ...this.fromEntity(row.event, row.indicatorIds), id: row.event.id, status: row.event.status, returnReason: row.event.returnReason },
      typeNameZh: row.typeNameZh,
      divisionName: row.divisionName,
    });
    async function* pages(): AsyncGenerator<ExportRow[]> {
      for (let offset = 0; offset < total; offset += EXPORT_PAGE) {
        const { rows } = await repository.findPage({ ...filter, offset, limit: EXPORT_PAGE });
        if (rows.length === 0) return;
        yield rows.map(toExportRow);
      }
    }
    await streamDownload(
      response,
      () => {
        beginDownload(response, `科普活动-${shanghaiDay(new Date())}.xlsx`, CONTENT_TYPES.xlsx);
        return writeSheet(response, { format: 'xlsx', sheetName: '科普活动', columns: EVENT_EXPORT_COLUMNS, batches: pages() });
      },
      (error) => this.logger.warn({ err: error }, 'events export cut off'),
    );
  }

  /**
   * Imports events from the export's format. A row with the 编号 of an existing event updates it
   * (only while draft or returned; identical rows are unchanged); other rows create drafts.
   * all-or-nothing (default): any bad row → 422 with every error, nothing written. One transaction.
   */
  async importEvents(user: AuthenticatedUser, scope: DivisionScope, file: UploadedFile | undefined, mode: 'all-or-nothing' | 'valid-rows'): Promise<EventImportResult> {
    if (!file) throw fileMissing();
    let table;
    try {
      table = await readTable(file.buffer, { filename: decodeUploadFileName(file.originalName), limits: { maxFileBytes: this.config.imports.maxBytes, maxRows: IMPORT_MAX_ROWS } });
    } catch (error) {
      if (!isImportFileError(error)) throw error;
      throw new ImportFileRejectedException(error, null);
    }
    const mapping = mapSheetHeaders(table.headers);
    if (mapping.problems.length > 0) {
      const [first] = mapping.problems;
      throw fileInvalid(first.code, first.message, first.messageEn, { errors: mapping.problems.map((problem) => ({ row: 1, ...problem })) });
    }
    if (table.rows.length === 0) throw fileInvalid('NO_DATA_ROWS', '文件只有表头，没有数据行', 'The file has a header but no data rows');

    const actor = await this.actorOf(user);
    const types = await this.typeRefs();
    const divisions = await this.repository.findDivisions();
    const errors: EventImportRowError[] = [];
    const rowError = (row: number, field: string, value: string, code: string, message: string, messageEn: string) => {
      errors.push({ row, column: headerOf(mapping, field), value, code, message, messageEn });
    };

    const result = await this.repository.transaction(async (manager) => {
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      const seenIds = new Set<string>();
      const badRows = new Set<number>();
      for (const tableRow of table.rows) {
        if (tableRow.cells.every((cell) => cell.trim() === '')) continue;
        const sheetRow: SheetRowInput = readSheetRow(tableRow, mapping);
        const before = errors.length;
        for (const problem of sheetRow.cellErrors) rowError(sheetRow.row, problem.field, problem.value, problem.code, problem.message, problem.messageEn);
        for (const issue of tableRow.cellIssues ?? []) rowError(sheetRow.row, table.headers[issue.column] ?? '', '', 'CELL_ERROR', issue.message, issue.messageEn);
        // A division given by name only (区县) is resolved among the divisions in scope.
        if (!sheetRow.input.division && sheetRow.divisionName) {
          const matches = divisions.filter((d) => d.name === sheetRow.divisionName && scope.covers(d.code));
          if (matches.length === 1) sheetRow.input.division = matches[0].code;
          else if (matches.length > 1) rowError(sheetRow.row, 'divisionName', sheetRow.divisionName, 'AMBIGUOUS_DIVISION', '区县名称不唯一，请填写区划代码', 'ambiguous division name; give the code');
          else rowError(sheetRow.row, 'divisionName', sheetRow.divisionName, 'UNKNOWN_DIVISION', '未知或不在权限范围内的区县', 'unknown division or outside your scope');
        }
        let existing: OutreachEventEntity | null = null;
        if (sheetRow.id) {
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(sheetRow.id)) {
            rowError(sheetRow.row, 'id', sheetRow.id, 'INVALID_ID', '编号应为导出文件中的活动编号，新活动请留空', 'the id must be an exported event id (UUID); leave it empty for new events');
          } else if (seenIds.has(sheetRow.id)) rowError(sheetRow.row, 'id', sheetRow.id, 'DUPLICATE_ID', '编号在文件中重复', 'duplicate id in the file');
          else {
            seenIds.add(sheetRow.id);
            existing = await this.repository.lockById(manager, sheetRow.id);
            if (existing && !scope.covers(existing.divisionCode)) {
              rowError(sheetRow.row, 'id', sheetRow.id, 'OUT_OF_SCOPE', `该活动属于其他区划（${existing.divisionCode}），不能导入`, 'the event belongs to another division');
              existing = null;
            }
          }
        }
        if (errors.length > before) {
          badRows.add(sheetRow.row);
          continue;
        }
        const current = existing ? this.fromEntity(existing, await this.repository.findIndicatorIds(existing.id, manager)) : null;
        const raw = current ? this.merge(current, sheetRow.input) : sheetRow.input;
        const { value, errors: fieldErrors } = normalizeEventInput(raw, { types, defaultDivision: user.divisionCode, currentType: existing?.type });
        const cellOf = (field: string) => String(raw[field as keyof typeof raw] ?? '');
        for (const e of fieldErrors) rowError(sheetRow.row, e.field, cellOf(e.field), e.code ?? 'INVALID', e.message, e.messageEn ?? e.message);
        if (value) {
          if (!scope.covers(value.division)) rowError(sheetRow.row, 'division', value.division, 'OUT_OF_SCOPE', `区划 ${value.division} 不在您的权限范围内`, 'outside your scope');
          else if (!divisions.some((d) => d.code === value.division)) rowError(sheetRow.row, 'division', value.division, 'UNKNOWN_DIVISION', '区划不存在', 'unknown division');
          else {
            const link = await this.linkProblems(value.projectId, value.indicatorIds, value.division, Number(value.start.slice(0, 4)), manager);
            for (const e of link.problems) {
              rowError(sheetRow.row, e.field, cellOf(e.field), e.code ?? 'INVALID', e.message, e.messageEn ?? e.message);
            }
            value.projectId = link.projectId;
          }
        }
        if (errors.length > before || !value) {
          badRows.add(sheetRow.row);
          continue;
        }
        if (existing && current) {
          if (sameEvent(current, value)) {
            unchanged++;
            continue;
          }
          if (!EDITABLE.includes(existing.status)) {
            rowError(sheetRow.row, 'id', existing.id, 'NOT_EDITABLE', `该活动${STATUS_ZH[existing.status]}，不能通过导入修改`, `a ${existing.status} event cannot be changed by an import`);
            badRows.add(sheetRow.row);
            continue;
          }
          if (mode === 'all-or-nothing' && errors.length > 0) continue; // will roll back anyway
          this.applyValue(existing, value);
          await this.repository.saveEvent(manager, existing);
          await this.repository.replaceIndicators(manager, existing.id, value.indicatorIds);
          await this.history(manager, existing.id, 'updated', existing.status, existing.status, null, actor);
          updated++;
          continue;
        }
        if (mode === 'all-or-nothing' && errors.length > 0) continue;
        const event = this.applyValue(new OutreachEventEntity(), value);
        Object.assign(event, { status: 'draft', createdBy: actor.id, createdByName: actor.name, returnReason: null });
        if (sheetRow.id) event.id = sheetRow.id; // re-creates an exported event under its own id
        const saved = await this.repository.saveEvent(manager, event);
        await this.repository.replaceIndicators(manager, saved.id, value.indicatorIds);
        await this.history(manager, saved.id, 'imported', null, 'draft', null, actor);
        inserted++;
      }
      const outcome: EventImportResult = { rows: table.rows.length, inserted, updated, unchanged, rejected: badRows.size, errors };
      if (errors.length > 0 && (mode === 'all-or-nothing' || inserted + updated === 0)) {
        // Throwing rolls back everything this transaction wrote.
        throw rowsRejected(badRows.size, errors, { ...outcome, inserted: 0, updated: 0, unchanged: 0 });
      }
      return outcome;
    });
    return result;
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

  private toAttachment(a: EventAttachmentEntity): EventAttachment {
    return {
      id: a.id,
      fileName: a.fileName,
      kind: a.kind,
      contentType: a.contentType,
      size: a.size,
      takenAt: a.takenAt,
      hasThumbnail: a.thumbnailType !== null,
      uploadedByName: a.uploadedByName,
      uploadedAt: a.uploadedAt.toISOString(),
    };
  }
}

const STATUS_ZH: Record<EventStatus, string> = { draft: '为草稿', submitted: '已提交待审核', approved: '已审核通过', returned: '已退回' };

function sameEvent(a: NormalizedEvent, b: NormalizedEvent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
