import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ImportBatchesRepository, type NewImportBatch } from './import-batches.repository.js';
import { type ImportInput, inputReader } from './import-input.js';
import { createDivisionLookup, divisionOutOfScope } from '../spreadsheets/division-lookup.js';
import { ImportFileRejectedException, ImportRowsRejectedException } from './import-errors.js';
import { type ImportResult, type ImportResultError } from './import-result.js';
import { type ImportMode, type ImportSource, type ImportStatus } from './entities/import-batch.entity.js';
import { createRowParser, DEFAULT_READ_LIMITS, ImportFileError, isImportFileError, matchHeaders, type ReadLimits, type RowError } from './parsing/index.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { FactsChangedNotifier } from '../common/facts-changed.notifier.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FEED_SOURCE, FILE_SOURCE } from '../platform/platform-facts.js';
import { PlatformFactsService } from '../platform/platform-facts.service.js';
import { type NumberedFact, type StagedFacts, StreamedFacts } from '../platform/fact-upsert.js';
import { type ImportDataset } from '@app/contracts';

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

/** One import: where its rows come from, and optionally the caller's transaction to write in. */
export interface ImportInputRequest extends ImportRequest {
  input: ImportInput;
  /** The sheet of an XLSX (the first one by default). */
  sheet?: string;
  /** Defaults: DEFAULT_READ_LIMITS with the configured IMPORT_MAX_BYTES and IMPORT_MAX_ROWS. */
  limits?: Partial<ReadLimits>;
  /** When the attempt started (a caller that records a rolled-back attempt later passes its own). */
  startedAt?: Date;
  /**
   * The caller's transaction (the feed writes all its datasets and its cursor in one): the batch and
   * its facts are written there, inside a savepoint, so that a failed import leaves the caller's
   * earlier work as it was. Refused input is still recorded at once on its own connection; a failure
   * while writing is only rethrown: the caller rolls back and then records it with recordFailedImport.
   */
  manager?: EntityManager;
}

// Thrown inside the import's transaction to roll it back when rows are rejected.
class RowsRejected extends Error {}

/** A row of a division the importer may not write: rejected with the reason, never written. */
function outOfScope(row: { row: number; divisionCode: string }, column: string): RowError {
  const { code, message, messageEn } = divisionOutOfScope(row.divisionCode, row.divisionCode);
  return { row: row.row, column, value: row.divisionCode, code, message, messageEn };
}

/** A row whose natural key an earlier row of the same input already has. */
function duplicateRow(dataset: ImportDataset, keyHeaders: string[], duplicate: { row: number; firstRow: number; key: string[] }): RowError {
  const isId = dataset !== 'popsci';
  return {
    row: duplicate.row,
    column: isId ? keyHeaders[0] ?? '' : keyHeaders.join('+'),
    // The natural key is (kind, external id): the id is what the user wrote.
    value: isId ? duplicate.key[duplicate.key.length - 1] : duplicate.key.join(' / '),
    code: isId ? 'DUPLICATE_ID' : 'DUPLICATE_KEY',
    message: isId ? `编号与第 ${duplicate.firstRow} 行重复` : `与第 ${duplicate.firstRow} 行的区县、日期、渠道相同`,
    messageEn: isId ? `same external id as row ${duplicate.firstRow}` : `same division, date and channel as row ${duplicate.firstRow}`,
  };
}

const emptyFile = () => new ImportFileError('EMPTY_FILE', '文件只有表头，没有数据行', 'The file has a header but no data rows');

/** Runs `work` in a savepoint of the caller's transaction: on failure the caller's earlier work stays as it was. */
async function inSavepoint<T>(manager: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  await manager.query('SAVEPOINT platform_import');
  try {
    const result = await work(manager);
    await manager.query('RELEASE SAVEPOINT platform_import');
    return result;
  } catch (error) {
    // A broken connection cannot roll back either: the caller's transaction fails with the original error.
    await manager.query('ROLLBACK TO SAVEPOINT platform_import').then(() => manager.query('RELEASE SAVEPOINT platform_import')).catch(() => undefined);
    throw error;
  }
}

