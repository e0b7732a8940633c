import { type SelfEvaluationCheckRequest } from '@app/contracts';

// Places of a 自评表 by the names printed on it (表 / 行 / 栏), so a finding says where to look in words a
// finance clerk uses rather than as a path into the request.

export interface Place {
  zh: string;
  en: string;
}

const LINE_COLUMNS = {
  budget: ['全年预算数', 'full-year budget'],
  executed: ['全年执行数', 'amount spent'],
  printedRate: ['执行率', 'execution rate'],
  printedScore: ['得分', 'score'],
  weight: ['分值', 'points'],
} as const;

const ROW_COLUMNS = {
  level1: ['一级指标', 'level-1 heading'],
  target: ['年度指标值', 'target'],
  actual: ['实际完成值', 'actual'],
  weight: ['分值', 'points'],
  printedScore: ['得分', 'score'],
  printedCompletion: ['完成率', 'completion'],
  reason: ['偏差原因', 'reason'],
} as const;

const column = (row: Place, [zh, en]: readonly [string, string]): Place => ({ zh: `${row.zh}“${zh}”栏`, en: `the ${en} of ${row.en}` });

export function places(table: SelfEvaluationCheckRequest) {
  const lineRow = (i: number): Place => {
    const source = table.budget.lines[i]?.source || `资金第${i + 1}行`;
    return { zh: `资金“${source}”行`, en: `the "${source}" funding line` };
  };
  const totalRow: Place = { zh: '资金“年度资金总额”行', en: 'the total funding line (年度资金总额)' };
  return {
    line: (i: number) => ({ ...lineRow(i), col: (key: keyof typeof LINE_COLUMNS) => column(lineRow(i), LINE_COLUMNS[key]) }),
    total: { ...totalRow, col: (key: keyof typeof LINE_COLUMNS) => column(totalRow, LINE_COLUMNS[key]) },
    row: (i: number) => {
      const row: Place = { zh: `绩效指标第${i + 1}行“${table.indicators[i]?.name ?? ''}”`, en: `indicator row ${i + 1} "${table.indicators[i]?.name ?? ''}"` };
      return { ...row, col: (key: keyof typeof ROW_COLUMNS) => column(row, ROW_COLUMNS[key]) };
    },
    execScore: { zh: '预算执行率“得分”栏', en: 'the execution score' } as Place,
    execWeight: { zh: '预算执行率“分值”栏', en: 'the execution points' } as Place,
    execReason: { zh: '预算执行“原因”栏', en: 'the execution reason cell' } as Place,
    indicatorWeights: { zh: '绩效指标“分值”栏', en: 'the indicator points' } as Place,
    total_score: { zh: '“总分”栏', en: 'the total score' } as Place,
    grade: { zh: '“评价等级”栏', en: 'the grade' } as Place,
    unit: { zh: '表头“金额单位”', en: 'the unit in the header' } as Place,
  };
}

export type TablePlaces = ReturnType<typeof places>;
