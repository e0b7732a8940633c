import { Injectable } from '@nestjs/common';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { PAYMENTS_SHEET } from './sheets/payments.sheet.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';
import { type ImportMode, type PaymentImportResult } from '@app/contracts';
import { formatYuan, sum } from '@app/kpi-core';

export const PAYMENT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** A project's payments from a spreadsheet (XLSX or CSV): the payments sheet through the one importer, inserted in one transaction. */
@Injectable()
export class PaymentImportService {
  constructor(
    private readonly sheets: SheetImportService,
    private readonly budget: BudgetService,
    private readonly repository: BudgetRepository,
  ) {}

  async importPayments(scope: DivisionScope, projectId: string, file: { buffer: Buffer; filename: string }, mode: ImportMode = 'all-or-nothing'): Promise<PaymentImportResult> {
    const project = await this.budget.requireProject(scope, projectId);
    const lines = await this.repository.findLines(project.id);
    let total = '0.00';
    const counts = await this.sheets.import({
      file,
      spec: PAYMENTS_SHEET,
      context: { lines: lines.map((l) => ({ id: l.id, source: l.source, label: l.label })), year: project.year },
      mode,
      maxFileBytes: PAYMENT_IMPORT_MAX_BYTES,
      write: async (rows, manager) => {
        const entities = rows.map(({ value }) => Object.assign(new PaymentEntity(), { projectId: project.id, ...value }));
        await manager.save(PaymentEntity, entities, { chunk: 500 });
        total = formatYuan(sum(entities.map((e) => e.amount)));
        return { inserted: entities.length, updated: 0, unchanged: 0 };
      },
    });
    return { status: 'succeeded', ...counts, total };
  }
}
