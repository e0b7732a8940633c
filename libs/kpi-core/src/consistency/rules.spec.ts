import { fixed2, parsePrinted, printedPlaces, sortFindings } from './finding.js';
import {
  checkComponentsWithinTotal, checkNarrativeCount, checkPercentage, checkPrintedValue, checkReasonGiven, checkRequiredValue,
  checkReverseBreachedFull, checkSameFigure, checkSumIdentity, checkUnitPlausibility, checkWeightsTotal,
} from './rules.js';

const where = { path: 'x', label: '合计', unit: '万元' };

describe('consistency rules', () => {
  describe('finding helpers', () => {
    it('should print half-up with two decimals and read printed cells leniently', () => {
      expect([fixed2('45.456'), fixed2('0.005'), fixed2(3)]).toEqual(['45.46', '0.01', '3.00']);
      expect([printedPlaces('45.45'), printedPlaces('78'), printedPlaces('0.6')]).toEqual([2, 0, 1]);
      expect(parsePrinted('156,688.30')?.toString()).toBe('156688.3');
      expect(parsePrinted('100%')?.toString()).toBe('100');
      expect([parsePrinted('完成'), parsePrinted(''), parsePrinted(null)]).toEqual([null, null, null]);
    });

    it('should sort errors before warnings before info, stable within a severity', () => {
      const sorted = sortFindings([{ severity: 'info', n: 1 }, { severity: 'error', n: 2 }, { severity: 'warning', n: 3 }, { severity: 'error', n: 4 }] as const);
      expect(sorted.map((f) => f.n)).toEqual([2, 4, 3, 1]);
    });
  });

  describe('checkSumIdentity', () => {
    it('should pass the seed identities 58.27 + 0.5 + 15.67 = 74.44, 57.27 + 17.17 = 74.44, 52.12 + 5.15 = 57.27 and 180000 + 164702 = 344702', () => {
      const parts = (...values: string[]) => values.map((value, i) => ({ label: `p${i}`, value }));
      expect(checkSumIdentity({ ...where, total: '74.44', parts: parts('58.27', '0.5', '15.67') })).toBeNull();
      expect(checkSumIdentity({ ...where, total: '74.44', parts: parts('57.27', '17.17') })).toBeNull();
      expect(checkSumIdentity({ ...where, total: '57.27', parts: parts('52.12', '5.15') })).toBeNull();
      expect(checkSumIdentity({ ...where, total: '344702', parts: parts('180000', '164702') })).toBeNull();
      expect(checkSumIdentity({ ...where, total: '0', parts: parts('0', '0', '0') })).toBeNull();
    });

    it('should report 73.94 against the functional sum 73.93 as a rounding warning within 0.01 (IC-01)', () => {
      const finding = checkSumIdentity({ ...where, total: '73.94', parts: [{ label: '206', value: '61.96' }, { label: '208', value: '3.68' }, { label: '210', value: '3.43' }, { label: '221', value: '4.86' }], roundingTolerance: '0.01' });
      expect(finding).toMatchObject({ rule: 'sum_identity', severity: 'warning', expected: '73.93', found: '73.94', unit: '万元' });
    });

    it('should report a difference above the rounding tolerance as an error and subtract negative parts in the message', () => {
      const finding = checkSumIdentity({ ...where, total: '10', parts: [{ label: 'a', value: '18' }, { label: 'b', value: '-7' }], roundingTolerance: '0.01' });
      expect(finding).toMatchObject({ severity: 'error', expected: '11.00', found: '10.00' });
      expect(finding?.message).toContain('a 18.00 − b 7.00');
    });

    it('should ignore differences within the tolerance', () => {
      expect(checkSumIdentity({ ...where, total: '15.67', parts: [{ label: 'a', value: '15.66883' }], tolerance: '0.005' })).toBeNull();
    });
  });

  describe('checkSameFigure', () => {
    it('should compare at the stated precision, so 16.4702 stated as 16.47 agrees', () => {
      expect(checkSameFigure({ ...where, reference: { where: 'table', value: '16.4702' }, stated: { where: 'text', value: '16.47', printed: '16.47' } })).toBeNull();
      expect(checkSameFigure({ ...where, reference: { where: 'table', value: '45.30' }, stated: { where: 'text', value: '45.3', printed: '45.3' } })).toBeNull();
    });

    it('should report 73.44 against 73.94 as an error (IC-01)', () => {
      const finding = checkSameFigure({ ...where, reference: { where: '五(一)', value: '73.94' }, stated: { where: '五(三)', value: '73.44', printed: '73.44' }, roundingTolerance: '0.01' });
      expect(finding).toMatchObject({ rule: 'same_figure', severity: 'error', expected: '73.94', found: '73.44' });
    });

    it('should call an exact factor of 10,000 a unit mix-up', () => {
      const finding = checkSameFigure({ ...where, reference: { where: 'table', value: '164702' }, stated: { where: 'text', value: '16.4702' } });
      expect(finding).toMatchObject({ rule: 'unit_plausibility', expected: '164702.00', found: '16.47' });
    });
  });

  describe('checkPrintedValue and checkPercentage', () => {
    it('should accept 78.28% printed as 78 and 87.049% printed as 87.05 (half-up at the printed precision)', () => {
      expect(checkPercentage({ ...where, numerator: '58.27', denominator: '74.44', printed: '78' })).toBeNull();
      expect(checkPercentage({ ...where, numerator: '156688.3', denominator: '180000', printed: '87.05' })).toBeNull();
      expect(checkPercentage({ ...where, numerator: '0', denominator: '164702', printed: '0' })).toBeNull();
    });

    it('should flag 0.67% printed truncated as 0.6 and 45.456% printed as 45.45 (IC-05)', () => {
      expect(checkPercentage({ ...where, numerator: '0.5', denominator: '74.44', printed: '0.6', severity: 'info' })).toMatchObject({ rule: 'percentage_recomputed', severity: 'info', expected: '0.67', found: '0.60', unit: '%' });
      expect(checkPercentage({ ...where, numerator: '156688.3', denominator: '344702', printed: '45.45%' })).toMatchObject({ expected: '45.46', found: '45.45' });
    });

    it('should judge a narrative "100%" with 0.5 points of slack: 102.15% is out (IC-03), 100.4% is in', () => {
      expect(checkPercentage({ ...where, numerator: '74.44', denominator: '72.87', printed: '100', tolerancePoints: '0.5' })).toMatchObject({ expected: '102.15', found: '100.00' });
      expect(checkPercentage({ ...where, numerator: '100.4', denominator: '100', printed: '100', tolerancePoints: '0.5' })).toBeNull();
    });

    it('should say nothing when the denominator is zero', () => {
      expect(checkPercentage({ ...where, numerator: '0', denominator: '0', printed: '0' })).toBeNull();
    });

    it('should check printed scores under the score rule', () => {
      expect(checkPrintedValue({ ...where, computed: '4.5456', printed: '4.55', rule: 'score_recomputed' })).toBeNull();
      expect(checkPrintedValue({ ...where, computed: '4.5456', printed: '4.54', rule: 'score_recomputed', unit: '分' })).toMatchObject({ rule: 'score_recomputed', expected: '4.55', found: '4.54', unit: '分' });
    });
  });

  describe('checkUnitPlausibility', () => {
    it('should take 344702 in a 万元 column for 元 (IC-07) and accept 74.44 万元', () => {
      expect(checkUnitPlausibility({ ...where, amount: '344702', unit: '万元' })).toMatchObject({ rule: 'unit_plausibility', severity: 'error', expected: '34.47', found: '344702.00' });
      expect(checkUnitPlausibility({ ...where, amount: '74.44', unit: '万元' })).toBeNull();
      expect(checkUnitPlausibility({ ...where, amount: '9999.99', unit: '万元' })).toBeNull();
    });

    it('should take 0.5 in a 元 column for 万元, but accept 0 and 5000 元', () => {
      expect(checkUnitPlausibility({ ...where, amount: '0.5', unit: '元' })).toMatchObject({ severity: 'warning', expected: '5000.00', found: '0.50' });
      expect(checkUnitPlausibility({ ...where, amount: '0', unit: '元' })).toBeNull();
      expect(checkUnitPlausibility({ ...where, amount: '5000', unit: '元' })).toBeNull();
    });
  });

  describe('checkComponentsWithinTotal', () => {
    it('should report deal components 51210.8 万 above the cumulative 2.32 亿 = 23200 万 (IC-10)', () => {
      const finding = checkComponentsWithinTotal({ ...where, total: '23200', components: [{ label: 'a', value: '9270.8' }, { label: 'b', value: '150' }, { label: 'c', value: '41790' }] });
      expect(finding).toMatchObject({ rule: 'components_within_total', severity: 'error', expected: '51210.80', found: '23200.00' });
    });

    it('should accept components that fit, including equal to the total', () => {
      expect(checkComponentsWithinTotal({ ...where, total: '100', components: [{ label: 'a', value: '60' }, { label: 'b', value: '40' }] })).toBeNull();
    });
  });

  describe('checkNarrativeCount', () => {
    it('should contradict 4 events in the text with the indicator’s 5 (IC-09) and accept equal counts', () => {
      expect(checkNarrativeCount({ ...where, stated: '4', actual: '5', statedWhere: '总体目标', actualWhere: '数量指标' })).toMatchObject({ rule: 'narrative_count', expected: '5.00', found: '4.00' });
      expect(checkNarrativeCount({ ...where, stated: '5', actual: '5.0', statedWhere: 'a', actualWhere: 'b' })).toBeNull();
    });
  });

  describe('checkReverseBreachedFull', () => {
    it('should refuse 100% for ≤ 72.87 against 74.44 (IC-12) and accept it when under the ceiling or printed below 100', () => {
      expect(checkReverseBreachedFull({ ...where, target: '72.87', actual: '74.44', computedCompletion: '97.891', printedCompletion: '100' })).toMatchObject({ rule: 'reverse_breached_full', expected: '97.89', found: '100.00' });
      expect(checkReverseBreachedFull({ ...where, target: '72.87', actual: '72.87', computedCompletion: '100', printedCompletion: '100' })).toBeNull();
      expect(checkReverseBreachedFull({ ...where, target: '72.87', actual: '74.44', computedCompletion: '97.89', printedCompletion: '97.89' })).toBeNull();
    });
  });

  describe('checkRequiredValue', () => {
    it('should require a number where a quantitative actual reads "完成" (IC-14) and a value in a blank required cell (IC-08)', () => {
      expect(checkRequiredValue({ ...where, printed: '完成', numeric: true })).toMatchObject({ rule: 'required_value_missing', expected: null, found: '完成' });
      expect(checkRequiredValue({ ...where, printed: null, numeric: true, computed: '45.456', severity: 'warning' })).toMatchObject({ severity: 'warning', expected: '45.46', found: null });
      expect(checkRequiredValue({ ...where, printed: '  ', numeric: false })).toMatchObject({ found: null });
    });

    it('should accept numbers, with separators or a percent sign, and any text where no number is required', () => {
      expect(checkRequiredValue({ ...where, printed: '1,723', numeric: true })).toBeNull();
      expect(checkRequiredValue({ ...where, printed: '8%', numeric: true })).toBeNull();
      expect(checkRequiredValue({ ...where, printed: '完成', numeric: false })).toBeNull();
    });
  });

  describe('checkWeightsTotal', () => {
    it('should accept weights adding up to the template total and report any other sum', () => {
      expect(checkWeightsTotal({ ...where, weights: ['30', '20', '20', '20'], total: '90' })).toBeNull();
      expect(checkWeightsTotal({ ...where, weights: ['30', '20', '25', '20'], total: '90' })).toMatchObject({ rule: 'weights_total', expected: '90.00', found: '95.00' });
    });
  });

  describe('checkReasonGiven', () => {
    it('should require a reason below the threshold only', () => {
      expect(checkReasonGiven({ ...where, reason: null, value: '45.456', threshold: '90' })).toMatchObject({ rule: 'reason_missing', expected: '90.00', found: '45.46' });
      expect(checkReasonGiven({ ...where, reason: '  ', value: '89.999', threshold: '90' })).not.toBeNull();
      expect(checkReasonGiven({ ...where, reason: '采购延期', value: '45.456', threshold: '90' })).toBeNull();
      expect(checkReasonGiven({ ...where, reason: null, value: '90', threshold: '90' })).toBeNull();
    });
  });
});
