import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ImportBatchesRepository, type NewImportBatch } from './import-batches.repository.js';
import { createDivisionLookup, divisionOutOfScope } from '../spreadsheets/division-lookup.js';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type ImportResult, type ImportResultError } from './import-result.js';
import { ImportBatchEntity, type ImportMode, type ImportSource, type ImportStatus } from './entities/import-batch.entity.js';
import {
  createRowParser,
  DEFAULT_READ_LIMITS,
  HEADER_SEARCH_ROWS,
  ImportFileError,
  isImportFileError,
  matchHeaders,
  openXlsxSheet,
  parseRows,
  readCsvStream,
  readTable,
  sniffFormat,
  splitHeader,
  type ReadLimits,
  type ReadTableResult,
  type RowError,
  type TableRow,
} from './parsing/index.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { FactsChangedNotifier } from '../common/facts-changed.notifier.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FEED_SOURCE, FILE_SOURCE } from '../platform/platform-facts.js';
import { type DatasetFacts, PlatformFactsService } from '../platform/platform-facts.service.js';
import { type NumberedFact, StreamedFacts } from '../platform/fact-upsert.js';
import { type ImportBatchDetail, type ImportBatchSummary, type ImportDataset, type Page } from '@app/contracts';

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

/** A streamed CSV: the whole input, read once, chunk by chunk. */
export interface StreamImportRequest extends ImportRequest {
  stream: AsyncIterable<Uint8Array>;
  sheet?: string;
  /** Defaults: DEFAULT_READ_LIMITS with the configured IMPORT_MAX_BYTES. */
  limits?: Partial<ReadLimits>;
}

// Thrown inside the streamed import's transaction to roll it back when rows are rejected.
class RowsRejected extends Error {}

/** A row of a division the importer may not write: rejected with the reason, never written. */
function outOfScope(row: { row: number; divisionCode: string }, column: string): RowError {
  const { code, message, messageEn } = divisionOutOfScope(row.divisionCode, row.divisionCode);
  return { row: row.row, column, value: row.divisionCode, code, message, messageEn };
}

