import { type Dec } from '../decimal.js';
import { type IndicatorInput, type QualitativeIndicatorInput, type QuantitativeIndicatorInput } from './indicators.js';
import { type SelfEvaluationInput, evaluateSelfEvaluation } from './self-evaluation.js';
import { defineTemplate } from './templates.js';
import { type IndicatorLevel2 } from './vocabulary.js';

const fixed = (value: Dec | null) => (value === null ? null : value.toFixed(2));

const atLeast = (key: string, level2: IndicatorLevel2, target: string, actual: string | null, extra: Partial<QuantitativeIndicatorInput> = {}): QuantitativeIndicatorInput => ({
  key, level2, name: key, direction: '>=', target, actual, ...extra,
});
const met = (key: string, level2: IndicatorLevel2, extra: Partial<QualitativeIndicatorInput> = {}): QualitativeIndicatorInput => ({
  key, level2, name: key, direction: 'qual', assessment: { tier: 'met' }, ...extra,
});

const fullyFunded = [{ key: 'local', adjustedBudget: '100', executed: '100' }];
const sixIndicators: IndicatorInput[] = [
  atLeast('q1', 'quantity', '5', '5'),
  met('q2', 'quality'),
  met('q3', 'timeliness'),
  { key: 'q4', level2: 'cost', name: 'q4', direction: '<=', target: '100', actual: '100' },
  met('q5', 'social'),
  met('q6', 'satisfaction'),
];
const evaluate = (overrides: Partial<SelfEvaluationInput>) =>
  evaluateSelfEvaluation({ template: 'sichuan', fundingLines: fullyFunded, indicators: sixIndicators, ...overrides });

