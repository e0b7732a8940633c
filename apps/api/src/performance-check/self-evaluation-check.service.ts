import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { API_ERROR_CODES, type SelfEvaluationCheckResponse } from '@app/contracts';
import { type PrintedTableInput, checkSelfEvaluationTable } from '@app/kpi-core';

/** Checks a filled 自评表 as printed: pure computation through kpi-core, nothing stored. */
@Injectable()
export class SelfEvaluationCheckService {
  checkTable(body: PrintedTableInput): SelfEvaluationCheckResponse {
    try {
      return checkSelfEvaluationTable(body);
    } catch (error) {
      // What the reading or the rules refuse (an unknown 二级指标 …): a bad request, with the row named.
      if (error instanceof RangeError) throw unreadable(error);
      throw error;
    }
  }
}

/** A RangeError "indicators[3].level2: …" of the reading as a 422 naming `indicators.3.level2`. */
export function unreadable(error: RangeError): UnprocessableEntityException {
  const match = /^([\w.[\]]+):\s*(.*)$/s.exec(error.message);
  const field = match ? match[1].replace(/\[(\d+)\]/g, '.$1') : 'body';
  const detail = match ? match[2] : error.message;
  return new UnprocessableEntityException({
    statusCode: 422,
    code: API_ERROR_CODES.VALIDATION_FAILED,
    message: '自评表中有无法识别的内容',
    messageEn: 'Part of the table cannot be read',
    errors: [{ field, code: 'UNREADABLE_CELL', message: `无法识别：${detail}`, messageEn: `Cannot be read: ${detail}` }],
  });
}
