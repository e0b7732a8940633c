import { describe, expect, it } from '@jest/globals';
import { lastCompleteMonth, latestMonthWithData, monthFromQuery } from './kpi-period';
import { buildTargetsTemplateCsv, parseMonthlyPlan, TARGET_TEMPLATE_HEADERS } from './targets-template';

describe('kpi-period', () => {
  it('should take the previous month in Asia/Shanghai when the UTC date is still in the old month', () => {
    // 2021-12-31T17:00Z is already 2022-01-01 01:00 in Shanghai.
    expect(lastCompleteMonth(new Date('2021-12-31T17:00:00Z'))).toBe('2021-12');
    expect(lastCompleteMonth(new Date('2021-12-15T00:00:00Z'))).toBe('2021-11');
  });

  it('should accept a valid month from the query and fall back otherwise', () => {
    expect(monthFromQuery('2021-11', '2026-10')).toBe('2021-11');
    expect(monthFromQuery('2021-13', '2026-10')).toBe('2026-10');
    expect(monthFromQuery(['2021-11'], '2026-10')).toBe('2026-10');
  });

  it('should find the latest month with a non-zero value in any series', () => {
    const months = ['2021-11', '2021-12', '2022-01'];
    expect(latestMonthWithData(months, [{ values: [3, '0.00', 0] }, { values: [null, '10.00', null] }])).toBe('2021-12');
    expect(latestMonthWithData(months, [{ values: [0, 0, null] }])).toBeNull();
  });
});

describe('targets-template', () => {
  it('should write the import headers with a BOM and one row per target', () => {
    const csv = buildTargetsTemplateCsv([{ division: '510403', year: 2021, metric: 'deals.tech_service.count', annual: 200 }]);
    expect(csv.startsWith('\uFEFF区划代码,年度,指标代码,年度目标,1月,')).toBe(true);
    expect(TARGET_TEMPLATE_HEADERS).toHaveLength(16);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe('510403,2021,deals.tech_service.count,200,,,,,,,,,,,,');
  });

  it('should quote cells that hold a comma or a quote', () => {
    const csv = buildTargetsTemplateCsv([{ division: '510403', year: 2021, metric: 'a,"b"' }]);
    expect(csv).toContain('"a,""b"""');
  });

  it('should read an empty plan as no plan and flag bad months', () => {
    expect(parseMonthlyPlan(Array(12).fill(' '), true)).toEqual({ plan: null, invalid: [] });
    const cells = Array(12).fill('10');
    cells[3] = '1.5';
    expect(parseMonthlyPlan(cells, true)).toEqual({ plan: null, invalid: [3] });
    expect(parseMonthlyPlan(cells, false).plan).toHaveLength(12);
  });
});