describe('self-evaluation', () => {
  describe('evaluateSelfEvaluation', () => {
    it('should give 100 and 优 with nothing to explain when everything is met', () => {
      const result = evaluate({});
      expect(fixed(result.total)).toBe('100.00');
      expect(result.exactTotal.toString()).toBe('100');
      expect(result.grade).toBe('excellent');
      expect(result.reasonsRequired).toEqual([]);
      expect(result.reviewFlags).toEqual([]);
      expect(result.complete).toBe(true);
      expect(result.indicators.map((r) => fixed(r.weight))).toEqual(['15.00', '15.00', '15.00', '15.00', '15.00', '15.00']);
      expect(result.indicators.map((r) => r.level1)).toEqual(['output', 'output', 'output', 'output', 'benefit', 'satisfaction']);
    });

    it('should keep weights given per indicator when they fill the pool', () => {
      const weighted = sixIndicators.map((indicator, i) => ({ ...indicator, weight: ['20', '20', '10', '10', '20', '10'][i] }));
      const result = evaluate({ indicators: weighted });
      expect(result.indicators.map((r) => r.weight.toString())).toEqual(['20', '20', '10', '10', '20', '10']);
      expect(result.indicators.map((r) => r.effectiveWeight.toString())).toEqual(['20', '20', '10', '10', '20', '10']);
    });

    it('should reject given weights that do not fill the pool', () => {
      const weighted = sixIndicators.map((indicator) => ({ ...indicator, weight: '10' }));
      expect(() => evaluate({ indicators: weighted })).toThrow(new RangeError('indicator weights of pool "indicators" total 60, expected 90'));
    });

    it('should reject weights finer than the cent, which would print totals above 100', () => {
      const fine = sixIndicators.map((indicator, i) => ({ ...indicator, weight: i === 0 ? '15.005' : i === 1 ? '14.995' : '15' }));
      expect(() => evaluate({ indicators: fine })).toThrow(new RangeError('weight of indicator "q1" must have at most 2 decimals, got 15.005'));
    });

    it('should split what is left of a pool over the rows without a weight', () => {
      const mixed = sixIndicators.map((indicator, i) => (i < 2 ? { ...indicator, weight: '30' } : indicator));
      const result = evaluate({ indicators: mixed });
      expect(result.indicators.map((r) => fixed(r.weight))).toEqual(['30.00', '30.00', '7.50', '7.50', '7.50', '7.50']);
    });

    it('should reject rows without a weight when the given weights leave no points', () => {
      const greedy = sixIndicators.map((indicator, i) => (i === 0 ? { ...indicator, weight: '90' } : indicator));
      expect(() => evaluate({ indicators: greedy })).toThrow(/pool "indicators" has no points left for 5 indicator\(s\) without a weight/);
    });

    it('should split each MoF pool over its own level-1 block', () => {
      const result = evaluate({ template: 'mof' });
      expect(result.indicators.map((r) => fixed(r.weight))).toEqual(['12.50', '12.50', '12.50', '12.50', '30.00', '10.00']);
      expect(result.pools.map((p) => [p.key, fixed(p.score), p.indicatorCount])).toEqual([['output', '50.00', 4], ['benefit', '30.00', 1], ['satisfaction', '10.00', 1]]);
      expect(fixed(result.total)).toBe('100.00');
    });

    it('should rescale the other points to 100 when an indicator does not apply', () => {
      const withDropped = sixIndicators.map((indicator, i) => (i === 5 ? { ...indicator, notApplicable: true } : indicator));
      const result = evaluate({ indicators: withDropped });
      expect(fixed(result.applicableWeight)).toBe('85.00');
      // 10/85 and 15/85 of 100, to the cent, adding up to 100 exactly.
      expect(fixed(result.execution.effectiveWeight)).toBe('11.76');
      expect(result.indicators.map((r) => fixed(r.effectiveWeight))).toEqual(['17.65', '17.65', '17.65', '17.65', '17.64', '0.00']);
      expect(result.indicators[5].outcome).toBe('not_applicable');
      expect(result.indicators[5].completion).toBeNull();
      expect(fixed(result.total)).toBe('100.00');
    });

    it('should rescale a MoF template when a whole level-1 block has no indicators', () => {
      const result = evaluate({ template: 'mof', indicators: sixIndicators.slice(0, 5) });
      expect(fixed(result.applicableWeight)).toBe('90.00');
      expect(result.pools[2]).toEqual(expect.objectContaining({ key: 'satisfaction', indicatorCount: 0 }));
      expect(fixed(result.pools[2].effectiveWeight)).toBe('0.00');
      expect(fixed(result.total)).toBe('100.00');
    });

    it('should drop the execution block and rescale when the project has no budget at all', () => {
      const result = evaluate({ fundingLines: [{ key: 'local', adjustedBudget: '0', executed: '0' }] });
      expect(result.execution.notApplicable).toBe(true);
      expect(fixed(result.execution.effectiveWeight)).toBe('0.00');
      expect(result.indicators.map((r) => fixed(r.effectiveWeight))).toEqual(['16.67', '16.67', '16.67', '16.67', '16.66', '16.66']);
      expect(fixed(result.total)).toBe('100.00');
      expect(result.reasonsRequired).toEqual([]);
    });

    it('should require a reason for spending without a budget', () => {
      const result = evaluate({ fundingLines: [...fullyFunded, { key: 'other', adjustedBudget: '0', executed: '5' }] });
      expect(result.reasonsRequired).toEqual([{ kind: 'spent_without_budget', subject: 'funding_line', key: 'other', value: null, reasonGiven: false }]);
    });

    it('should use Hubei execution weight 20 when that template is chosen', () => {
      const result = evaluate({ template: 'hubei', fundingLines: [{ key: 'local', adjustedBudget: '100', executed: '50' }] });
      expect(fixed(result.execution.score)).toBe('10.00');
      expect(result.indicators.map((r) => fixed(r.weight))).toEqual(Array(6).fill('13.33').map((w, i) => (i < 2 ? '13.34' : w)));
      expect(fixed(result.total)).toBe('90.00');
    });

    it('should list every item that needs a reason and whether one was given', () => {
      const result = evaluate({
        fundingLines: [
          { key: 'higher', adjustedBudget: '100', executed: '80', reason: '项目延期' },
          { key: 'local', initialBudget: '50', adjustedBudget: '60', executed: '60' },
        ],
        indicators: [
          atLeast('events', 'quantity', '5', '4', { reason: '疫情取消一次' }),
          atLeast('literacy', 'quantity', '8', null),
          { key: 'social', level2: 'social', name: 'social', direction: 'qual', assessment: { tier: 'partly_met', share: '0.7' } },
          met('satisfaction', 'satisfaction'),
        ],
      });
      expect(result.reasonsRequired.map((r) => [r.kind, r.subject, r.key, fixed(r.value), r.reasonGiven])).toEqual([
        ['execution_below_threshold', 'execution', 'total', '0.88', false],
        ['execution_below_threshold', 'funding_line', 'higher', '0.80', true],
        ['budget_adjusted', 'funding_line', 'local', '1.00', false],
        ['indicator_short_of_target', 'indicator', 'events', '0.80', true],
        ['indicator_missing_actual', 'indicator', 'literacy', null, false],
        ['indicator_short_of_target', 'indicator', 'social', '0.70', false],
      ]);
      expect(result.complete).toBe(false);
    });

    it('should take the execution reason of the total row from the input', () => {
      const result = evaluate({ fundingLines: [{ key: 'local', adjustedBudget: '100', executed: '50' }], executionReason: '区级资金未使用' });
      expect(result.reasonsRequired[0]).toEqual(expect.objectContaining({ key: 'total', reasonGiven: true }));
      expect(result.execution.reason).toBe('区级资金未使用');
    });

    it('should flag full marks far above target for review without deducting points', () => {
      const result = evaluate({ indicators: [atLeast('users', 'quantity', '1000', '7585'), ...sixIndicators.slice(1)] });
      expect(result.reviewFlags).toEqual([{ kind: 'indicator_over_achieved', key: 'users', achievementRatio: expect.anything() }]);
      expect(result.reviewFlags[0].achievementRatio?.toString()).toBe('7.585');
      expect(fixed(result.total)).toBe('100.00');
    });

    it('should sum the printed row scores so the table adds up, keeping the exact sum beside it', () => {
      // 90/7 rows at 2/3 each: every row prints 8.57 or 8.56, the total is their sum.
      const thirds = Array.from({ length: 7 }, (_, i) => atLeast(`r${i}`, 'quantity', '3', '2'));
      const result = evaluate({ indicators: thirds });
      const printed = result.indicators.map((r) => fixed(r.score));
      expect(printed).toEqual(['8.57', '8.57', '8.57', '8.57', '8.57', '8.57', '8.57']);
      expect(fixed(result.total)).toBe('69.99');
      expect(fixed(result.exactTotal)).toBe('70.00');
      expect(result.grade).toBe('fair');
    });

    it('should use the template reverse formula unless the indicator overrides it', () => {
      const overBudget: IndicatorInput = { key: 'cost', level2: 'cost', name: 'cost', direction: '<=', target: '100', actual: '120' };
      const linear = defineTemplate({ reverseFormula: 'linear' });
      expect(fixed(evaluate({ indicators: [overBudget] }).indicators[0].completionPercent)).toBe('83.33');
      expect(fixed(evaluate({ template: linear, indicators: [overBudget] }).indicators[0].completionPercent)).toBe('80.00');
      expect(fixed(evaluate({ template: linear, indicators: [{ ...overBudget, reverseFormula: 'ratio' }] }).indicators[0].completionPercent)).toBe('83.33');
    });

    it('should return the input row unchanged beside its results', () => {
      const result = evaluate({});
      expect(result.indicators[0].indicator).toBe(sixIndicators[0]);
      expect(result.template.id).toBe('sichuan');
    });

    it('should reject duplicate keys, unknown categories and a table with nothing to score', () => {
      expect(() => evaluate({ indicators: [sixIndicators[0], sixIndicators[0]] })).toThrow(new RangeError('indicator key "q1" is used twice'));
      expect(() => evaluate({ indicators: [{ ...sixIndicators[0], level2: 'fun' as never }] })).toThrow(/unknown level-2 category "fun"/);
      expect(() => evaluate({ indicators: [{ ...sixIndicators[0], direction: '>' as never }] })).toThrow(/unknown direction ">"/);
      expect(() => evaluate({ indicators: [] })).toThrow(/at least one applicable indicator/);
      expect(() => evaluate({ indicators: sixIndicators.map((i) => ({ ...i, notApplicable: true })) })).toThrow(/at least one applicable indicator/);
    });
  });
});
