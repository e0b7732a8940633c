import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { parsePaymentRows } from './payment-import.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { ImportFileError } from '../imports/parsing/import-file-error.js';
import { DEFAULT_READ_LIMITS } from '../imports/parsing/table.js';
import { readXlsxRows } from '../imports/parsing/xlsx.js';
import { type PaymentImportResult } from '@app/contracts';
import { formatYuan, sum } from '@app/kpi-core';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const PAYMENT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** XLSX import of a project's payments: every row valid, then all inserted in one transaction; otherwise nothing. */
@Injectable()
export class PaymentImportService {
  constructor(
    private readonly budget: BudgetService,
    private readonly repository: BudgetRepository,
  ) {}

  async importPayments(scope: DivisionScope, projectId: string, buffer: Buffer): Promise<PaymentImportResult> {
    const project = await this.budget.requireProject(scope, projectId);
    if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw fileError('the file is not an XLSX workbook / 文件不是 XLSX 工作簿');
    }
    let rows;
    try {
      ({ rows } = await readXlsxRows(buffer, undefined, { ...DEFAULT_READ_LIMITS, maxFileBytes: PAYMENT_IMPORT_MAX_BYTES, maxRows: 20_000 }));
    } catch (error) {
      if (error instanceof ImportFileError) throw fileError(`${error.message} / ${error.messageEn}`);
      throw error;
    }
    if (rows.length === 0) throw fileError('the workbook is empty / 文件为空');
    const lines = await this.repository.findLines(project.id);
    const parsed = parsePaymentRows(rows, lines.map((l) => ({ id: l.id, source: l.source, label: l.label })), project.year);
    if (!parsed.ok) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: `Nothing imported: ${parsed.errors.length} error(s) / 导入失败，未写入任何数据`,
        errors: parsed.errors.map((e) => ({ field: `第${e.row}行 ${e.field}`, message: e.message })),
      });
    }
    const entities = parsed.payments.map((p) =>
      Object.assign(new PaymentEntity(), {
        projectId: project.id,
        fundingLineId: p.fundingLineId,
        paidOn: p.paidOn,
        amount: p.amount,
        functionalCode: p.functionalCode,
        economicCode: p.economicCode,
        memo: p.memo,
      }),
    );
    await this.repository.insertPaymentsAtomically(entities);
    return { status: 'succeeded', rows: entities.length, inserted: entities.length, total: formatYuan(sum(entities.map((e) => e.amount))), errors: [] };
  }
}

function fileError(message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, message, errors: [{ field: 'file', message }] });
}
