import { Dec, sum } from '../decimal.js';
import { allocateRounded } from './allocate.js';

describe('allocateRounded', () => {
  it('should give the lost cent to the part that lost the most when three thirds make 100', () => {
    const third = new Dec(100).dividedBy(3);
    const { total, parts } = allocateRounded([third, third, third]);
    expect(total.toFixed(2)).toBe('100.00');
    expect(parts.map((p) => p.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
  });

  it('should take nothing away when half-up rounding of each part would overshoot the total', () => {
    // 0.005 × 3: each rounds half-up to 0.01 (0.03 in all) but the total 0.015 rounds to 0.02.
    const { total, parts } = allocateRounded(['0.005', '0.005', '0.005']);
    expect(total.toFixed(2)).toBe('0.02');
    expect(parts.map((p) => p.toFixed(2))).toEqual(['0.01', '0.01', '0.00']);
  });

  it('should leave parts untouched when they are already exact at 2 decimals', () => {
    const { total, parts } = allocateRounded(['12', '8', '2.79', '0']);
    expect(total.toString()).toBe('22.79');
    expect(parts.map((p) => p.toString())).toEqual(['12', '8', '2.79', '0']);
  });

  it('should prefer the larger loss and then the earlier part when losses are equal', () => {
    const { parts } = allocateRounded(['1.004', '1.006', '1.006', '0.004']);
    // Total 3.02: floors are 1.00 + 1.00 + 1.00 + 0.00; two cents go to the 0.006 losses in order.
    expect(parts.map((p) => p.toFixed(2))).toEqual(['1.00', '1.01', '1.01', '0.00']);
  });

  it('should round to other places when asked', () => {
    const { total, parts } = allocateRounded([new Dec(1).dividedBy(3), new Dec(2).dividedBy(3)], 0);
    expect(total.toString()).toBe('1');
    expect(parts.map((p) => p.toString())).toEqual(['0', '1']);
  });

  it('should handle negative parts with the floor and still add up', () => {
    const { total, parts } = allocateRounded(['-1.005', '2.333', '0.001']);
    expect(sum(parts).equals(total)).toBe(true);
    expect(total.toFixed(2)).toBe('1.33');
  });

  it('should return an empty allocation when given no parts', () => {
    expect(allocateRounded([])).toEqual({ total: new Dec(0), parts: [] });
  });

  it('should always add up and stay within one cent of every part when given many random parts', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 500; round += 1) {
      const values = Array.from({ length: 1 + Math.floor(next() * 15) }, () => new Dec(next() * 40).dividedBy(1 + Math.floor(next() * 7)));
      const { total, parts } = allocateRounded(values);
      expect(sum(parts).equals(total)).toBe(true);
      expect(total.equals(sum(values).toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
      parts.forEach((part, i) => {
        expect(part.minus(values[i]).abs().lessThan('0.01')).toBe(true);
        expect(part.decimalPlaces()).toBeLessThanOrEqual(2);
      });
    }
  });
});
