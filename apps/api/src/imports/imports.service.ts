import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportBatchesRepository, type NewImportBatch } from './import-batches.repository.js';
import { createDivisionResolver } from './division-resolver.js';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type ImportResult, type ImportResultError } from './import-result.js';
import { ImportBatchEntity, type ImportMode, type ImportSource, type ImportStatus } from './entities/import-batch.entity.js';
import { ImportFileError, isImportFileError, matchHeaders, parseRows, readTable, type ReadTableResult, type RowError } from './parsing/index.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { FactsChangedNotifier } from '../common/facts-changed.notifier.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FEED_SOURCE, FILE_SOURCE } from '../platform/platform-facts.js';
import { type DatasetFacts, PlatformFactsService } from '../platform/platform-facts.service.js';
import { type ImportDataset, type Page } from '@app/contracts';

/** Row errors kept on the batch (history); the response carries up to RESPONSE_ERRORS_MAX. */
export const IMPORT_ERRORS_KEPT = 1_000;
export const RESPONSE_ERRORS_MAX = 10_000;

export interface Importer {
  id: string | null;
  name: string;
  divisionCode: string;
}

export interface ImportRequest {
  dataset: ImportDataset;
  mode: ImportMode;
  source: ImportSource;
  fileName: string | null;
  importer: Importer;
  scope: DivisionScope;
}

