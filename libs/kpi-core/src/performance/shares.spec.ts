import { Dec, sum } from '../decimal.js';
import { apportionCents } from './shares.js';

describe('shares', () => {
  describe('apportionCents', () => {
    it('should split 90 over 7 rows to the cent so the rows add up to 90 exactly', () => {
      const parts = apportionCents(Array.from({ length: 7 }, () => new Dec(1)), new Dec(90));
      expect(parts.map((p) => p.toFixed(2))).toEqual(['12.86', '12.86', '12.86', '12.86', '12.86', '12.85', '12.85']);
      expect(sum(parts).toString()).toBe('90');
    });

    it('should keep parts that already total the target unchanged', () => {
      const parts = ['10', '30', '30', '30'].map((v) => new Dec(v));
      expect(apportionCents(parts, new Dec(100)).map((p) => p.toString())).toEqual(['10', '30', '30', '30']);
    });

    it('should rescale in proportion when some parts are dropped', () => {
      // 10 + 15 + 15 + 15 of 100 remain: rescaled to 100 to the cent.
      const parts = apportionCents(['10', '15', '15', '15'].map((v) => new Dec(v)), new Dec(100));
      expect(parts.map((p) => p.toFixed(2))).toEqual(['18.18', '27.28', '27.27', '27.27']);
      expect(sum(parts).toString()).toBe('100');
    });

    it('should give zeros when every part is zero', () => {
      expect(apportionCents([new Dec(0), new Dec(0)], new Dec(100)).map((p) => p.toString())).toEqual(['0', '0']);
    });
  });
});
