import { TARGETS_SHEET } from './targets.sheet.js';
import { applySheetRow, matchSheetHeaders } from '../../spreadsheets/sheet-spec.js';
import { createDivisionLookup } from '../../spreadsheets/division-lookup.js';

const DIVISIONS = [
  { code: '510000', name: '四川省', level: 'province' as const, parentCode: null },
  { code: '510400', name: '攀枝花市', level: 'prefecture' as const, parentCode: '510000' },
  { code: '510402', name: '东区', level: 'county' as const, parentCode: '510400' },
  { code: '510403', name: '西区', level: 'county' as const, parentCode: '510400' },
  { code: '510500', name: '泸州市', level: 'prefecture' as const, parentCode: '510000' },
  { code: '510599', name: '东区', level: 'county' as const, parentCode: '510500' },
];
const context = {
  lookupDivision: createDivisionLookup(DIVISIONS, { levels: ['province', 'prefecture', 'county'] }),
  covers: (code: string) => code.startsWith('5104'),
};
const headers = ['区县', '年度', '指标名称', '年度目标', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];
const mapping = matchSheetHeaders(TARGETS_SHEET.columns, headers);
const apply = (cells: string[]) => applySheetRow(TARGETS_SHEET, mapping, { row: 2, cells }, context);
const metric = 'deals.total.amount';

describe('the targets sheet', () => {
  it('should accept a division of any level in the user’s scope, by code or name', () => {
    for (const division of ['510403', '西区', '攀枝花市西区', '攀枝花市', '510400']) {
      expect(apply([division, '2022', metric, '100'])).toMatchObject({ ok: true, value: { year: 2022, metricCode: metric, annual: '100', monthlyPlan: null } });
    }
  });

  it('should refuse an ambiguous name, a division outside the scope and a ratio metric, naming the column', () => {
    expect(apply(['东区', '2022', metric, '1'])).toMatchObject({ ok: false, errors: [{ row: 2, column: '区县', code: 'DIVISION_AMBIGUOUS', message: expect.stringContaining('510402、510599') }] });
    expect(apply(['510599', '2022', metric, '1'])).toMatchObject({ ok: false, errors: [{ code: 'OUT_OF_SCOPE' }] });
    expect(apply(['西区', '1999', 'no_such_metric', '-1'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_YEAR' }, { code: 'METRIC_NOT_TARGETABLE' }, { code: 'INVALID_TARGET' }] });
  });

  it('should take a full monthly plan and refuse a partial one at its first empty month', () => {
    const plan = Array.from({ length: 12 }, () => '10');
    expect(apply(['西区', '2022', metric, '120', ...plan])).toMatchObject({ ok: true, value: { monthlyPlan: plan } });
    expect(apply(['西区', '2022', metric, '120', '10', '10', ''])).toMatchObject({ ok: false, errors: [{ column: '3月', code: 'PLAN_INCOMPLETE' }] });
  });
});
