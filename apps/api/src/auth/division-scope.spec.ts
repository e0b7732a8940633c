import { ForbiddenException } from '@nestjs/common';
import { DivisionScope } from './division-scope.js';

describe(DivisionScope.name, () => {
  describe('covers', () => {
    it('should cover every division when the scope is unrestricted (admin)', () => {
      const scope = DivisionScope.unrestricted('admin', '510000');
      expect(scope.covers('513400')).toBe(true);
      expect(scope.divisionCodes).toBeNull();
    });

    it('should cover only the listed divisions when limited (a district)', () => {
      const scope = DivisionScope.limitedTo('staff', '510403', ['510403']);
      expect(scope.covers('510403')).toBe(true);
      expect(scope.covers('510402')).toBe(false);
      expect(scope.covers('510400')).toBe(false);
    });
  });

  describe('assertCovers', () => {
    it('should throw 403 naming the division when it is outside the scope', () => {
      const scope = DivisionScope.limitedTo('leader', '510403', ['510403']);
      expect(() => scope.assertCovers('510402')).toThrow(ForbiddenException);
      expect(() => scope.assertCovers('510402')).toThrow(/510402/);
      expect(() => scope.assertCovers('510403')).not.toThrow();
    });
  });

  describe('restrict', () => {
    const fakeQuery = () => {
      const calls: Array<[string, Record<string, unknown>]> = [];
      const query = { andWhere: (sql: string, params: Record<string, unknown>) => (calls.push([sql, params]), query) };
      return { query, calls };
    };

    it('should add an IN condition with the scope codes when limited', () => {
      const { query, calls } = fakeQuery();
      DivisionScope.limitedTo('city', '510400', ['510400', '510402', '510403']).restrict(query as never, 'd.division_code');
      expect(calls).toHaveLength(1);
      expect(calls[0][0]).toMatch(/^d\.division_code IN \(:\.\.\.scopeCodes\d+\)$/);
      expect(Object.values(calls[0][1])[0]).toEqual(['510400', '510402', '510403']);
    });

    it('should add nothing when unrestricted', () => {
      const { query, calls } = fakeQuery();
      DivisionScope.unrestricted('admin', '510000').restrict(query as never, 'd.division_code');
      expect(calls).toHaveLength(0);
    });
  });
});