/**
 * The one importer of platform data. Whatever the input (an upload, an inbox file, bytes in memory,
 * the feed's rows: ImportInput), rows are read batch by batch, validated (createRowParser, the rules
 * of parseRows) and checked against the importer's scope, and valid rows go straight into the staging
 * COPY; keys repeated within the input are found in the staging table with SQL, then the staged rows
 * are merged into the fact table, the KPI rollups of the touched days refreshed and the batch recorded,
 * all in one transaction (the caller's, when given). In all-or-nothing mode any error rolls it back.
 * A refused file throws ImportFileRejectedException (4xx); bad rows in all-or-nothing mode throw
 * ImportRowsRejectedException (422). Either way the batch is recorded for the history and no fact is written.
 */
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

  /** Imports a file from disk (an upload, an inbox file, the benchmark's). */
  importPath(request: ImportRequest & { path: string; sheet?: string; limits?: Partial<ReadLimits> }): Promise<ImportResult> {
    const { path, ...rest } = request;
    return this.import({ ...rest, input: { path } });
  }

  async import(request: ImportInputRequest): Promise<ImportResult> {
    const startedAt = request.startedAt ?? new Date();
    const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, maxFileBytes: this.config.imports.maxBytes, maxRows: this.config.imports.maxRows, ...request.limits };
    const { dataset, scope } = request;
    const reader = inputReader(request.input, { dataset, fileName: request.fileName ?? 'upload', sheet: request.sheet, limits });
    const errors: RowError[] = [];
    let errorCount = 0;
    let rejected = 0;
    let rowCount = 0;
    const keep = (rowErrors: RowError[]) => {
      rejected++;
      errorCount += rowErrors.length;
      for (const error of rowErrors) if (errors.length < RESPONSE_ERRORS_MAX) errors.push(error);
    };
    // The digest of a file is known once it is read whole (the batch row is written before that).
    const base = (final = true) => this.newBatch(request, final ? reader.sha256() : null, startedAt, 'rejected', rowCount);

    try {
      const { headers, batches } = await reader.open();
      matchHeaders(dataset, headers); // header problems are file problems, reported before any row
      const parser = createRowParser(dataset, headers, { resolveDivision: createDivisionLookup(await this.batches.findDivisions()) });
      const columns = parser.mapping.columns as Partial<Record<string, { header: string }>>;
      const divisionHeader = columns.divisionCode?.header ?? columns.divisionName?.header ?? '区划代码';
      const keyHeaders = (dataset === 'popsci' ? ['divisionCode', 'divisionName', 'serviceDate', 'channel'] : ['externalId'])
        .map((field) => columns[field]?.header ?? '')
        .filter((header) => header !== '');

      const validRows = async function* (): AsyncGenerator<NumberedFact[]> {
        for await (const tableRows of batches) {
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
      // Once every row is staged: keys repeated within the input are row errors too; then the
      // mode decides whether anything is written.
      const afterStaged = async (staged: StagedFacts) => {
        if (rowCount === 0) throw emptyFile();
        const duplicates = await staged.duplicates(RESPONSE_ERRORS_MAX);
        if (duplicates.total > 0) {
          rejected += duplicates.total;
          errorCount += duplicates.total;
          for (const duplicate of duplicates.rows) {
            if (errors.length >= RESPONSE_ERRORS_MAX) break;
            errors.push(duplicateRow(dataset, keyHeaders, duplicate));
          }
          errors.sort((a, b) => a.row - b.row);
        }
        if (errorCount > 0 && (request.mode === 'all-or-nothing' || staged.count - duplicates.total === 0)) throw new RowsRejected();
        if (duplicates.total > 0) await staged.deleteDuplicates();
      };

      // One transaction: the batch, every fact and the audit rows commit together or not at all.
      const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => (request.manager ? inSavepoint(request.manager, work) : this.dataSource.transaction(work));
      return await inTransaction(async (manager) => {
        const batchId = await this.batches.insertBatch({ ...base(false), status: 'succeeded' }, manager);
        const source = request.source === 'feed' ? FEED_SOURCE : FILE_SOURCE;
        const outcome = await this.facts.writeFacts(manager, dataset, source, batchId, new StreamedFacts(validRows(), afterStaged));
        const status: ImportStatus = errorCount > 0 ? 'partial' : 'succeeded';
        // Listeners (the KPI rollups) refresh exactly these days, in this same transaction.
        await this.factsChanged.emit(manager, outcome.touched);
        const responseErrors = errors.map(toResultError);
        await this.batches.finishBatch(manager, batchId, {
          status,
          rows: rowCount,
          sha256: reader.sha256() ?? undefined,
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
      // Everything written in the transaction rolled back (to the savepoint, in the caller's);
      // refusals are recorded at once, on their own connection.
      await reader.close();
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
      // In the caller's transaction the caller records the attempt once it has rolled back.
      if (!request.manager) await this.recordFailedImport(request, reader.sha256(), startedAt, rowCount, error);
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
}

function toResultError(error: RowError): ImportResultError {
  return { row: error.row, column: error.column, value: error.value.slice(0, 200), code: error.code, message: error.message, messageEn: error.messageEn };
}
