import { describe, expect, it } from '@jest/globals';
import { canWriteDivision, customLineLabel, indicatorBody, level2Groups, normalizeMoney, parseMonthlyPlan, sumYuan, wanHint, type IndicatorForm } from './budget-edit';

const FORM: IndicatorForm = {
  level2: 'quantity',
  name: ' 开展科普活动场次 ',
  direction: '>=',
  targetValue: '4',
  targetText: '',
  unit: '场',
  weight: '20',
  bindingKind: 'manual',
  metricCode: '',
  eventType: '',
  actualValue: '5',
  actualText: '',
  qualitativeTier: '',
  qualitativeShare: '',
  deviationReason: '',
};

describe('normalizeMoney', () => {
  it('should strip grouping commas and spaces when the input is an amount of 元', () => {
    expect(normalizeMoney('100,000.00')).toBe('100000.00');
    expect(normalizeMoney(' 25000.5 ')).toBe('25000.5');
    expect(normalizeMoney('0')).toBe('0');
  });

  it('should refuse more than 2 decimals, signs and text when the input is not money', () => {
    expect(normalizeMoney('1.234')).toBeNull();
    expect(normalizeMoney('-5')).toBeNull();
    expect(normalizeMoney('十万')).toBeNull();
    expect(normalizeMoney('')).toBeNull();
    expect(normalizeMoney(null)).toBeNull();
  });
});

describe('wanHint', () => {
  it('should give 万元 half-up to 2 decimals when given 元', () => {
    expect(wanHint('100000.00')).toBe('10.00');
    expect(wanHint('344702')).toBe('34.47');
    expect(wanHint('728750')).toBe('72.88');
    expect(wanHint('0')).toBe('0.00');
    expect(wanHint('123,456,700')).toBe('12,345.67');
  });

  it('should give null when the input is not an amount', () => {
    expect(wanHint('abc')).toBeNull();
    expect(wanHint('')).toBeNull();
  });
});

describe('sumYuan', () => {
  it('should add amounts of 元 exactly in fen when every value is money', () => {
    expect(sumYuan(['0.1', '0.2'])).toBe('0.30');
    expect(sumYuan(['100000.00', '25000.5', '1,000'])).toBe('126000.50');
    expect(sumYuan([])).toBe('0.00');
  });

  it('should give null when one value is not money', () => {
    expect(sumYuan(['1', 'x'])).toBeNull();
  });
});

describe('customLineLabel', () => {
  it('should hide the default label the API fills in when the line has none of its own', () => {
    expect(customLineLabel({ label: '本级财政资金（一般公共预算）', source: 'local', fundType: 'general' })).toBe('');
  });

  it('should keep a label of its own', () => {
    expect(customLineLabel({ label: '省级天府科技云专项', source: 'superior', fundType: 'general' })).toBe('省级天府科技云专项');
    expect(customLineLabel({ label: '本级财政资金（一般公共预算）', source: 'superior', fundType: 'general' })).toBe('本级财政资金（一般公共预算）');
  });
});

describe('canWriteDivision', () => {
  it('should let staff and leaders write only their own division', () => {
    expect(canWriteDivision('staff', '510403', '510403')).toBe(true);
    expect(canWriteDivision('leader', '510403', '510403')).toBe(true);
    expect(canWriteDivision('staff', '510402', '510403')).toBe(false);
    expect(canWriteDivision('leader', null, '510403')).toBe(false);
  });

  it('should let administrators write any division and city users none', () => {
    expect(canWriteDivision('admin', null, '510403')).toBe(true);
    expect(canWriteDivision('city', '510400', '510400')).toBe(false);
    expect(canWriteDivision(null, '510403', '510403')).toBe(false);
  });
});

describe('level2Groups', () => {
  it('should group every level 2 under its level 1 in vocabulary order', () => {
    const groups = level2Groups();
    expect(groups.map((g) => g.level1)).toEqual(['output', 'benefit', 'satisfaction']);
    expect(groups[0]!.level2s).toEqual(['quantity', 'quality', 'timeliness', 'cost']);
    expect(groups[2]!.level2s).toEqual(['satisfaction']);
    expect(groups.flatMap((g) => g.level2s)).toHaveLength(9);
  });
});

describe('parseMonthlyPlan', () => {
  it('should give null (linear m/12) when every month is empty', () => {
    expect(parseMonthlyPlan(Array(12).fill(' '))).toEqual({ plan: null, badMonths: [] });
  });

  it('should give the 12 amounts when every month is an amount', () => {
    const months = Array.from({ length: 12 }, (_, i) => (i === 0 ? '1,000' : '500.50'));
    expect(parseMonthlyPlan(months).plan).toEqual(['1000', ...Array(11).fill('500.50')]);
  });

  it('should name the missing or bad months when the plan is partly filled', () => {
    const months = Array.from({ length: 12 }, (_, i) => (i === 2 ? 'x' : i === 11 ? '' : '100'));
    expect(parseMonthlyPlan(months)).toEqual({ plan: null, badMonths: [3, 12] });
  });
});

describe('indicatorBody', () => {
  it('should send the entered actual and trimmed text when the indicator is manual', () => {
    const body = indicatorBody(FORM);
    expect(body).toMatchObject({ name: '开展科普活动场次', targetValue: '4', unit: '场', weight: '20', actualValue: '5', targetText: null, binding: { kind: 'manual' } });
    expect(body.qualitativeTier).toBeNull();
  });

  it('should send no entered actual and only the event type when bound to events', () => {
    const body = indicatorBody({ ...FORM, bindingKind: 'events', eventType: 'popsci_day', metricCode: 'deals_count' });
    expect(body.binding).toEqual({ kind: 'events', eventType: 'popsci_day' });
    expect('actualValue' in body).toBe(false);
  });

  it('should send a null event type (any type) when bound to events without one', () => {
    expect(indicatorBody({ ...FORM, bindingKind: 'events' }).binding).toEqual({ kind: 'events', eventType: null });
  });

  it('should send only the metric code when bound to a metric', () => {
    expect(indicatorBody({ ...FORM, bindingKind: 'metric', metricCode: 'popsci_households', eventType: 'x' }).binding).toEqual({ kind: 'metric', metricCode: 'popsci_households' });
  });

  it('should send tier and share and no target value when the indicator is qualitative', () => {
    const body = indicatorBody({ ...FORM, direction: 'qual', targetText: '运行稳定', qualitativeTier: 'partly_met', qualitativeShare: '0.7' });
    expect(body).toMatchObject({ targetValue: null, targetText: '运行稳定', qualitativeTier: 'partly_met', qualitativeShare: '0.7' });
    expect('actualValue' in body).toBe(false);
  });

  it('should send no share when a qualitative indicator has no tier yet', () => {
    expect(indicatorBody({ ...FORM, direction: 'qual', qualitativeShare: '0.7' })).toMatchObject({ qualitativeTier: null, qualitativeShare: null });
  });
});
