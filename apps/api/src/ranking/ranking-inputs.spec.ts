import { computeRanking, DEFAULT_RANKING_MODEL, dec, monthlyPace, type RankingDivisionInput } from '@app/kpi-core';
import { type RankingModel } from '@app/contracts';
import { type RankingData, RankingInputs } from './ranking-inputs.js';

const model = DEFAULT_RANKING_MODEL as RankingModel;
const AMOUNT = 'deals.tech_service.amount';
const COUNT = 'deals.tech_service.count';

/** Two districts of one city, read from January 2023 to March 2024 (15 months). */
function data(): RankingData {
  // East has a value in every month; West only in a few (a month without a row counts 0).
  const east = Array.from({ length: 15 }, (_, i) => `${(i + 1) * 100}.25`);
  const west: Array<string | undefined> = [];
  west[1] = '10.10';
  west[11] = '0.90';
  west[13] = '5.00';
  return {
    model,
    countiesOf: new Map([['510400', [{ code: '510402', name: '东区' }, { code: '510403', name: '西区' }]]]),
    firstYear: 2023,
    monthCount: 15,
    series: new Map([
      ['510402', new Map([[AMOUNT, east], [COUNT, east.map((v) => v!.replace('.25', '.00'))]])],
      ['510403', new Map([[AMOUNT, west]])],
    ]),
    denominatorsByYear: new Map([2023, 2024].map((year) => [year, new Map([
      ['510402', { population: '320000', households: '118000', villages: '20', enterprisesAboveScale: '160' }],
      ['510403', { population: '149000', households: '52000', villages: '16', enterprisesAboveScale: '68' }],
    ])])),
    targetsByYear: new Map<number, Map<string, { annual: string; monthlyPlan: string[] | null }>>([
      [2023, new Map([[`510402|${AMOUNT}`, { annual: '1200.00', monthlyPlan: null }]])],
      [2024, new Map([[`510403|${AMOUNT}`, { annual: '1000.00', monthlyPlan: ['0', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1'] }]])],
    ]),
  };
}

const inputOf = (ranking: ReturnType<RankingInputs['rank']>, division: string) => ranking.inputs.find((i) => i.division === division)!;

describe('RankingInputs', () => {
  it('should give a month its own values and January to the month its year-to-date sums, starting again each January', () => {
    const inputs = new RankingInputs(data());
    expect(inputOf(inputs.rank('510400', '2023-02', 'month'), '510403').values[AMOUNT]).toBe('10.10');
    expect(inputOf(inputs.rank('510400', '2023-03', 'month'), '510403').values[AMOUNT]).toBe('0.00');
    // 100.25 + 200.25 + 300.25
    expect(inputOf(inputs.rank('510400', '2023-03', 'ytd'), '510402').values[AMOUNT]).toBe('600.75');
    expect(inputOf(inputs.rank('510400', '2023-12', 'ytd'), '510403').values[AMOUNT]).toBe('11.00');
    // 2024 starts from zero: January 2024 is month index 12 (1300.25), February 1400.25.
    expect(inputOf(inputs.rank('510400', '2024-02', 'ytd'), '510402').values[AMOUNT]).toBe('2700.50');
    expect(inputOf(inputs.rank('510400', '2024-02', 'ytd'), '510403').values[AMOUNT]).toBe('5.00');
    expect(inputOf(inputs.rank('510400', '2024-03', 'ytd'), '510403').values[AMOUNT]).toBe('5.00');
    // A metric with no series at all is 0 on both bases.
    expect(inputOf(inputs.rank('510400', '2024-03', 'ytd'), '510403').values[COUNT]).toBe('0.00');
    expect(inputOf(inputs.rank('510400', '2024-03', 'month'), '510403').values[COUNT]).toBe('0.00');
  });

  it('should give the same answer whichever order the months are asked in (the kept sums are not partial)', () => {
    const forward = new RankingInputs(data());
    const backward = new RankingInputs(data());
    const months = ['2023-01', '2023-06', '2023-12', '2024-01', '2024-03'];
    const asked = (inputs: RankingInputs, order: string[]) => new Map(order.map((m) => [m, inputs.rank('510400', m, 'ytd').inputs]));
    const a = asked(forward, months);
    const b = asked(backward, [...months].reverse());
    for (const month of months) expect(a.get(month)).toEqual(b.get(month));
  });

  it("should give targets the period's share of the annual target: linear without a plan, by the plan with one", () => {
    const inputs = new RankingInputs(data());
    expect(inputOf(inputs.rank('510400', '2023-03', 'month'), '510402').targets[AMOUNT]).toBe('100.00');
    expect(inputOf(inputs.rank('510400', '2023-03', 'ytd'), '510402').targets[AMOUNT]).toBe('300.00');
    // Nothing planned for January; eleven equal shares after it.
    expect(inputOf(inputs.rank('510400', '2024-01', 'month'), '510403').targets[AMOUNT]).toBe('0.00');
    const plan = data().targetsByYear.get(2024)!.get(`510403|${AMOUNT}`)!.monthlyPlan!;
    expect(inputOf(inputs.rank('510400', '2024-03', 'ytd'), '510403').targets[AMOUNT]).toBe(dec('1000').times(monthlyPace(3, plan)).toFixed(2));
    expect(inputOf(inputs.rank('510400', '2024-03', 'ytd'), '510403').targets[AMOUNT]).toBe('181.82');
    // No target: null, not 0.
    expect(inputOf(inputs.rank('510400', '2024-03', 'ytd'), '510402').targets[AMOUNT]).toBeNull();
  });

  it('should rank with the kpi-core computation of exactly the inputs it shows', () => {
    const ranking = new RankingInputs(data()).rank('510400', '2023-12', 'ytd');
    const direct = computeRanking(model, ranking.inputs as RankingDivisionInput[]);
    expect(ranking.entries).toEqual(direct.entries);
    expect(ranking.issues).toEqual(direct.issues);
    expect(ranking.model).toBe(model);
  });

  it('should refuse a city or a month it did not read', () => {
    const inputs = new RankingInputs(data());
    expect(() => inputs.rank('510100', '2023-03', 'month')).toThrow(RangeError);
    expect(() => inputs.rank('510400', '2024-04', 'month')).toThrow(RangeError);
    expect(() => inputs.rank('510400', '2022-12', 'ytd')).toThrow(RangeError);
  });
});
