import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse } from '@app/contracts';
import { checkSelfEvaluationTable } from '@app/kpi-core';
import { type SelfEvaluationCheckDto } from './dto/self-evaluation-check.dto.js';

/** Checks a filled 自评表 as printed: pure computation through kpi-core, nothing stored. */
@Injectable()
export class SelfEvaluationCheckService {
  checkTable(body: SelfEvaluationCheckDto): SelfEvaluationCheckResponse {
    try {
      return checkSelfEvaluationTable(normalise(body));
    } catch (error) {
      // The rules refuse figures they cannot score (a negative target …): a bad request, with the row named.
      if (error instanceof RangeError) {
        const field = /^(indicators\[\d+\]\.\w+|indicator "row-(\d+)")/.exec(error.message);
        const name = field?.[2] !== undefined ? `indicators.${field[2]}` : field?.[1]?.replace(/\[(\d+)\]/, '.$1') ?? 'body';
        throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: name, message: error.message }] });
      }
      throw error;
    }
  }
}

// Absent printed fields are blank cells.
function normalise(body: SelfEvaluationCheckDto): SelfEvaluationCheckRequest {
  const cell = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value);
  return {
    template: body.template,
    unit: body.unit,
    project: { name: body.project.name },
    budget: {
      weight: cell(body.budget.weight),
      printedScore: cell(body.budget.printedScore),
      reason: cell(body.budget.reason),
      lines: body.budget.lines.map((l) => ({ source: l.source, budget: cell(l.budget), executed: cell(l.executed), printedRate: cell(l.printedRate) })),
      total: { budget: cell(body.budget.total.budget), executed: cell(body.budget.total.executed), printedRate: cell(body.budget.total.printedRate) },
    },
    indicators: body.indicators.map((i) => ({
      level1: cell(i.level1), level2: i.level2, name: i.name, direction: i.direction,
      target: cell(i.target), actual: cell(i.actual), unit: cell(i.unit), weight: cell(i.weight),
      printedScore: cell(i.printedScore), printedCompletion: cell(i.printedCompletion), reason: cell(i.reason),
    })),
    printedTotal: cell(body.printedTotal),
    printedGrade: cell(body.printedGrade),
  };
}
