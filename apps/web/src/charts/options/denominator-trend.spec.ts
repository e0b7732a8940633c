import { describe, expect, it } from '@jest/globals';
import { buildDenominatorTrendOption } from './denominator-trend';

const labels = { population: '人口', households: '户数', formatAxis: (v: number) => `${v / 10_000}万` };

describe('buildDenominatorTrendOption', () => {
  it('should order years ascending and map both series when given unordered points', () => {
    const option = buildDenominatorTrendOption(
      [
        { year: 2024, population: 205000, households: 80000 },
        { year: 2021, population: 149000, households: null },
      ],
      labels,
    );
    expect(option.xAxis).toMatchObject({ data: ['2021', '2024'] });
    const series = option.series as { name: string; type: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['人口', 'bar'],
      ['户数', 'line'],
    ]);
    expect(series[0]!.data).toEqual([149000, 205000]);
    expect(series[1]!.data).toEqual([null, 80000]);
  });

  it('should not mutate the input when sorting', () => {
    const points = [
      { year: 2024, population: 1, households: 1 },
      { year: 2021, population: 2, households: 2 },
    ];
    buildDenominatorTrendOption(points, labels);
    expect(points[0]!.year).toBe(2024);
  });
});
