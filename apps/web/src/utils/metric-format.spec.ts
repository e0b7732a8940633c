import { describe, expect, it } from '@jest/globals';
import {
  directionOf,
  displayUnit,
  formatChange,
  formatMetricValue,
  formatPercent,
  formatPoints,
  groupDigits,
  heatColor,
  isPanelEmpty,
  pickSentenceLanguage,
  progressWidth,
  wanInputToYuan,
  yuanToWan,
  yuanToWanInput,
  yuanToWanNumber,
} from './metric-format';

describe('metric-format', () => {
  describe('yuanToWan', () => {
    it('should convert 元 strings to 万元 exactly when given the seed figures', () => {
      expect(yuanToWan('92708000.00')).toBe('9,270.80');
      expect(yuanToWan('417900000.00')).toBe('41,790.00');
      expect(yuanToWan('1500000.00')).toBe('150.00');
    });
    it('should round half up without float error when the third decimal is 5', () => {
      // 0.145 is 0.14499999… as a float; decimal arithmetic keeps it exact.
      expect(yuanToWan('1450.00')).toBe('0.15');
      expect(yuanToWan('12345.67')).toBe('1.23');
      expect(yuanToWan('-50.00')).toBe('-0.01');
    });
  });

  describe('groupDigits', () => {
    it('should group the integer part only when given a decimal string', () => {
      expect(groupDigits('1234567.891')).toBe('1,234,567.891');
      expect(groupDigits('-1000')).toBe('-1,000');
      expect(groupDigits('12')).toBe('12');
    });
  });

  describe('formatMetricValue', () => {
    it('should group counts and show amounts and ratios in 万元', () => {
      expect(formatMetricValue(691200, 'count')).toBe('691,200');
      expect(formatMetricValue('92708000.00', 'amount')).toBe('9,270.80');
      expect(formatMetricValue('355391.30', 'ratio')).toBe('35.54');
    });
    it('should show a dash when the value is missing', () => {
      expect(formatMetricValue(null, 'count')).toBe('—');
      expect(formatMetricValue(undefined, 'amount')).toBe('—');
    });
  });

  describe('yuanToWanNumber', () => {
    it('should give a plain number for chart axes and keep null', () => {
      expect(yuanToWanNumber('8174000.00')).toBe(817.4);
      expect(yuanToWanNumber(null)).toBeNull();
    });
  });

  describe('displayUnit', () => {
    it('should show 万元 for amounts and the catalogue unit for counts', () => {
      expect(displayUnit({ kind: 'amount', unit: { zh: '元', en: 'yuan' } }, 'zh')).toBe('万元');
      expect(displayUnit({ kind: 'count', unit: { zh: '笔', en: 'deals' } }, 'en')).toBe('deals');
      expect(displayUnit({ kind: 'ratio', unit: { zh: '元/笔', en: 'yuan per deal' } }, 'zh')).toBe('万元/笔');
    });
  });

  describe('percent helpers', () => {
    it('should sign changes and show a dash for null', () => {
      expect(formatChange(76.923)).toBe('+76.9%');
      expect(formatChange(-23.33)).toBe('-23.3%');
      expect(formatChange(0.01)).toBe('0.0%');
      expect(formatChange(null)).toBe('—');
      expect(formatPercent(108)).toBe('108.0%');
    });
    it('should write gaps in percentage points in both languages', () => {
      expect(formatPoints(8.33, 'zh')).toBe('+8.3 个百分点');
      expect(formatPoints(-1.53, 'en')).toBe('-1.5 pp');
    });
    it('should tell the direction of a change', () => {
      expect(directionOf(3)).toBe('up');
      expect(directionOf(-3)).toBe('down');
      expect(directionOf(0)).toBe('flat');
      expect(directionOf(null)).toBeNull();
    });
    it('should clamp the progress bar to 0–100 when completion is over the target', () => {
      expect(progressWidth(252.83)).toBe(100);
      expect(progressWidth(47.5)).toBe(47.5);
      expect(progressWidth(null)).toBe(0);
    });
  });

  describe('isPanelEmpty', () => {
    it('should be true only when no metric has a value or a year-to-date figure', () => {
      expect(isPanelEmpty([{ value: 0, ytd: '0.00' }, { value: null, ytd: null }])).toBe(true);
      expect(isPanelEmpty([{ value: 0, ytd: 5 }])).toBe(false);
    });
  });

  describe('pickSentenceLanguage', () => {
    const disclaimer = '本平台依据公开资料构建的透明综合指数，非省科协官方综合绩效排名公式。 Dashboard composite index, not the official ranking.';
    it('should split a bilingual sentence by language', () => {
      expect(pickSentenceLanguage(disclaimer, 'zh')).toBe('本平台依据公开资料构建的透明综合指数，非省科协官方综合绩效排名公式。');
      expect(pickSentenceLanguage(disclaimer, 'en')).toBe('Dashboard composite index, not the official ranking.');
    });
    it('should return single-language text unchanged', () => {
      expect(pickSentenceLanguage('只有中文', 'en')).toBe('只有中文');
      expect(pickSentenceLanguage('English only', 'zh')).toBe('English only');
    });
  });

  describe('heatColor', () => {
    it('should go from pale to the primary blue with readable text', () => {
      expect(heatColor(0)).toEqual({ background: '#eef4fb', color: '#1f2937' });
      expect(heatColor(1)).toEqual({ background: '#1d5fb8', color: '#ffffff' });
      expect(heatColor(null).background).toBe('#f3f4f6');
    });
  });
});

describe('target input conversions', () => {
  it('should turn 万元 input into exact 元 strings', () => {
    expect(wanInputToYuan('9000')).toBe('90000000.00');
    expect(wanInputToYuan(' 9,270.8 ')).toBe('92708000.00');
    expect(wanInputToYuan('0.000001')).toBe('0.01');
    expect(yuanToWanInput('92708000.00')).toBe('9270.8');
  });
  it('should refuse input that is negative, not a number or finer than 1 分', () => {
    expect(wanInputToYuan('-1')).toBeNull();
    expect(wanInputToYuan('abc')).toBeNull();
    expect(wanInputToYuan('0.0000001')).toBeNull();
  });
});