export type BatchSummary = ImportBatchSummary;
export type BatchDetail = ImportBatchDetail;

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
        limits: { maxFileBytes: this.config.imports.maxBytes, maxRows: this.config.imports.maxRows },
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

  /**
   * Imports rows already in table shape (the JSON feed builds one); same validation and writing.
   * With `manager` the batch and its facts are written in the caller's transaction (the feed
   * imports all its datasets in one): refused input is still recorded at once on its own
   * connection, but a failure while writing is only rethrown: the caller rolls back and then
   * records the attempt with recordFailedImport.
   */
  async importTable(request: ImportRequest & { table: ReadTableResult; sha256: string | null; startedAt?: Date; manager?: EntityManager }): Promise<ImportResult> {
    const startedAt = request.startedAt ?? new Date();
    const { dataset, table, scope } = request;
    const resolveDivision = createDivisionLookup(await this.batches.findDivisions());
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
      errors.push(outOfScope(row, divisionHeader));
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
    const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => (request.manager ? work(request.manager) : this.dataSource.transaction(work));
    try {
      return await inTransaction(async (manager) => {
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
      // Everything above rolled back (the caller's transaction: once the caller rolled it back).
      if (request.manager) throw error;
      await this.recordFailedImport(request, request.sha256, startedAt, table.rows.length, error);
      throw error;
    }
  }

  /** Keeps a trace in the history of an import whose transaction was rolled back (status failed). */
  async recordFailedImport(request: ImportRequest, sha256: string | null, startedAt: Date, rows: number, error: unknown): Promise<void> {
    await this.batches
      .insertBatch({
        ...this.newBatch(request, sha256, startedAt, 'failed', rows),
        message: `导入失败，未写入任何数据 / import failed, nothing written: ${String((error as Error)?.message ?? error).slice(0, 500)}`,
        finishedAt: new Date(),
      })
      .catch((recordError) => this.logger.error({ err: recordError }, 'Could not record the failed import batch'));
  }

  /** Imports a file from disk (the inbox, the benchmark) through the streaming path. */
  importPath(request: ImportRequest & { path: string; sheet?: string; limits?: Partial<ReadLimits> }): Promise<ImportResult> {
    const { path, ...rest } = request;
    return this.importStream({ ...rest, stream: createReadStream(path, { highWaterMark: 64 * 1024 }) });
  }

  /**
   * Imports a CSV or XLSX read as a stream, so that a 1,000,000-row file never sits in memory whole:
   * rows are decoded (or read from the sheet's XML), parsed and validated batch by batch (the rules
   * of parseRows) and valid rows go straight into the staging COPY; duplicate keys within the file
   * are found in the staging table with SQL. In all-or-nothing mode any error rolls the transaction
   * back. Of an XLSX the zip archive itself is held in memory (its directory is at its end), not its rows.
   */
  async importStream(request: StreamImportRequest): Promise<ImportResult> {
    const startedAt = new Date();
    const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, maxFileBytes: this.config.imports.maxBytes, maxRows: this.config.imports.maxRows, ...request.limits };
    const fileName = request.fileName ?? 'upload';
    const hash = createHash('sha256');
    let bytes = 0;
    const source = request.stream[Symbol.asyncIterator]();
    const counted = async function* (): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          const next = await source.next();
          if (next.done) return;
          bytes += next.value.length;
          if (bytes > limits.maxFileBytes) {
            throw new ImportFileError(
              'FILE_TOO_LARGE',
              `文件“${fileName}”超过 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
              `The file "${fileName}" is larger than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
              { limit: limits.maxFileBytes },
            );
          }
          hash.update(next.value);
          yield next.value;
        }
      } finally {
        await source.return?.();
      }
    };
    const chunks = counted();
    const { dataset, scope } = request;
    const errors: RowError[] = [];
    let errorCount = 0;
    let rejected = 0;
    let rowCount = 0;
    const keep = (rowErrors: RowError[]) => {
      rejected++;
      errorCount += rowErrors.length;
      for (const error of rowErrors) if (errors.length < RESPONSE_ERRORS_MAX) errors.push(error);
    };
    // The digest is known once the whole stream is read (the batch row is written before that).
    let sha256: string | null = null;
    const digest = () => (sha256 ??= hash.digest('hex'));
    const base = (final = true) => this.newBatch(request, final ? digest() : null, startedAt, 'rejected', rowCount);

    try {
      const first = await chunks.next();
      const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
      let batches: AsyncGenerator<TableRow[]>;
      if (head.length > 0 && sniffFormat(head, fileName) === 'xlsx') {
        // A zip's directory is at its end, so the archive (at most maxFileBytes) is read first;
        // its sheet's rows are then read in batches like a CSV's.
        const parts: Uint8Array[] = [head];
        for await (const chunk of chunks) parts.push(chunk);
        batches = (await openXlsxSheet(Buffer.concat(parts), request.sheet, limits)).batches;
      } else {
        const rest = async function* (): AsyncGenerator<Uint8Array> {
          if (head.length > 0) yield head;
          yield* chunks;
        };
        batches = (await readCsvStream(rest(), limits)).batches;
      }
      // The header is the best of the first non-blank rows, as readTable chooses it. Rows are read
      // in batches (an await per row cost ~2 s on 1,000,000 rows).
      const firstRows: TableRow[] = [];
      while (firstRows.length < HEADER_SEARCH_ROWS) {
        const next = await batches.next();
        if (next.done) break;
        firstRows.push(...next.value);
      }
      const { headers, rows: leading } = splitHeader(firstRows.slice(0, HEADER_SEARCH_ROWS), dataset, limits.maxRows);
      leading.push(...firstRows.slice(HEADER_SEARCH_ROWS));
      matchHeaders(dataset, headers); // header problems are file problems, reported before any row
      const parser = createRowParser(dataset, headers, { resolveDivision: createDivisionLookup(await this.batches.findDivisions()) });
      const divisionHeader = this.divisionHeader(dataset, headers);
      const keyHeaders = (dataset === 'popsci' ? ['divisionCode', 'divisionName', 'serviceDate', 'channel'] : ['externalId'])
        .map((field) => (parser.mapping.columns as Partial<Record<string, { header: string }>>)[field]?.header ?? '')
        .filter((header) => header !== '');

      const validRows = async function* (): AsyncGenerator<NumberedFact[]> {
        const all = async function* (): AsyncGenerator<TableRow[]> {
          if (leading.length > 0) yield leading;
          yield* batches;
        };
        for await (const tableRows of all()) {
          const valid: NumberedFact[] = [];
          for (const tableRow of tableRows) {
            rowCount++;
            const { row, errors: rowErrors } = parser.parse(tableRow);
            if (!row) {
              keep(rowErrors);
              continue;
            }
            if (!scope.covers(row.divisionCode)) {
              keep([outOfScope(row, divisionHeader)]);
              continue;
            }
            valid.push(row as unknown as NumberedFact);
          }
          if (valid.length > 0) yield valid;
        }
      };

      // One transaction: the batch, every fact and the audit rows commit together or not at all.
      return await this.dataSource.transaction(async (manager) => {
        const batchId = await this.batches.insertBatch({ ...base(false), status: 'succeeded' }, manager);
        const streamed = new StreamedFacts(validRows(), async (staged) => {
          if (rowCount === 0) throw new ImportFileError('EMPTY_FILE', '文件只有表头，没有数据行', 'The file has a header but no data rows');
          const duplicates = await staged.duplicates(RESPONSE_ERRORS_MAX);
          if (duplicates.total > 0) {
            rejected += duplicates.total;
            errorCount += duplicates.total;
            const isId = dataset !== 'popsci';
            for (const duplicate of duplicates.rows) {
              if (errors.length >= RESPONSE_ERRORS_MAX) break;
              errors.push({
                row: duplicate.row,
                column: isId ? keyHeaders[0] ?? '' : keyHeaders.join('+'),
                // The natural key is (kind, external id): the id is what the user wrote.
                value: isId ? duplicate.key[duplicate.key.length - 1] : duplicate.key.join(' / '),
                code: isId ? 'DUPLICATE_ID' : 'DUPLICATE_KEY',
                message: isId ? `编号与第 ${duplicate.firstRow} 行重复` : `与第 ${duplicate.firstRow} 行的区县、日期、渠道相同`,
                messageEn: isId ? `same external id as row ${duplicate.firstRow}` : `same division, date and channel as row ${duplicate.firstRow}`,
              });
            }
            errors.sort((a, b) => a.row - b.row);
          }
          if (errorCount > 0 && (request.mode === 'all-or-nothing' || staged.count - duplicates.total === 0)) throw new RowsRejected();
          if (duplicates.total > 0) await staged.deleteDuplicates();
        });
        const outcome = await this.facts.writeFacts(manager, dataset, request.source === 'feed' ? FEED_SOURCE : FILE_SOURCE, batchId, streamed);
        const status: ImportStatus = errorCount > 0 ? 'partial' : 'succeeded';
        // Listeners (the KPI rollups) refresh exactly these days, in this same transaction.
        await this.factsChanged.emit(manager, outcome.touched);
        const responseErrors = errors.map(toResultError);
        await this.batches.finishBatch(manager, batchId, {
          status,
          rows: rowCount,
          sha256: digest(),
          inserted: outcome.inserted,
          updated: outcome.updated,
          unchanged: outcome.unchanged,
          rejected,
          errorCount,
          errors: responseErrors.slice(0, IMPORT_ERRORS_KEPT),
          touched: outcome.touched,
          finishedAt: new Date(),
        });
        return {
          batchId, dataset, rows: rowCount,
          inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, rejected, errors: responseErrors,
        };
      });
    } catch (error) {
      // Everything written in the transaction rolled back; keep a trace of the attempt in the history.
      await chunks.return(undefined).catch(() => undefined);
      if (error instanceof RowsRejected) {
        errors.sort((a, b) => a.row - b.row);
        const responseErrors = errors.map(toResultError);
        const batchId = await this.batches.insertBatch({
          ...base(), rejected, errorCount, errors: responseErrors.slice(0, IMPORT_ERRORS_KEPT), finishedAt: new Date(),
        });
        throw new ImportRowsRejectedException({
          batchId, dataset, rows: rowCount, inserted: 0, updated: 0, unchanged: 0, rejected, errors: responseErrors,
        });
      }
      if (isImportFileError(error)) {
        const batchId = await this.batches.insertBatch({ ...base(), message: `${error.message} / ${error.messageEn}`, finishedAt: new Date() });
        throw new ImportFileRejectedException(error, batchId);
      }
      await this.batches
        .insertBatch({ ...base(), status: 'failed', message: `导入失败，未写入任何数据 / import failed, nothing written: ${String((error as Error)?.message ?? error).slice(0, 500)}`, finishedAt: new Date() })
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
    if (!batch) throw new NotFoundException({ code: 'NOT_FOUND', message: '导入批次不存在', messageEn: `Import batch ${id} does not exist` });
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
