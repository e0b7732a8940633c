import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { ImportBatchEntity, type ImportRowError, type ImportStatus, type TouchedDay } from './entities/import-batch.entity.js';
import { type DivisionRow } from '../spreadsheets/division-lookup.js';
import { type ImportDataset } from '@app/contracts';

export type NewImportBatch = Pick<
  ImportBatchEntity,
  'dataset' | 'source' | 'fileName' | 'sha256' | 'mode' | 'status' | 'rows' | 'createdBy' | 'createdByName' | 'createdByDivision' | 'startedAt'
> & Partial<Pick<ImportBatchEntity, 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'errorCount' | 'errors' | 'message' | 'touched' | 'finishedAt'>>;

export interface BatchOutcome {
  status: ImportStatus;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  errors: ImportRowError[];
  touched: TouchedDay[];
  finishedAt: Date;
  /** Data rows of the input, when only known at the end (a streamed file). */
  rows?: number;
  sha256?: string;
}

// import_batch rows are written with plain SQL, not entity saves: the batch is itself the record
// of who imported what and when, so the AuditSubscriber would only duplicate it (with its errors).
@Injectable()
export class ImportBatchesRepository {
  constructor(
    @InjectRepository(ImportBatchEntity) private readonly batches: Repository<ImportBatchEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Inserts a batch, on the given transaction or on its own; returns its id. */
  async insertBatch(batch: NewImportBatch, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO import_batch (dataset, source, file_name, sha256, mode, status, rows, inserted, updated, unchanged, rejected,
         error_count, errors, message, touched, created_by, created_by_name, created_by_division, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::jsonb, $16, $17, $18, $19, $20)
       RETURNING id`,
      [
        batch.dataset, batch.source, batch.fileName, batch.sha256, batch.mode, batch.status, batch.rows,
        batch.inserted ?? 0, batch.updated ?? 0, batch.unchanged ?? 0, batch.rejected ?? 0, batch.errorCount ?? 0,
        JSON.stringify(batch.errors ?? []), batch.message ?? null, JSON.stringify(batch.touched ?? []),
        batch.createdBy, batch.createdByName, batch.createdByDivision, batch.startedAt, batch.finishedAt ?? null,
      ],
    );
    return id as string;
  }

  async finishBatch(manager: EntityManager, id: string, outcome: BatchOutcome): Promise<void> {
    await manager.query(
      `UPDATE import_batch SET status = $2, inserted = $3, updated = $4, unchanged = $5, rejected = $6, error_count = $7,
         errors = $8::jsonb, touched = $9::jsonb, finished_at = $10, rows = COALESCE($11, rows), sha256 = COALESCE($12, sha256) WHERE id = $1`,
      [id, outcome.status, outcome.inserted, outcome.updated, outcome.unchanged, outcome.rejected, outcome.errorCount,
        JSON.stringify(outcome.errors), JSON.stringify(outcome.touched), outcome.finishedAt, outcome.rows ?? null, outcome.sha256 ?? null],
    );
  }

  findById(id: string): Promise<ImportBatchEntity | null> {
    return this.batches.findOneBy({ id });
  }

  /** A page of history, newest first; `divisionCodes` null means every batch (admin). */
  async findPage(filter: {
    divisionCodes: string[] | null;
    dataset?: ImportDataset;
    status?: ImportStatus;
    offset: number;
    limit: number;
  }): Promise<[ImportBatchEntity[], number]> {
    const query = this.batches
      .createQueryBuilder('b')
      .select(['b.id', 'b.dataset', 'b.source', 'b.fileName', 'b.sha256', 'b.mode', 'b.status', 'b.rows', 'b.inserted', 'b.updated',
        'b.unchanged', 'b.rejected', 'b.errorCount', 'b.message', 'b.createdBy', 'b.createdByName', 'b.createdByDivision', 'b.startedAt', 'b.finishedAt'])
      .orderBy('b.started_at', 'DESC')
      .addOrderBy('b.id', 'DESC');
    if (filter.divisionCodes) query.andWhere('b.created_by_division IN (:...codes)', { codes: filter.divisionCodes });
    if (filter.dataset) query.andWhere('b.dataset = :dataset', { dataset: filter.dataset });
    if (filter.status) query.andWhere('b.status = :status', { status: filter.status });
    return query.offset(filter.offset).limit(filter.limit).getManyAndCount();
  }

  /** The province at the top of the division tree: the home division of the system importer. */
  async findRootDivisionCode(): Promise<string> {
    const rows: Array<{ code: string }> = await this.dataSource.query(`SELECT code FROM division WHERE parent_code IS NULL ORDER BY code LIMIT 1`);
    if (!rows[0]) throw new Error('The division table is empty');
    return rows[0].code;
  }

  /** Every division, for resolving the 区划代码/区县 cells of a file. */
  findDivisions(): Promise<DivisionRow[]> {
    return this.dataSource.query(`SELECT code, name, level, parent_code AS "parentCode" FROM division ORDER BY code`);
  }
}
