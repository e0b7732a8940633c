import { GRADE_BANDS, gradeFor } from './grade.js';
import { GRADE_LABELS } from './vocabulary.js';

describe('grade', () => {
  describe('gradeFor', () => {
    it('should map the official bands 优 90–100, 良 80–89.99, 中 60–79.99, 差 below 60', () => {
      const cases: [string, string][] = [
        ['100', '优'], ['94.55', '优'], ['90', '优'],
        ['89.99', '良'], ['80', '良'],
        ['79.99', '中'], ['60', '中'],
        ['59.99', '差'], ['0', '差'],
      ];
      expect(cases.map(([total]) => GRADE_LABELS[gradeFor(total)])).toEqual(cases.map(([, label]) => label));
    });

    it('should grade the published total so 89.995 (printed 90.00) is 优', () => {
      expect(gradeFor('89.995')).toBe('excellent');
      expect(gradeFor('89.9949')).toBe('good');
    });

    it('should reject totals outside 0..100', () => {
      expect(() => gradeFor('100.01')).toThrow(new RangeError('total score must lie from 0 to 100, got 100.01'));
      expect(() => gradeFor('-1')).toThrow(RangeError);
      expect(() => gradeFor(Number.NaN)).toThrow(/total score must be a finite number/);
    });

    it('should list the bands from the top down', () => {
      expect(GRADE_BANDS.map((b) => b.from)).toEqual([90, 80, 60, 0]);
    });
  });
});
