import { describe, expect, it } from '@jest/globals';
import { buildContributionBarsOption } from './contribution-bars';
import { buildMetricTrendOption } from './metric-trend';
import { buildRankTrendOption } from './rank-trend';
import { buildRankingBarsOption } from './ranking-bars';
import { toneColors } from './chart-theme';

type Series = { name: string; type: string; stack?: string; data: unknown[]; label?: { formatter: (p: unknown) => string } };

describe('buildMetricTrendOption', () => {
  const input = {
    months: ['2021-10', '2021-11'],
    values: [1177.28, 817.4],
    labels: ['1,177.28', '817.40'],
    name: '科技服务成交金额',
    unit: '万元',
    highlight: '2021-11',
  };

  it('should emphasise the selected month when a highlight is given', () => {
    const option = buildMetricTrendOption(input);
    const data = (option.series as Series[])[0]!.data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(data.map((d) => d.value)).toEqual([1177.28, 817.4]);
    expect(data[1]!.itemStyle.color).toBe('#1d5fb8');
    expect(data[0]!.itemStyle.color).not.toBe('#1d5fb8');
    expect(option.xAxis).toMatchObject({ data: ['21/10', '21/11'] });
  });

  it('should show the exact label and unit in the tooltip when hovering a month', () => {
    const option = buildMetricTrendOption(input);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 1 }])).toContain('<b>817.40</b> 万元');
  });

  it('should use the dark axis colours when the tone is dark', () => {
    const option = buildMetricTrendOption({ ...input, tone: 'dark' });
    expect(option.xAxis).toMatchObject({ axisLabel: { color: toneColors('dark').text } });
  });
});

describe('buildRankingBarsOption', () => {
  const entries = [
    { name: '东区', rank: 2, score: 40.5, pillarPoints: [10, 20, 10.5] },
    { name: '西区', rank: 1, score: 56.42, pillarPoints: [20, 26.42, 10] },
  ];

  it('should put rank 1 on top and stack one series per pillar when given entries out of order', () => {
    const option = buildRankingBarsOption({ entries, pillars: ['供给侧', '需求侧', '科普侧'], colors: ['#a', '#b', '#c'], scoreLabel: '得分' });
    // The category axis draws bottom-up: the last category is the top bar.
    expect(option.yAxis).toMatchObject({ data: [{ value: '2  东区' }, { value: '1  西区' }] });
    const series = option.series as Series[];
    expect(series.map((s) => [s.name, s.stack])).toEqual([
      ['供给侧', 'score'],
      ['需求侧', 'score'],
      ['科普侧', 'score'],
    ]);
    expect(series[1]!.data).toEqual([20, 26.42]);
    expect(series[2]!.label!.formatter({ dataIndex: 1 })).toBe('56.42');
  });

  it('should emphasise the own division by its category style and keep a hostile name out of rich text and tooltip markup', () => {
    const hostile = '<img src=x onerror=alert(1)>{hl|x}';
    const option = buildRankingBarsOption({ entries: [...entries, { name: hostile, rank: 3, score: 1, pillarPoints: [1, 0, 0] }], pillars: ['供给侧'], colors: ['#a'], scoreLabel: '得分', highlight: '西区' });
    const axis = option.yAxis as { data: Array<{ value: string; textStyle?: { fontWeight: number } }>; axisLabel: { formatter?: unknown; rich?: unknown } };
    expect(axis.axisLabel.formatter).toBeUndefined();
    expect(axis.axisLabel.rich).toBeUndefined();
    expect(axis.data.find((c) => c.value === '1  西区')?.textStyle?.fontWeight).toBe(700);
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0, seriesName: '供给侧', value: 1 }]);
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('<img');
  });
});

describe('buildRankTrendOption', () => {
  it('should invert the rank axis 1…5 with room above rank 1 and below rank 5 (a category axis with boundary gaps)', () => {
    const option = buildRankTrendOption({ months: ['2021-10', '2021-11'], series: [{ name: '西区', ranks: [2, 1] }], of: 5, rankLabel: '名次' });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['1', '2', '3', '4', '5'], inverse: true, boundaryGap: true, nameLocation: 'start' });
    expect((option.series as Series[])[0]!.data).toEqual([1, 0]);
  });

  it('should mute the other divisions and label only the own one when a division is emphasised', () => {
    const option = buildRankTrendOption({ months: ['2021-11'], series: [{ name: '西区', ranks: [1] }, { name: '东区', ranks: [2] }], of: 5, highlight: '西区', rankLabel: '名次', tone: 'dark' });
    const [west, east] = option.series as Array<{ lineStyle: { color?: string; opacity: number }; endLabel: { show: boolean; fontSize: number } }>;
    expect(west!.lineStyle.color).toBe('#ffd166');
    expect(east!.lineStyle.opacity).toBeLessThan(1);
    expect([west!.endLabel.show, east!.endLabel.show]).toEqual([true, false]);
    expect(west!.endLabel.fontSize).toBeGreaterThanOrEqual(18);
  });

  it('should give a hostile division name to the tooltip as text, not markup', () => {
    const option = buildRankTrendOption({ months: ['2021-11'], series: [{ name: '<img src=x onerror=alert(1)>', ranks: [1] }], of: 5, rankLabel: '名次' });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 0, seriesName: '<img src=x onerror=alert(1)>', value: 0 }]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('should draw the highlighted division thicker than the others', () => {
    const option = buildRankTrendOption({
      months: ['2021-11'],
      series: [
        { name: '西区', ranks: [1] },
        { name: '东区', ranks: [2] },
      ],
      of: 5,
      highlight: '西区',
      rankLabel: '名次',
    });
    const [west, east] = option.series as Array<{ lineStyle: { width: number } }>;
    expect(west!.lineStyle.width).toBeGreaterThan(east!.lineStyle.width);
  });
});

describe('buildContributionBarsOption', () => {
  it('should stack the points earned with the points missed up to the weight', () => {
    const option = buildContributionBarsOption({
      rows: [
        { label: 'A', points: 8, weight: 12, pillar: 0 },
        { label: 'B', points: 3.33, weight: 3.33, pillar: 1 },
      ],
      pillarColors: ['#a', '#b'],
      pointsLabel: '得分',
      missedLabel: '未得分',
    });
    const [earned, missed] = option.series as Series[];
    // Reversed so the first indicator is on top.
    expect((earned!.data as Array<{ value: number }>).map((d) => d.value)).toEqual([3.33, 8]);
    expect(missed!.data).toEqual([0, 4]);
  });
});
