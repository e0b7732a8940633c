import { Dec, roundHalfUp } from '../decimal.js';
import { DEFAULT_PACE_CUTOFFS, dailyPace, monthlyPace, paceGap, paceStatus } from './pace.js';

const percent = (share: Dec) => roundHalfUp(share.times(100)).toFixed(2);
// Same exact quotient (40 significant digits) as the code computes; avoids re-multiplying.
const fraction = (numerator: number, denominator: number) => new Dec(numerator).dividedBy(denominator);

describe('pace', () => {
  describe('monthlyPace', () => {
    it('should reproduce the E(m) table of domain.md §3.5 when no plan is given', () => {
      const table = ['8.33', '16.67', '25.00', '33.33', '41.67', '50.00', '58.33', '66.67', '75.00', '83.33', '91.67', '100.00'];
      expect(table.map((_, i) => percent(monthlyPace(i + 1)))).toEqual(table);
    });

    it('should keep m/12 exact until the edge when the month is not a round share', () => {
      // 7/12 rounds to 58.33 only for display; the exact value still multiplies back to 7.
      expect(monthlyPace(7).times(12).toString()).toBe('7');
      expect(monthlyPace(12).toString()).toBe('1');
    });

    it('should follow a monthly payment plan of amounts when one is given', () => {
      // A one-off procurement paid in December: nothing is due before then.
      const plan = ['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '156688.30'];
      expect(monthlyPace(6, plan).toString()).toBe('0');
      expect(monthlyPace(11, plan).toString()).toBe('0');
      expect(monthlyPace(12, plan).toString()).toBe('1');
    });

    it('should accept a plan of shares and a plan of amounts alike when they have the same shape', () => {
      const amounts = [0, 0, 2500, 2500, 0, 0, 0, 0, 2500, 0, 0, 2500];
      const shares = ['0', '0', '0.25', '0.25', '0', '0', '0', '0', '0.25', '0', '0', '0.25'];
      expect(monthlyPace(4, amounts).toString()).toBe('0.5');
      expect(monthlyPace(4, shares).toString()).toBe('0.5');
      expect(monthlyPace(8, amounts).toString()).toBe('0.5');
      expect(monthlyPace(9, shares).toString()).toBe('0.75');
    });

    it('should divide by the plan total when the plan entries do not add up to one', () => {
      const seasonal = ['1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '4'];
      expect(monthlyPace(11, seasonal).toString()).toBe('0.7333333333333333333333333333333333333333');
      expect(monthlyPace(12, seasonal).toString()).toBe('1');
    });

    it('should reject a month outside 1..12 or not an integer when called', () => {
      expect(() => monthlyPace(0)).toThrow(new RangeError('month must be an integer from 1 to 12, got 0'));
      expect(() => monthlyPace(13)).toThrow(RangeError);
      expect(() => monthlyPace(6.5)).toThrow(/integer from 1 to 12/);
      expect(() => monthlyPace(Number.NaN)).toThrow(/got NaN/);
    });

    it('should reject a plan without twelve entries when given one', () => {
      expect(() => monthlyPace(3, ['1', '1', '1'])).toThrow(new RangeError('monthly plan must have 12 entries (January..December), got 3'));
    });

    it('should reject a negative, non-numeric or all-zero plan when given one', () => {
      const negative = ['1', '1', '-1', '1', '1', '1', '1', '1', '1', '1', '1', '1'];
      expect(() => monthlyPace(3, negative)).toThrow(new RangeError('monthly plan entry for month 3 must not be negative, got -1'));
      const garbage = ['1', 'x', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1'];
      expect(() => monthlyPace(3, garbage)).toThrow(/monthly plan entry for month 2 must be a number/);
      const infinite = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, Number.POSITIVE_INFINITY];
      expect(() => monthlyPace(3, infinite)).toThrow(/month 12 must be a finite number/);
      expect(() => monthlyPace(3, Array<string>(12).fill('0'))).toThrow(new RangeError('monthly plan total must be greater than zero'));
    });
  });

  describe('dailyPace', () => {
    it('should divide the day of year by 365 when the year is common', () => {
      expect(dailyPace('2021-01-01')).toEqual(fraction(1, 365));
      expect(dailyPace('2021-07-31')).toEqual(fraction(212, 365));
      expect(dailyPace('2021-12-31').toString()).toBe('1');
    });

    it('should divide by 366 and count 29 February when the year is leap', () => {
      expect(dailyPace('2024-02-29')).toEqual(fraction(60, 366));
      expect(dailyPace('2024-03-01')).toEqual(fraction(61, 366));
      expect(dailyPace('2024-12-31').toString()).toBe('1');
      expect(dailyPace('2000-12-31').toString()).toBe('1');
      expect(dailyPace('2000-03-01')).toEqual(fraction(61, 366));
    });

    it('should treat century years as common when they are not divisible by 400', () => {
      expect(dailyPace('2100-03-01')).toEqual(fraction(60, 365));
    });

    it('should match the monthly pace at month ends only approximately when months differ in length', () => {
      // 30 June 2021 is day 181 of 365 = 49.59%, not the 50.00% of the monthly line.
      expect(roundHalfUp(dailyPace('2021-06-30').times(100)).toFixed(2)).toBe('49.59');
    });

    it('should reject malformed and impossible dates when parsing', () => {
      expect(() => dailyPace('2021-7-1')).toThrow(new RangeError('date must be YYYY-MM-DD, got "2021-7-1"'));
      expect(() => dailyPace('2021-07-01T00:00:00Z')).toThrow(/YYYY-MM-DD/);
      expect(() => dailyPace('2021-02-29')).toThrow(new RangeError('date 2021-02-29 is not a calendar day'));
      expect(() => dailyPace('2021-13-01')).toThrow(/not a calendar day/);
      expect(() => dailyPace('2021-04-31')).toThrow(/not a calendar day/);
      expect(() => dailyPace('2021-00-10')).toThrow(/not a calendar day/);
    });
  });

  describe('paceGap', () => {
    it('should give 1.53 points behind when 56.47% is executed against a 58% line', () => {
      // The published example (domain.md §3.5): "截至7月底…56.47%，低于序时进度1.53个百分点".
      expect(paceGap('0.5647', '0.58').toString()).toBe('-1.53');
    });

    it('should measure the same July figure against the exact 7/12 line when the linear pace is used', () => {
      const gap = paceGap('0.5647', monthlyPace(7));
      expect(roundHalfUp(gap).toFixed(2)).toBe('-1.86');
      expect(gap).toEqual(new Dec('0.5647').minus(fraction(7, 12)).times(100));
    });

    it('should be positive when execution is ahead of pace', () => {
      expect(paceGap('1.0215', monthlyPace(12)).toString()).toBe('2.15');
    });

    it('should reject non-numeric input when called', () => {
      expect(() => paceGap('abc', '0.5')).toThrow(/actual share must be a number/);
      expect(() => paceGap('0.5', Number.NaN)).toThrow(/expected share must be a finite number/);
    });
  });

  describe('paceStatus', () => {
    it('should be green when on or ahead of pace', () => {
      expect(paceStatus('0')).toBe('green');
      expect(paceStatus('2.15')).toBe('green');
    });

    it('should be yellow when behind by less than ten points, however little', () => {
      expect(paceStatus('-0.0001')).toBe('yellow');
      expect(paceStatus('-1.53')).toBe('yellow');
      expect(paceStatus('-9.99')).toBe('yellow');
    });

    it('should be yellow at exactly ten points behind and red below when the default cut-offs apply', () => {
      expect(paceStatus('-10')).toBe('yellow');
      expect(paceStatus('-10.0001')).toBe('red');
      expect(paceStatus('-41.67')).toBe('red');
    });

    it('should use the cut-offs given when configured', () => {
      const lenient = { yellowBelow: -2, redBelow: -20 };
      expect(paceStatus('-1.53', lenient)).toBe('green');
      expect(paceStatus('-15', lenient)).toBe('yellow');
      expect(paceStatus('-20.5', lenient)).toBe('red');
      expect(DEFAULT_PACE_CUTOFFS).toEqual({ yellowBelow: 0, redBelow: -10 });
    });

    it('should reject cut-offs where red starts above yellow when configured', () => {
      expect(() => paceStatus('-1', { yellowBelow: -10, redBelow: 0 })).toThrow(
        new RangeError('pace cut-off redBelow (0) must not be above yellowBelow (-10)'),
      );
      expect(() => paceStatus('-1', { yellowBelow: Number.NaN, redBelow: -10 })).toThrow(/finite/);
    });
  });
});
