import { describe, expect, it } from '@jest/globals';
import { formatGap, formatPercent, formatYuan, indicatorSpans, paceTagType, projectYears, sheetToRows } from './budget-view';

describe('formatYuan', () => {
  it('should group thousands from the string itself when given an amount of 元', () => {
    expect(formatYuan('156688.30')).toBe('156,688.30');
    expect(formatYuan('344702.00')).toBe('344,702.00');
    expect(formatYuan('92708000.00')).toBe('92,708,000.00');
    expect(formatYuan('0.00')).toBe('0.00');
    expect(formatYuan('-1200.5')).toBe('-1,200.5');
  });

  it('should show a dash when the amount is missing and leave text that is not a number alone', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan('')).toBe('—');
    expect(formatYuan('n/a')).toBe('n/a');
  });
});

describe('formatPercent and formatGap', () => {
  it('should add the percent sign and a plus sign for a positive gap when given strings', () => {
    expect(formatPercent('45.46')).toBe('45.46%');
    expect(formatPercent(null)).toBe('—');
    expect(formatGap('-54.54')).toBe('-54.54');
    expect(formatGap('3.20')).toBe('+3.20');
    expect(formatGap('0.00')).toBe('0.00');
    expect(formatGap(null)).toBe('—');
  });
});

describe('paceTagType', () => {
  it('should map green, yellow, red and no status to tag types', () => {
    expect([paceTagType('green'), paceTagType('yellow'), paceTagType('red'), paceTagType(null)]).toEqual(['success', 'warning', 'danger', 'info']);
  });
});

describe('indicatorSpans', () => {
  it('should merge consecutive level-1 and, inside them, level-2 runs when rows are grouped', () => {
    const rows = [
      { level1: 'output', level2: 'quantity' },
      { level1: 'output', level2: 'quantity' },
      { level1: 'output', level2: 'cost' },
      { level1: 'benefit', level2: 'social' },
      { level1: 'satisfaction', level2: 'satisfaction' },
    ];
    expect(indicatorSpans(rows)).toEqual({ level1: [3, 0, 0, 1, 1], level2: [2, 0, 1, 1, 1] });
  });

  it('should not merge the same level 2 across two level-1 blocks', () => {
    const rows = [
      { level1: 'a', level2: 'x' },
      { level1: 'b', level2: 'x' },
    ];
    expect(indicatorSpans(rows)).toEqual({ level1: [1, 1], level2: [1, 1] });
    expect(indicatorSpans([])).toEqual({ level1: [], level2: [] });
  });
});

describe('sheetToRows', () => {
  it('should give merged cells their spans, skip the covered ones and format numbers with a format to 2 decimals', () => {
    const rows = sheetToRows({
      sheetName: 's',
      columns: 3,
      columnWidths: [10, 10, 10],
      rowCount: 3,
      cells: [
        { row: 1, col: 1, value: '项目支出绩效自评表', bold: true, align: 'center' },
        { row: 3, col: 1, value: '项目资金' },
        { row: 3, col: 2, value: 15.669, numFmt: '0.00' },
        { row: 3, col: 3, value: 45.46 },
      ],
      merges: [
        { top: 1, left: 1, bottom: 1, right: 3 },
        { top: 2, left: 1, bottom: 3, right: 1 },
      ],
    });
    expect(rows.map((r) => r.map((c) => c.key))).toEqual([['1:1'], ['2:1', '2:2', '2:3'], ['3:2', '3:3']]);
    expect(rows[0]![0]).toMatchObject({ colspan: 3, rowspan: 1, bold: true, align: 'center', title: true });
    expect(rows[1]![0]).toMatchObject({ rowspan: 2, text: '' });
    expect(rows[2]!.map((c) => [c.text, c.align])).toEqual([
      ['15.67', 'right'],
      ['45.46', 'right'],
    ]);
  });
});

describe('projectYears', () => {
  it('should list distinct years newest first, or the fallback when there are none', () => {
    expect(projectYears([2021, 2023, 2021], 2026)).toEqual([2023, 2021]);
    expect(projectYears([], 2026)).toEqual([2026]);
  });
});
