import { describe, expect, it } from '@jest/globals';
import { buildExecutionPaceOption, type ExecutionPaceMonth } from './execution-pace';

type Series = { name: string; type: string; data: unknown[]; lineStyle: { type?: string } };

const labels = { executed: '累计执行率', pace: '序时进度', amount: '累计支出(元)', gap: '差距(百分点)', monthLabel: (m: number) => `${m}月` };
const months: ExecutionPaceMonth[] = [
  { month: '2021-11', cumulativeRatePercent: '41.97', expectedPercent: '91.67', cumulativeExecuted: '144688.30' },
  { month: '2021-12', cumulativeRatePercent: '45.46', expectedPercent: '100.00', cumulativeExecuted: '156688.30' },
];

describe('buildExecutionPaceOption', () => {
  it('should draw the cumulative rate as a solid line and the 序时进度 as a dashed one when given months', () => {
    const option = buildExecutionPaceOption({ months, labels });
    const [executed, pace] = option.series as Series[];
    expect(executed!.data).toEqual([41.97, 45.46]);
    expect(executed!.lineStyle.type).toBeUndefined();
    expect(pace!.data).toEqual([91.67, 100]);
    expect(pace!.lineStyle.type).toBe('dashed');
    expect(option.xAxis).toMatchObject({ data: ['11月', '12月'] });
  });

  it('should show the rate, pace, signed gap and amount in the tooltip when hovering a month', () => {
    const option = buildExecutionPaceOption({ months, labels });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const text = formatter([{ dataIndex: 1 }]);
    expect(text).toContain('累计执行率: <b>45.46%</b>');
    expect(text).toContain('序时进度: 100.00%');
    expect(text).toContain('差距(百分点): -54.54');
    expect(text).toContain('156688.30');
  });

  it('should keep a month without budget as a gap and stretch the axis when execution passes 100%', () => {
    const option = buildExecutionPaceOption({
      months: [
        { month: '2021-01', cumulativeRatePercent: null, expectedPercent: '8.33', cumulativeExecuted: '0.00' },
        { month: '2021-02', cumulativeRatePercent: '112.50', expectedPercent: '16.67', cumulativeExecuted: '9000.00' },
      ],
      labels,
    });
    expect((option.series as Series[])[0]!.data[0]).toBeNull();
    expect(option.yAxis).toMatchObject({ max: 120 });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 0 }])).toContain('差距(百分点): —');
  });

  it('should enlarge the measured month point when a highlight is given', () => {
    const option = buildExecutionPaceOption({ months, labels, highlight: '2021-12' });
    const data = (option.series as Series[])[0]!.data;
    expect(data[0]).toBe(41.97);
    expect(data[1]).toMatchObject({ value: 45.46, symbolSize: 10 });
  });
});