export interface BatchSummary {
  id: string;
  dataset: ImportDataset;
  source: ImportSource;
  fileName: string | null;
  sha256: string | null;
  mode: ImportMode;
  status: ImportStatus;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  message: string | null;
  createdBy: string | null;
  createdByName: string;
  createdByDivision: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface BatchDetail extends BatchSummary {
  errors: ImportResultError[];
  touchedDays: number;
}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: ImportBatchesRepository,
    private readonly facts: PlatformFactsService,
    private readonly factsChanged: FactsChangedNotifier,
  ) {}

  /**
   * Imports a CSV or XLSX file. A refused file throws ImportFileRejectedException (4xx); bad rows
   * in all-or-nothing mode throw ImportRowsRejectedException (422). Either way the batch is
   * recorded for the history and no fact is written.
   */
  async importFile(request: ImportRequest & { buffer: Buffer; sheet?: string }): Promise<ImportResult> {
    const startedAt = new Date();
    const sha256 = createHash('sha256').update(request.buffer).digest('hex');
    let table: ReadTableResult;
    try {
      table = await readTable(request.buffer, {
        filename: request.fileName ?? 'upload',
        sheet: request.sheet,
        dataset: request.dataset,
        limits: { maxFileBytes: this.config.imports.maxBytes },
      });
      matchHeaders(request.dataset, table.headers); // header problems are file problems, reported before any row
      if (table.rows.length === 0) {
        throw new ImportFileError('EMPTY_FILE', '文件只有表头，没有数据行', 'The file has a header but no data rows');
      }
    } catch (error) {
      if (!isImportFileError(error)) throw error;
      const batchId = await this.batches.insertBatch({
        ...this.newBatch(request, sha256, startedAt, 'rejected', 0),
        message: `${error.message} / ${error.messageEn}`,
        finishedAt: new Date(),
      });
      throw new ImportFileRejectedException(error, batchId);
    }
    return this.importTable({ ...request, table, sha256, startedAt });
  }

  /** Imports rows already in table shape (the JSON feed builds one); same validation and writing. */
  async importTable(request: ImportRequest & { table: ReadTableResult; sha256: string | null; startedAt?: Date }): Promise<ImportResult> {
    const startedAt = request.startedAt ?? new Date();
    const { dataset, table, scope } = request;
    const resolveDivision = createDivisionResolver(await this.batches.findDivisions());
    let parsed: ReturnType<typeof parseRows<typeof dataset>>;
    try {
      parsed = parseRows(dataset, table, { resolveDivision });
    } catch (error) {
      // Header problems (a fed table is not checked by readTable): the whole input is refused.
      if (!isImportFileError(error)) throw error;
      const batchId = await this.batches.insertBatch({
        ...this.newBatch(request, request.sha256, startedAt, 'rejected', table.rows.length),
        message: `${error.message} / ${error.messageEn}`,
        finishedAt: new Date(),
      });
      throw new ImportFileRejectedException(error, batchId);
    }

    // Rows outside the importer's scope are rejected with the reason, never written.
    const divisionHeader = this.divisionHeader(dataset, table.headers);
    const rows: Array<DatasetFacts[typeof dataset] & { row: number }> = [];
    const errors: RowError[] = [...parsed.errors];
    for (const row of parsed.rows) {
      if (scope.covers(row.divisionCode)) {
        rows.push(row);
        continue;
      }
      errors.push({
        row: row.row,
        column: divisionHeader,
        value: row.divisionCode,
        code: 'OUT_OF_SCOPE' as RowError['code'],
        message: `区划 ${row.divisionCode} 不在您的权限范围内（${scope.homeDivision}），不能导入`,
        messageEn: `division ${row.divisionCode} is outside your scope (${scope.homeDivision}); not imported`,
      });
    }
    errors.sort((a, b) => a.row - b.row);
    const rejected = new Set(errors.map((error) => error.row)).size;
    const responseErrors = errors.slice(0, RESPONSE_ERRORS_MAX).map(toResultError);
    const base = this.newBatch(request, request.sha256, startedAt, 'rejected', table.rows.length);

    if (errors.length > 0 && (request.mode === 'all-or-nothing' || rows.length === 0)) {
      const batchId = await this.batches.insertBatch({
        ...base,
        rejected,
        errorCount: errors.length,
        errors: responseErrors.slice(0, IMPORT_ERRORS_KEPT),
        finishedAt: new Date(),
      });
      throw new ImportRowsRejectedException({
        batchId, dataset, rows: table.rows.length, inserted: 0, updated: 0, unchanged: 0, rejected, errors: responseErrors,
      });
    }

    // One transaction: the batch, every fact and the audit rows commit together or not at all.
    try {
      return await this.dataSource.transaction(async (manager) => {
        const status: ImportStatus = errors.length > 0 ? 'partial' : 'succeeded';
        const batchId = await this.batches.insertBatch({ ...base, status }, manager);
        const source = request.source === 'feed' ? FEED_SOURCE : FILE_SOURCE;
        const outcome = await this.facts.writeFacts(manager, dataset, source, batchId, rows);
        // Listeners (the KPI rollups) refresh exactly these days, in this same transaction.
        await this.factsChanged.emit(manager, outcome.touched);
        await this.batches.finishBatch(manager, batchId, {
          status,
          inserted: outcome.inserted,
          updated: outcome.updated,
          unchanged: outcome.unchanged,
          rejected,
          errorCount: errors.length,
          errors: responseErrors.slice(0, IMPORT_ERRORS_KEPT),
          touched: outcome.touched,
          finishedAt: new Date(),
        });
        return {
          batchId, dataset, rows: table.rows.length,
          inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, rejected, errors: responseErrors,
        };
      });
    } catch (error) {
      // Everything above rolled back; keep a trace of the attempt in the history.
      await this.batches
        .insertBatch({ ...base, status: 'failed', message: `导入失败，未写入任何数据 / import failed, nothing written: ${String((error as Error)?.message ?? error).slice(0, 500)}`, finishedAt: new Date() })
        .catch((recordError) => this.logger.error({ err: recordError }, 'Could not record the failed import batch'));
      throw error;
    }
  }

  async listBatches(scope: DivisionScope, query: { dataset?: ImportDataset; status?: ImportStatus; page: number; pageSize: number }): Promise<Page<BatchSummary>> {
    const [rows, total] = await this.batches.findPage({
      divisionCodes: scope.divisionCodes,
      dataset: query.dataset,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map((row) => this.toSummary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async getBatch(scope: DivisionScope, id: string): Promise<BatchDetail> {
    const batch = await this.batches.findById(id);
    if (!batch) throw new NotFoundException(`Import batch ${id} does not exist / 导入批次不存在`);
    scope.assertCovers(batch.createdByDivision);
    return { ...this.toSummary(batch), errors: batch.errors, touchedDays: batch.touched.length };
  }

  private newBatch(request: ImportRequest, sha256: string | null, startedAt: Date, status: ImportStatus, rows: number): NewImportBatch {
    return {
      dataset: request.dataset,
      source: request.source,
      fileName: request.fileName,
      sha256,
      mode: request.mode,
      status,
      rows,
      createdBy: request.importer.id,
      createdByName: request.importer.name,
      createdByDivision: request.importer.divisionCode,
      startedAt,
    };
  }

  private divisionHeader(dataset: ImportDataset, headers: string[]): string {
    const { columns } = matchHeaders(dataset, headers) as { columns: Partial<Record<'divisionCode' | 'divisionName', { header: string }>> };
    return columns.divisionCode?.header ?? columns.divisionName?.header ?? '区划代码';
  }

  private toSummary(batch: ImportBatchEntity): BatchSummary {
    return {
      id: batch.id,
      dataset: batch.dataset,
      source: batch.source,
      fileName: batch.fileName,
      sha256: batch.sha256,
      mode: batch.mode,
      status: batch.status,
      rows: batch.rows,
      inserted: batch.inserted,
      updated: batch.updated,
      unchanged: batch.unchanged,
      rejected: batch.rejected,
      errorCount: batch.errorCount,
      message: batch.message,
      createdBy: batch.createdBy,
      createdByName: batch.createdByName,
      createdByDivision: batch.createdByDivision,
      startedAt: batch.startedAt.toISOString(),
      finishedAt: batch.finishedAt?.toISOString() ?? null,
    };
  }
}

function toResultError(error: RowError): ImportResultError {
  return { row: error.row, column: error.column, value: error.value.slice(0, 200), code: error.code, message: error.message, messageEn: error.messageEn };
}
