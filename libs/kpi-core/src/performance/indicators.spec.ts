import { type Dec, roundHalfUp } from '../decimal.js';
import {
  type QuantitativeIndicatorInput,
  completionAtLeast,
  completionAtMost,
  completionEqual,
  indicatorCompletion,
  qualitativeCompletion,
} from './indicators.js';

const percent = (share: Dec) => roundHalfUp(share.times(100)).toFixed(2);

const quantitative = (overrides: Partial<QuantitativeIndicatorInput>): QuantitativeIndicatorInput => ({
  key: 'k',
  level2: 'quantity',
  name: 'test',
  direction: '>=',
  target: '5',
  actual: '5',
  ...overrides,
});

describe('indicators', () => {
  describe('completionAtLeast', () => {
    it('should be full when the actual reaches the target', () => {
      expect(completionAtLeast('5', '5').toString()).toBe('1');
    });

    it('should be actual ÷ target when short: 4 of 5 events is 80%', () => {
      expect(completionAtLeast('4', '5').toString()).toBe('0.8');
    });

    it('should cap over-achievement at full marks', () => {
      expect(completionAtLeast('9', '5').toString()).toBe('1');
    });

    it('should be full for any non-negative actual when the target is zero', () => {
      expect(completionAtLeast('0', '0').toString()).toBe('1');
      expect(completionAtLeast('-1', '0').toString()).toBe('0');
    });

    it('should not go below zero when the actual is negative', () => {
      expect(completionAtLeast('-3', '5').toString()).toBe('0');
    });

    it('should reject a negative target', () => {
      expect(() => completionAtLeast('1', '-5')).toThrow(new RangeError('target must not be negative, got -5'));
    });
  });

  describe('completionAtMost', () => {
    it('should be full when the actual stays at or under the ceiling', () => {
      expect(completionAtMost('156688.3', '344702').toString()).toBe('1');
      expect(completionAtMost('5000', '5000', 'linear').toString()).toBe('1');
    });

    it('should give A/B = 97.89% when 74.44 is spent against ≤ 72.87 under the ratio formula', () => {
      expect(percent(completionAtMost('74.44', '72.87', 'ratio'))).toBe('97.89');
    });

    it('should give 1 − (B − A)/A = 97.85% when 74.44 is spent against ≤ 72.87 under the linear formula', () => {
      expect(percent(completionAtMost('74.44', '72.87', 'linear'))).toBe('97.85');
    });

    it('should reach zero at twice the target under the linear formula and stay there beyond', () => {
      expect(completionAtMost('150', '100', 'linear').toString()).toBe('0.5');
      expect(completionAtMost('200', '100', 'linear').toString()).toBe('0');
      expect(completionAtMost('300', '100', 'linear').toString()).toBe('0');
      expect(percent(completionAtMost('300', '100', 'ratio'))).toBe('33.33');
    });

    it('should default to the ratio formula when none is named', () => {
      expect(completionAtMost('200', '100').toString()).toBe('0.5');
    });

    it('should earn nothing when a zero ceiling is exceeded, under both formulas', () => {
      expect(completionAtMost('1', '0', 'ratio').toString()).toBe('0');
      expect(completionAtMost('1', '0', 'linear').toString()).toBe('0');
      expect(completionAtMost('0', '0', 'linear').toString()).toBe('1');
    });

    it('should reject an unknown formula', () => {
      expect(() => completionAtMost('2', '1', 'cubic' as never)).toThrow(/unknown reverse formula "cubic"/);
    });
  });

  describe('completionEqual', () => {
    it('should score like ≥ when the target is positive', () => {
      expect(completionEqual('12', '12').toString()).toBe('1');
      expect(completionEqual('6', '12').toString()).toBe('0.5');
      expect(completionEqual('13', '12').toString()).toBe('1');
    });

    it('should be full only for an actual of zero or less when the target is zero', () => {
      expect(completionEqual('0', '0').toString()).toBe('1');
      expect(completionEqual('1', '0').toString()).toBe('0');
    });
  });

  describe('qualitativeCompletion', () => {
    it('should give full marks when met without a share', () => {
      expect(qualitativeCompletion({ tier: 'met' }).toString()).toBe('1');
    });

    it('should accept the reviewer share inside the band of its tier, edges included', () => {
      expect(qualitativeCompletion({ tier: 'met', share: '0.8' }).toString()).toBe('0.8');
      expect(qualitativeCompletion({ tier: 'partly_met', share: '0.7' }).toString()).toBe('0.7');
      expect(qualitativeCompletion({ tier: 'partly_met', share: '0.6' }).toString()).toBe('0.6');
      expect(qualitativeCompletion({ tier: 'not_met', share: '0' }).toString()).toBe('0');
    });

    it('should reject a share outside the band of its tier', () => {
      expect(() => qualitativeCompletion({ tier: 'met', share: '0.7' })).toThrow(new RangeError('a "met" share must lie from 0.8 to 1, got 0.7'));
      expect(() => qualitativeCompletion({ tier: 'not_met', share: '0.65' })).toThrow(/from 0 to 0.6/);
    });

    it('should require a share when the tier is not met', () => {
      expect(() => qualitativeCompletion({ tier: 'partly_met' })).toThrow(/needs the reviewer's share, from 0.6 to 0.8/);
    });

    it('should use configured bands when given (the 80/50 local template)', () => {
      const bands = { metFrom: '0.8', partlyMetFrom: '0.5' };
      expect(qualitativeCompletion({ tier: 'partly_met', share: '0.55' }, bands).toString()).toBe('0.55');
      expect(() => qualitativeCompletion({ tier: 'partly_met', share: '0.55' })).toThrow(RangeError);
    });

    it('should reject an unknown tier', () => {
      expect(() => qualitativeCompletion({ tier: 'excellent' as never })).toThrow(/unknown qualitative tier/);
    });
  });

  describe('indicatorCompletion', () => {
    it('should mark a ≥ indicator short of target with its completion', () => {
      const result = indicatorCompletion(quantitative({ actual: '4' }));
      expect(result.outcome).toBe('short');
      expect(result.completion.toString()).toBe('0.8');
      expect(result.achievementRatio?.toString()).toBe('0.8');
      expect(result.overAchieved).toBe(false);
    });

    it('should flag over-achievement above 1.5 × target but still give full marks', () => {
      const result = indicatorCompletion(quantitative({ actual: '8' }));
      expect(result.outcome).toBe('met');
      expect(result.completion.toString()).toBe('1');
      expect(result.achievementRatio?.toString()).toBe('1.6');
      expect(result.overAchieved).toBe(true);
    });

    it('should not flag exactly 1.5 × target', () => {
      expect(indicatorCompletion(quantitative({ actual: '7.5' })).overAchieved).toBe(false);
    });

    it('should use the configured over-achievement ratio when given', () => {
      expect(indicatorCompletion(quantitative({ actual: '7.5' }), { overAchievementRatio: '1.2' }).overAchieved).toBe(true);
    });

    it('should flag a ≤ indicator far under its ceiling, e.g. a cost at 45% of budget', () => {
      const cost = quantitative({ level2: 'cost', direction: '<=', target: '344702', actual: '156688.3' });
      const result = indicatorCompletion(cost);
      expect(result.outcome).toBe('met');
      expect(percent(result.achievementRatio as Dec)).toBe('219.99');
      expect(result.overAchieved).toBe(true);
    });

    it('should flag a ≤ indicator with nothing spent against a positive ceiling', () => {
      const result = indicatorCompletion(quantitative({ direction: '<=', target: '100', actual: '0' }));
      expect(result.achievementRatio).toBeNull();
      expect(result.overAchieved).toBe(true);
    });

    it('should choose the reverse formula from the rules and let the indicator override it', () => {
      const cost = quantitative({ direction: '<=', target: '72.87', actual: '74.44' });
      expect(percent(indicatorCompletion(cost, { reverseFormula: 'linear' }).completion)).toBe('97.85');
      expect(percent(indicatorCompletion(cost, { reverseFormula: 'ratio' }).completion)).toBe('97.89');
      expect(percent(indicatorCompletion({ ...cost, reverseFormula: 'linear' }, { reverseFormula: 'ratio' }).completion)).toBe('97.85');
    });

    it('should score an = indicator with a zero target as met only at zero', () => {
      expect(indicatorCompletion(quantitative({ direction: '=', target: '0', actual: '0' })).outcome).toBe('met');
      const breached = indicatorCompletion(quantitative({ direction: '=', target: '0', actual: '2' }));
      expect(breached.outcome).toBe('short');
      expect(breached.achievementRatio).toBeNull();
    });

    it('should score 0 and report the actual as missing when no numeric actual is recorded (IC-14)', () => {
      const result = indicatorCompletion(quantitative({ actual: null }));
      expect(result).toEqual(expect.objectContaining({ outcome: 'missing', achievementRatio: null, overAchieved: false }));
      expect(result.completion.toString()).toBe('0');
    });

    it('should treat a qualitative indicator without judgement as missing', () => {
      const result = indicatorCompletion({ key: 'q', level2: 'social', name: '传播科学知识', direction: 'qual', assessment: null });
      expect(result.outcome).toBe('missing');
    });

    it('should mark a partly met qualitative indicator as short of target', () => {
      const result = indicatorCompletion({ key: 'q', level2: 'social', name: 'x', direction: 'qual', assessment: { tier: 'partly_met', share: '0.75' } });
      expect(result.outcome).toBe('short');
      expect(result.completion.toString()).toBe('0.75');
    });

    it('should name the indicator when its input is invalid', () => {
      expect(() => indicatorCompletion(quantitative({ key: 'events', target: '-5' }))).toThrow(/^indicator "events": target must not be negative, got -5$/);
      expect(() => indicatorCompletion(quantitative({ key: 'events', actual: 'five' }))).toThrow(/indicator "events": actual must be a number/);
      expect(() => indicatorCompletion({ key: 'q', level2: 'social', name: 'x', direction: 'qual', assessment: { tier: 'met', share: '0.5' } })).toThrow(
        /indicator "q": a "met" share must lie from 0.8 to 1/,
      );
    });
  });
});
