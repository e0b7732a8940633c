import { Dec } from '../decimal.js';
import {
  budgetExecution,
  executionProgress,
  executionRate,
  executionScore,
  needsExecutionExplanation,
  projectedYearEndRate,
  toPercent,
} from './execution.js';

const fixed = (value: Dec | null) => (value === null ? null : value.toFixed(2));

describe('execution', () => {
  describe('executionRate', () => {
    it('should divide executed by the adjusted budget exactly and round only the percentage', () => {
      const rate = executionRate('156688.3', '180000');
      expect(rate.rate?.toString()).toBe('0.8704905555555555555555555555555555555556');
      expect(fixed(rate.ratePercent)).toBe('87.05');
      expect(rate.spentWithoutBudget).toBe(false);
    });

    it('should keep a rate above 100% uncapped when more is spent than budgeted', () => {
      expect(fixed(executionRate('74.44', '72.87').ratePercent)).toBe('102.15');
    });

    it('should give no rate instead of dividing by zero when the budget is zero', () => {
      expect(executionRate('0', '0')).toEqual({ budget: new Dec(0), executed: new Dec(0), rate: null, ratePercent: null, spentWithoutBudget: false });
    });

    it('should flag spending without a budget when the budget is zero but money was spent', () => {
      const rate = executionRate('500', 0);
      expect(rate.rate).toBeNull();
      expect(rate.spentWithoutBudget).toBe(true);
    });

    it('should reject negative and non-numeric amounts with a message naming the field', () => {
      expect(() => executionRate('-1', '100')).toThrow(new RangeError('executed amount must not be negative, got -1'));
      expect(() => executionRate('1', '-100')).toThrow(/budget must not be negative/);
      expect(() => executionRate('1', 'lots')).toThrow(/budget must be a number/);
    });
  });

  describe('budgetExecution', () => {
    it('should compute each line and a total row from the sums when the table leaves the total blank', () => {
      const result = budgetExecution([
        { key: 'higher', label: '上级财政资金', adjustedBudget: '180000', executed: '156688.3' },
        { key: 'local', label: '本级财政资金', adjustedBudget: '164702', executed: '0' },
      ]);
      expect(result.lines.map((l) => [l.key, fixed(l.ratePercent)])).toEqual([['higher', '87.05'], ['local', '0.00']]);
      expect(result.total.budget.toString()).toBe('344702');
      expect(result.total.executed.toString()).toBe('156688.3');
      expect(fixed(result.total.ratePercent)).toBe('45.46');
    });

    it('should mark a line as adjusted when its initial budget differs from the adjusted one', () => {
      const result = budgetExecution([
        { key: 'a', initialBudget: '100', adjustedBudget: '120', executed: '120' },
        { key: 'b', initialBudget: '50', adjustedBudget: '50', executed: '40' },
      ]);
      expect(result.lines.map((l) => l.adjusted)).toEqual([true, false]);
      expect(result.total.initialBudget?.toString()).toBe('150');
      expect(result.total.adjusted).toBe(true);
    });

    it('should leave the total initial budget unknown when any line lacks one', () => {
      const result = budgetExecution([
        { key: 'a', initialBudget: '100', adjustedBudget: '100', executed: '90' },
        { key: 'b', adjustedBudget: '50', executed: '40' },
      ]);
      expect(result.total.initialBudget).toBeNull();
      expect(result.total.adjusted).toBe(false);
    });

    it('should give a total without a rate when there are no lines', () => {
      const result = budgetExecution([]);
      expect(result.total.rate).toBeNull();
      expect(result.total.initialBudget).toBeNull();
    });

    it('should keep a trimmed reason and drop a blank one', () => {
      const result = budgetExecution([
        { key: 'a', adjustedBudget: '1', executed: '0', reason: '  未使用  ' },
        { key: 'b', adjustedBudget: '1', executed: '0', reason: '   ' },
      ]);
      expect(result.lines.map((l) => l.reason)).toEqual(['未使用', null]);
    });

    it('should reject two lines with the same key', () => {
      expect(() => budgetExecution([
        { key: 'a', adjustedBudget: '1', executed: '1' },
        { key: 'a', adjustedBudget: '2', executed: '1' },
      ])).toThrow(new RangeError('funding line key "a" is used twice'));
    });
  });

  describe('needsExecutionExplanation', () => {
    it('should require an explanation below 90% and none at or above it', () => {
      expect(needsExecutionExplanation(new Dec('0.8704905'))).toBe(true);
      expect(needsExecutionExplanation('0.9')).toBe(false);
      expect(needsExecutionExplanation('1.0215')).toBe(false);
    });

    it('should compare the exact rate when it would print as 90.00%', () => {
      expect(fixed(toPercent('0.899996'))).toBe('90.00');
      expect(needsExecutionExplanation('0.899996')).toBe(true);
    });

    it('should require none when there is no rate (zero budget)', () => {
      expect(needsExecutionExplanation(null)).toBe(false);
    });

    it('should use the threshold given when configured', () => {
      expect(needsExecutionExplanation('0.85', '0.8')).toBe(false);
      expect(needsExecutionExplanation('0.75', '0.8')).toBe(true);
    });
  });

  describe('executionScore', () => {
    it('should give weight × rate exactly when the rate is below 100%', () => {
      expect(executionScore('0.4545616213424929359272647098073118229659', '10').toString()).toBe('4.545616213424929359272647098073118229659');
    });

    it('should never exceed the weight when more than the budget was executed', () => {
      expect(executionScore('1.0215', '10').toString()).toBe('10');
    });

    it('should never go below zero when the rate is negative (refunds)', () => {
      expect(executionScore('-0.1', '10').toString()).toBe('0');
    });

    it('should reject a negative weight', () => {
      expect(() => executionScore('0.5', '-10')).toThrow(/execution weight must not be negative/);
    });
  });

  describe('projectedYearEndRate', () => {
    it('should project 96.81% when 56.47% is executed at the end of July on the linear line', () => {
      const projected = projectedYearEndRate('0.5647', new Dec(7).dividedBy(12));
      expect(fixed(toPercent(projected as Dec))).toBe('96.81');
    });

    it('should give no projection while nothing is expected yet', () => {
      expect(projectedYearEndRate('0', '0')).toBeNull();
    });
  });

  describe('executionProgress', () => {
    it('should report the gap, a yellow light and the projection when behind the monthly line', () => {
      const progress = executionProgress({ executed: '56470', budget: '100000', at: { month: 7 } });
      expect(fixed(progress.ratePercent)).toBe('56.47');
      expect(fixed(progress.expectedPercent)).toBe('58.33');
      expect(fixed(progress.gapPointsRounded)).toBe('-1.86');
      expect(progress.status).toBe('yellow');
      expect(fixed(progress.projectedYearEndPercent)).toBe('96.81');
      expect(progress.projectedBelowThreshold).toBe(false);
      expect(progress.isYearEnd).toBe(false);
    });

    it('should be red at year end when the rate is below 90% even though the cut-offs would say yellow', () => {
      const lenient = { yellowBelow: 0, redBelow: -20 };
      const progress = executionProgress({ executed: '85', budget: '100', at: { month: 12 }, cutoffs: lenient });
      expect(fixed(progress.gapPointsRounded)).toBe('-15.00');
      expect(progress.status).toBe('red');
      expect(progress.isYearEnd).toBe(true);
      expect(progress.projectedYearEndPercent).toBeNull();
    });

    it('should be green at year end once the rate reaches 90%, with nothing projected: a closed year lags behind no pace', () => {
      const progress = executionProgress({ executed: '95', budget: '100', at: { month: 12 } });
      expect(fixed(progress.gapPointsRounded)).toBe('-5.00');
      expect(progress.status).toBe('green');
      expect(progress.projectedYearEndRate).toBeNull();
      expect(progress.projectedBelowThreshold).toBe(false);
    });

    it('should flag a projection below 90% early even while the light is only yellow', () => {
      // Exactly ten points behind is still yellow; the projection already warns.
      const progress = executionProgress({ executed: '40', budget: '100', at: { month: 6 } });
      expect(progress.status).toBe('yellow');
      expect(fixed(progress.projectedYearEndPercent)).toBe('80.00');
      expect(progress.projectedBelowThreshold).toBe(true);
    });

    it('should follow the monthly plan when one is given', () => {
      const decemberOnly = ['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '1'];
      const progress = executionProgress({ executed: '0', budget: '100', at: { month: 6, plan: decemberOnly } });
      expect(progress.status).toBe('green');
      expect(progress.projectedYearEndRate).toBeNull();
    });

    it('should use the daily pace and know 31 December is year end when a date is given', () => {
      const progress = executionProgress({ executed: '87.05', budget: '100', at: { date: '2021-12-31' } });
      expect(progress.expectedShare.toString()).toBe('1');
      expect(progress.isYearEnd).toBe(true);
      expect(progress.status).toBe('red');
    });

    it('should give no status when the budget is zero', () => {
      const progress = executionProgress({ executed: '0', budget: '0', at: { month: 5 } });
      expect(progress.status).toBeNull();
      expect(progress.gapPoints).toBeNull();
    });

    it('should apply configured cut-offs when given', () => {
      const at = { month: 6 };
      expect(executionProgress({ executed: '35', budget: '100', at }).status).toBe('red');
      expect(executionProgress({ executed: '35', budget: '100', at, cutoffs: { yellowBelow: 0, redBelow: -20 } }).status).toBe('yellow');
    });
  });
});
