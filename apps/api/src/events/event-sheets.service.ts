import { Inject, Injectable, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { normalizeEventInput } from './event-input.js';
import { eventFilterOf } from './event-mapping.js';
import { EventsService, EDITABLE, STATUS_ZH, sameEvent, type UploadedFile } from './events.service.js';
import { type DivisionRef, type EventRow, EventsRepository } from './events.repository.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { type QueryEventsDto } from './dto/event.dto.js';
import { EVENT_EXPORT_COLUMNS, EVENTS_SHEET, type ExportRow, type SheetRowInput } from './sheets/events.sheet.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { beginDownload, CONTENT_TYPES, decodeUploadFileName, streamDownload } from '../spreadsheets/download.js';
import { assertExportSize } from '../spreadsheets/export-limit.js';
import { fileMissing } from '../spreadsheets/file-rejection.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';
import { type SheetRowValue, type SheetWriteOutcome } from '../spreadsheets/sheet-importer.js';
import { writeSheet } from '../spreadsheets/sheet-writer.js';
import { createDivisionLookup, divisionOutOfScope } from '../spreadsheets/division-lookup.js';
import { type EntityManager } from 'typeorm';
import { type EventImportResult, type ImportMode, type ImportRowError } from '@app/contracts';
import { shanghaiDay } from '@app/kpi-core';

const EXPORT_PAGE = 1000;

interface EventWriteContext {
  scope: DivisionScope;
  user: AuthenticatedUser;
  actor: Awaited<ReturnType<EventsService['actorOf']>>;
  types: Awaited<ReturnType<EventsService['typeRefs']>>;
  divisions: DivisionRef[];
  mode: ImportMode;
  columnOf: (key: string) => string;
  /** Rows were refused already (by their cells). */
  failed: boolean;
}

/** The events as a spreadsheet: the list exported (streamed), and the same format imported. */
@Injectable()
export class EventSheetsService {
  private readonly logger = new Logger(EventSheetsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
    private readonly sheets: SheetImportService,
  ) {}

  /** Streams the filtered list (the list's order) as XLSX; more than EXPORT_MAX_ROWS → 422 before a byte is written. */
  async exportEvents(scope: DivisionScope, query: QueryEventsDto, reply: FastifyReply): Promise<void> {
    const filter = eventFilterOf(scope, query);
    const total = await this.repository.count(filter);
    assertExportSize(total, this.config.exports.maxRows, '请缩小日期范围或按区县、类型、状态筛选后再导出。', 'Narrow the dates, or filter by division, type or status, and export again.');
    const repository = this.repository;
    const toExportRow = (row: EventRow): ExportRow => ({
      event: { ...this.events.fromEntity(row.event, row.indicatorIds), id: row.event.id, status: row.event.status, returnReason: row.event.returnReason },
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
      reply,
      () => {
        const file = beginDownload(reply, `科普活动-${shanghaiDay(new Date())}.xlsx`, CONTENT_TYPES.xlsx);
        return writeSheet(file, { format: 'xlsx', sheetName: '科普活动', columns: EVENT_EXPORT_COLUMNS, batches: pages() });
      },
      (error) => this.logger.warn({ err: error }, 'events export cut off'),
    );
  }

  /**
   * Imports events from the export's format (the events sheet through the one importer). A row with
   * the 编号 of an existing event updates it (only while draft or returned; identical rows are
   * unchanged); other rows create drafts. all-or-nothing (default): any bad row → 422 with every
   * error, nothing written. One transaction.
   */
  async importEvents(user: AuthenticatedUser, scope: DivisionScope, file: UploadedFile | undefined, mode: 'all-or-nothing' | 'valid-rows'): Promise<EventImportResult> {
    if (!file) throw fileMissing();
    const actor = await this.events.actorOf(user);
    const types = await this.events.typeRefs();
    const divisions = await this.repository.findDivisions();
    return this.sheets.import({
      file: { buffer: file.buffer, filename: decodeUploadFileName(file.originalName) },
      spec: EVENTS_SHEET,
      context: { lookupDivision: createDivisionLookup(divisions), covers: (code) => scope.covers(code) },
      mode,
      maxFileBytes: this.config.imports.maxBytes,
      writerChecksRows: true,
      write: (rows, manager, { columnOf, rejected }) => this.writeEvents(rows, manager, { scope, user, actor, types, divisions, mode, columnOf, failed: rejected > 0 }),
    });
  }

  /** Checks each row against the database (existing event, scope, links) and writes it, unless the file is refused anyway. */
  private async writeEvents(rows: SheetRowValue<SheetRowInput>[], manager: EntityManager, ctx: EventWriteContext): Promise<SheetWriteOutcome> {
    const { scope, user, actor, types, divisions, mode, columnOf } = ctx;
    const errors: ImportRowError[] = [];
    const badRows = new Set<number>();
    const seenIds = new Set<string>();
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    // all-or-nothing with a bad row anywhere: keep checking (every error in one answer), write nothing.
    const refused = () => mode === 'all-or-nothing' && (ctx.failed || errors.length > 0);
    for (const { row, value: { id, input } } of rows) {
      const before = errors.length;
      const rowError = (field: string, value: string, code: string, message: string, messageEn: string) => errors.push({ row, column: columnOf(field), value, code, message, messageEn });
      let existing: OutreachEventEntity | null = null;
      if (id) {
        if (seenIds.has(id)) rowError('id', id, 'DUPLICATE_ID', '编号在文件中重复', 'duplicate id in the file');
        else {
          seenIds.add(id);
          existing = await this.repository.lockById(manager, id);
          if (existing && !scope.covers(existing.divisionCode)) {
            rowError('id', id, 'OUT_OF_SCOPE', `该活动属于其他区划（${existing.divisionCode}），不能导入`, 'the event belongs to another division');
            existing = null;
          }
        }
      }
      if (errors.length > before) {
        badRows.add(row);
        continue;
      }
      const current = existing ? this.events.fromEntity(existing, await this.repository.findIndicatorIds(existing.id, manager)) : null;
      const raw = current ? this.events.merge(current, input) : input;
      const { value, errors: fieldErrors } = normalizeEventInput(raw, { types, defaultDivision: user.divisionCode, currentType: existing?.type });
      const cellOf = (field: string) => String(raw[field as keyof typeof raw] ?? '');
      for (const e of fieldErrors) rowError(e.field, cellOf(e.field), e.code ?? 'INVALID', e.message, e.messageEn ?? e.message);
      if (value) {
        if (!scope.covers(value.division)) {
          const { code, message, messageEn } = divisionOutOfScope(value.division, value.division);
          rowError('division', value.division, code, message, messageEn);
        } else if (!divisions.some((d) => d.code === value.division)) {
          rowError('division', value.division, 'DIVISION_UNKNOWN', `区划代码 ${value.division} 不存在`, `No division has the code ${value.division}`);
        } else {
          const link = await this.events.linkProblems(value.projectId, value.indicatorIds, value.division, Number(value.start.slice(0, 4)), manager);
          for (const e of link.problems) rowError(e.field, cellOf(e.field), e.code ?? 'INVALID', e.message, e.messageEn ?? e.message);
          value.projectId = link.projectId;
        }
      }
      if (errors.length > before || !value) {
        badRows.add(row);
        continue;
      }
      if (existing && current) {
        if (sameEvent(current, value)) {
          counts.unchanged++;
          continue;
        }
        if (!EDITABLE.includes(existing.status)) {
          rowError('id', existing.id, 'NOT_EDITABLE', `该活动${STATUS_ZH[existing.status]}，不能通过导入修改`, `a ${existing.status} event cannot be changed by an import`);
          badRows.add(row);
          continue;
        }
        if (refused()) continue; // rolled back anyway
        this.events.applyValue(existing, value);
        await this.repository.saveEvent(manager, existing);
        await this.repository.replaceIndicators(manager, existing.id, value.indicatorIds);
        await this.events.history(manager, existing.id, 'updated', existing.status, existing.status, null, actor);
        counts.updated++;
        continue;
      }
      if (refused()) continue;
      const event = this.events.applyValue(new OutreachEventEntity(), value);
      Object.assign(event, { status: 'draft', createdBy: actor.id, createdByName: actor.name, returnReason: null });
      if (id) event.id = id; // re-creates an exported event under its own id
      const saved = await this.repository.saveEvent(manager, event);
      await this.repository.replaceIndicators(manager, saved.id, value.indicatorIds);
      await this.events.history(manager, saved.id, 'imported', null, 'draft', null, actor);
      counts.inserted++;
    }
    return { ...counts, errors, rejected: badRows.size };
  }
}
