import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { normalizeEventInput } from './event-input.js';
import { eventFilterOf } from './event-mapping.js';
import { EventsService, EDITABLE, STATUS_ZH, sameEvent, type UploadedFile } from './events.service.js';
import { type EventRow, EventsRepository } from './events.repository.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { type QueryEventsDto } from './dto/event.dto.js';
import { EVENT_EXPORT_COLUMNS, eventHeaderScore, headerOf, mapSheetHeaders, readSheetRow, type ExportRow, type SheetRowInput } from './sheets/events.sheet.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isImportFileError } from '../spreadsheets/readers/import-file-error.js';
import { readTable } from '../spreadsheets/readers/read-table.js';
import { beginDownload, CONTENT_TYPES, decodeUploadFileName, streamDownload } from '../spreadsheets/download.js';
import { assertExportSize } from '../spreadsheets/export-limit.js';
import { fileErrorRejection, fileInvalid, fileMissing, rowsRejected } from '../spreadsheets/file-rejection.js';
import { writeSheet } from '../spreadsheets/sheet-writer.js';
import { createDivisionLookup, divisionOutOfScope } from '../spreadsheets/division-lookup.js';
import { type EventImportResult, type EventImportRowError } from '@app/contracts';
import { shanghaiDay } from '@app/kpi-core';

const EXPORT_PAGE = 1000;

/** The events as a spreadsheet: the list exported (streamed), and the same format imported. */
@Injectable()
export class EventSheetsService {
  private readonly logger = new Logger(EventSheetsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
  ) {}

  /** Streams the filtered list (the list's order) as XLSX; more than EXPORT_MAX_ROWS → 422 before a byte is written. */
  async exportEvents(scope: DivisionScope, query: QueryEventsDto, response: Response): Promise<void> {
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
      table = await readTable(file.buffer, { filename: decodeUploadFileName(file.originalName), scoreHeader: eventHeaderScore, limits: { maxFileBytes: this.config.imports.maxBytes, maxRows: this.config.imports.maxRows } });
    } catch (error) {
      if (!isImportFileError(error)) throw error;
      throw fileErrorRejection(error);
    }
    const mapping = mapSheetHeaders(table.headers);
    if (mapping.problems.length > 0) {
      const [first] = mapping.problems;
      throw fileInvalid(first.code, first.message, first.messageEn, { errors: mapping.problems.map((problem) => ({ row: 1, ...problem })) });
    }
    if (table.rows.length === 0) throw fileInvalid('NO_DATA_ROWS', '文件只有表头，没有数据行', 'The file has a header but no data rows');

    const actor = await this.events.actorOf(user);
    const types = await this.events.typeRefs();
    const divisions = await this.repository.findDivisions();
    const lookupDivision = createDivisionLookup(divisions);
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
        // A division given by name only (区县): the one lookup of every import, then the user's scope.
        if (!sheetRow.input.division && sheetRow.divisionName) {
          const found = lookupDivision(sheetRow.divisionName);
          const problem = 'error' in found ? found.error : scope.covers(found.code) ? null : divisionOutOfScope(sheetRow.divisionName, found.code);
          if (problem) rowError(sheetRow.row, 'divisionName', sheetRow.divisionName, problem.code, problem.message, problem.messageEn);
          else if (!('error' in found)) sheetRow.input.division = found.code;
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
        const current = existing ? this.events.fromEntity(existing, await this.repository.findIndicatorIds(existing.id, manager)) : null;
        const raw = current ? this.events.merge(current, sheetRow.input) : sheetRow.input;
        const { value, errors: fieldErrors } = normalizeEventInput(raw, { types, defaultDivision: user.divisionCode, currentType: existing?.type });
        const cellOf = (field: string) => String(raw[field as keyof typeof raw] ?? '');
        for (const e of fieldErrors) rowError(sheetRow.row, e.field, cellOf(e.field), e.code ?? 'INVALID', e.message, e.messageEn ?? e.message);
        if (value) {
          if (!scope.covers(value.division)) {
            const { code, message, messageEn } = divisionOutOfScope(value.division, value.division);
            rowError(sheetRow.row, 'division', value.division, code, message, messageEn);
          }
          else if (!divisions.some((d) => d.code === value.division)) rowError(sheetRow.row, 'division', value.division, 'DIVISION_UNKNOWN', `区划代码 ${value.division} 不存在`, `No division has the code ${value.division}`);
          else {
            const link = await this.events.linkProblems(value.projectId, value.indicatorIds, value.division, Number(value.start.slice(0, 4)), manager);
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
          this.events.applyValue(existing, value);
          await this.repository.saveEvent(manager, existing);
          await this.repository.replaceIndicators(manager, existing.id, value.indicatorIds);
          await this.events.history(manager, existing.id, 'updated', existing.status, existing.status, null, actor);
          updated++;
          continue;
        }
        if (mode === 'all-or-nothing' && errors.length > 0) continue;
        const event = this.events.applyValue(new OutreachEventEntity(), value);
        Object.assign(event, { status: 'draft', createdBy: actor.id, createdByName: actor.name, returnReason: null });
        if (sheetRow.id) event.id = sheetRow.id; // re-creates an exported event under its own id
        const saved = await this.repository.saveEvent(manager, event);
        await this.repository.replaceIndicators(manager, saved.id, value.indicatorIds);
        await this.events.history(manager, saved.id, 'imported', null, 'draft', null, actor);
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
}
