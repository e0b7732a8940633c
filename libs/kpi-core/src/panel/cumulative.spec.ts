import { wanToYuan } from '../decimal.js';
import { monthlyDeltasFromCumulative } from './cumulative.js';

describe('monthlyDeltasFromCumulative', () => {
  it('should derive November from the 截至 figures when given West District month-end totals', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([
      { asOf: '2021-09-30', value: 178 },
      { asOf: '2021-10-31', value: 196 },
      { asOf: '2021-11-30', value: 216 },
    ]);
    expect(errors).toEqual([]);
    expect(deltas.map((d) => [d.month, d.delta.toString(), d.months])).toEqual([
      ['2021-10', '18', 1],
      ['2021-11', '20', 1],
    ]);
    expect(deltas[1]).toMatchObject({ fromAsOf: '2021-10-31', fromMonth: '2021-10', toAsOf: '2021-11-30', monthEnd: true });
  });

  it('should difference amounts exactly when given 万元 totals converted to 元', () => {
    const { deltas } = monthlyDeltasFromCumulative([
      { asOf: '2021-10-31', value: wanToYuan('8414.8') },
      { asOf: '2021-11-30', value: wanToYuan('9270.8') },
    ]);
    expect(deltas[0].delta.toFixed(2)).toBe('8560000.00');
  });

  it('should report a falling total as a data error and keep the negative delta when a source corrects itself', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([
      { asOf: '2021-10-31', value: 1730 },
      { asOf: '2021-11-30', value: 1723 },
    ]);
    // Never clipped to 0: the user sees −7 and the error that explains it.
    expect(deltas[0].delta.toString()).toBe('-7');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'negative_delta', month: '2021-11', asOf: '2021-11-30', previousAsOf: '2021-10-31' });
    expect(errors[0].previous.toString()).toBe('1730');
    expect(errors[0].current.toString()).toBe('1723');
    expect(errors[0].message).toContain('fell from 1730');
  });

  it('should sort observations and use the last one of each month when given several per month in any order', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([
      { asOf: '2021-11-30', value: 691200 },
      { asOf: '2021-10-31', value: 650000 },
      { asOf: '2021-11-15', value: 670000 },
    ]);
    expect(errors).toEqual([]);
    expect(deltas).toHaveLength(1);
    expect(deltas[0].delta.toString()).toBe('41200');
  });

  it('should report a fall inside a month even when the month as a whole grew', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([
      { asOf: '2021-10-31', value: 210 },
      { asOf: '2021-11-10', value: 220 },
      { asOf: '2021-11-30', value: 216 },
    ]);
    expect(deltas[0].delta.toString()).toBe('6');
    expect(errors.map((e) => [e.code, e.previousAsOf, e.asOf])).toEqual([['negative_delta', '2021-11-10', '2021-11-30']]);
  });

  it('should mark a delta spanning several months when months in between have no observation', () => {
    const { deltas } = monthlyDeltasFromCumulative([
      { asOf: '2021-08-31', value: 150 },
      { asOf: '2021-11-30', value: 216 },
    ]);
    expect(deltas[0]).toMatchObject({ month: '2021-11', fromMonth: '2021-08', months: 3 });
    expect(deltas[0].delta.toString()).toBe('66');
  });

  it('should flag a month whose last observation is not on its last day', () => {
    const { deltas } = monthlyDeltasFromCumulative([
      { asOf: '2021-10-31', value: 196 },
      { asOf: '2021-11-20', value: 210 },
    ]);
    expect(deltas[0].monthEnd).toBe(false);
  });

  it('should give no delta for the first month when no opening is given', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([{ asOf: '2021-11-30', value: 216 }]);
    expect(deltas).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('should difference the first month against the opening when one is given', () => {
    const { deltas } = monthlyDeltasFromCumulative(
      [
        { asOf: '2020-06-30', value: 4 },
        { asOf: '2020-07-31', value: 9 },
      ],
      { opening: { month: '2020-05', value: 0 } },
    );
    expect(deltas.map((d) => [d.month, d.fromAsOf, d.fromMonth, d.delta.toString()])).toEqual([
      ['2020-06', null, '2020-05', '4'],
      ['2020-07', '2020-06-30', '2020-06', '5'],
    ]);
  });

  it('should report a first total below the opening as a negative delta', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([{ asOf: '2021-11-30', value: 5 }], { opening: { month: '2021-10', value: 8 } });
    expect(deltas[0].delta.toString()).toBe('-3');
    expect(errors[0]).toMatchObject({ code: 'negative_delta', previousAsOf: '2021-10 (opening)' });
  });

  it('should throw when the opening is not before the first observed month', () => {
    expect(() => monthlyDeltasFromCumulative([{ asOf: '2021-11-30', value: 5 }], { opening: { month: '2021-11', value: 0 } })).toThrow(/must be before/);
  });

  it('should report two different totals for one day and use the last one given', () => {
    const { deltas, errors } = monthlyDeltasFromCumulative([
      { asOf: '2021-10-31', value: 196 },
      { asOf: '2021-11-30', value: 215 },
      { asOf: '2021-11-30', value: 216 },
      { asOf: '2021-10-31', value: '196.00' },
    ]);
    expect(errors.map((e) => e.code)).toEqual(['conflicting_observation']);
    expect(deltas[0].delta.toString()).toBe('20');
  });

  it('should throw when a date does not exist', () => {
    expect(() => monthlyDeltasFromCumulative([{ asOf: '2021-02-30', value: 1 }])).toThrow(/not a day/);
  });

  it('should return nothing when given no observation', () => {
    expect(monthlyDeltasFromCumulative([])).toEqual({ deltas: [], errors: [] });
  });
});
