import { Injectable, NotFoundException } from '@nestjs/common';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportBatchEntity, type ImportStatus } from './entities/import-batch.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { type ImportBatchDetail, type ImportBatchSummary, type ImportDataset, type Page } from '@app/contracts';

export type BatchSummary = ImportBatchSummary;
export type BatchDetail = ImportBatchDetail;

/** The import history: the batches the importer recorded, as the caller's scope may see them. */
@Injectable()
export class ImportHistoryService {
  constructor(private readonly batches: ImportBatchesRepository) {}

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
