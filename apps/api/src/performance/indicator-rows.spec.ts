import { actualText, targetText, toIndicatorInput } from './indicator-rows.js';
import { type PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';

const indicator = (patch: Partial<PerformanceIndicatorEntity>): PerformanceIndicatorEntity =>
  ({
    id: 'i1', projectId: 'p', level1: 'output', level2: 'quantity', name: '开展5次科普宣传', direction: '>=', targetValue: '5.0000', targetText: null,
    unit: '次', weight: null, actualValue: '5.0000', actualText: null, qualitativeTier: null, qualitativeShare: null, notApplicable: false,
    reverseFormula: null, deviationReason: null, bindingKind: 'manual', bindingMetric: null, bindingEventType: null, sortOrder: 10,
    ...patch,
  }) as PerformanceIndicatorEntity;

const manual = { kind: 'manual' as const, available: true, description: '', value: null, link: null, ids: [] };

describe('indicator rows', () => {
  describe('toIndicatorInput', () => {
    it('should score a numeric indicator on its effective (bound) actual, not the entered one', () => {
      const input = toIndicatorInput({ row: indicator({}), actualValue: '4', source: manual });
      expect(input).toMatchObject({ key: 'i1', direction: '>=', target: '5.0000', actual: '4', unit: '次' });
      expect('weight' in input && input.weight).toBeUndefined();
    });

    it('should turn a qualitative row into a judgement, or null while none is made', () => {
      const judged = toIndicatorInput({ row: indicator({ direction: 'qual', qualitativeTier: 'partly_met', qualitativeShare: '0.7' }), actualValue: null, source: manual });
      expect(judged).toMatchObject({ direction: 'qual', assessment: { tier: 'partly_met', share: '0.7' } });
      expect(toIndicatorInput({ row: indicator({ direction: 'qual' }), actualValue: null, source: manual })).toMatchObject({ assessment: null });
    });
  });

  describe('targetText and actualText', () => {
    it('should print ≥5次 and ≤344702元 from numeric targets, and the text when one is given', () => {
      expect(targetText(indicator({}))).toBe('≥5次');
      expect(targetText(indicator({ direction: '<=', targetValue: '344702.0000', unit: '元' }))).toBe('≤344702元');
      expect(targetText(indicator({ targetText: '全区具备科学素质比例达到8%' }))).toBe('全区具备科学素质比例达到8%');
    });

    it('should print the actual with its unit, the text when no number exists, and the judgement label for qualitative rows', () => {
      expect(actualText(indicator({}), '156688.3')).toBe('156688.3次');
      expect(actualText(indicator({ actualText: '完成' }), null)).toBe('完成');
      expect(actualText(indicator({ direction: 'qual', qualitativeTier: 'met' }), null)).toBe('达成年度指标');
    });
  });
});
