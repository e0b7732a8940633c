// The seed's 2021 self-evaluation tables (附件1–4 of West District 科协's final accounts) recomputed with the
// rules. Where the seed's own figures are inconsistent (domain.md §2.8), the test asserts what the correct
// rule gives and names the IC. The seed tables have no 分值 column, so weights come from the template
// (domain.md §3.4: each block's points split evenly over its rows).
import { type Dec, dec } from '../decimal.js';
import { executionRate, toPercent } from './execution.js';
import { type IndicatorInput } from './indicators.js';
import { type SelfEvaluationInput, evaluateSelfEvaluation } from './self-evaluation.js';
import { defineTemplate } from './templates.js';
import { GRADE_LABELS } from './vocabulary.js';

const fixed = (value: Dec | null) => (value === null ? null : value.toFixed(2));
const summary = (input: SelfEvaluationInput) => {
  const result = evaluateSelfEvaluation(input);
  return { result, execution: fixed(result.execution.score), total: fixed(result.total), grade: GRADE_LABELS[result.grade] };
};

// 附件2: 攀枝花市西区天府科技云服务中心运维服务项目. Amounts in 元 despite the 万元 header (IC-07).
const cloudFunding = [
  { key: 'higher', label: '上级财政资金', adjustedBudget: '180000', executed: '156688.3' },
  { key: 'local', label: '本级财政资金', adjustedBudget: '164702', executed: '0' },
];
const cloudIndicators: IndicatorInput[] = [
  { key: 'popsci-access', level2: 'quantity', name: '城乡群众可获取平台精准科普信息服务', direction: 'qual', actualText: '服务人数占比达到城乡群众人数的30%', assessment: { tier: 'met' } },
  { key: 'precision', level2: 'quality', name: '科技服务更加精准、便捷', direction: 'qual', actualText: '平台智能匹配“科技所需”与“科技所能”', assessment: { tier: 'met' } },
  { key: 'year', level2: 'timeliness', name: '2021年全年', direction: 'qual', actualText: '“天府科技云服务”平台建立推广', assessment: { tier: 'met' } },
  {
    key: 'cost', level2: 'cost', name: '344702元经费', direction: '<=', target: '344702', actual: '156688.3', unit: '元',
    reason: '164702元为本级财政补助经费，未使用',
  },
  { key: 'platform', level2: 'economic', name: '为科技供需双方建立规范化的信息平台', direction: 'qual', assessment: { tier: 'met' } },
  { key: 'smart-popsci', level2: 'satisfaction', name: '科普服务更加智能精准畅达', direction: 'qual', assessment: { tier: 'met' } },
];

// 附件3: 全民科学素质行动计划 (万元). Four rows set an 8% literacy target and report only "完成".
const literacyTarget = (key: string, level2: 'quantity' | 'timeliness' | 'social' | 'satisfaction', name: string): IndicatorInput => ({
  key, level2, name, direction: '>=', target: '8', unit: '%', actual: null,
});
const literacyFunding = [{ key: 'local', label: '本级财政资金', adjustedBudget: '0.5', executed: '0.5' }];
const literacyIndicators: IndicatorInput[] = [
  literacyTarget('action', 'quantity', '开展全民科学素质计划行动'),
  { key: 'improve', level2: 'quality', name: '促进全民科学素质整体提升', direction: 'qual', target: '全民科学素质显著提升', actualText: '完成', assessment: { tier: 'met' } },
  literacyTarget('by-2021', 'timeliness', '到2021年公民科学素质在整体上有较大幅度的提高'),
  { key: 'cost', level2: 'cost', name: '5000元', direction: '<=', target: '5000', actual: '5000', unit: '元' },
  literacyTarget('by-2020', 'social', '到2020年公民科学素质在整体上有较大幅度的提高'),
  literacyTarget('satisfaction', 'satisfaction', '科学技术教育、传播与普及长足发展'),
];

// 附件4: 科普经费 (万元).
const popsciFunding = [{ key: 'local', label: '本级财政资金', adjustedBudget: '1', executed: '1' }];
const popsciIndicators = (eventsHeld: string): IndicatorInput[] => [
  { key: 'events', level2: 'quantity', name: '开展5次科普宣传', direction: '>=', target: '5', actual: eventsHeld, unit: '次' },
  { key: 'quality', level2: 'quality', name: '开展科普宣传提高科普素质', direction: 'qual', actualText: '完成', assessment: { tier: 'met' } },
  { key: 'months', level2: 'timeliness', name: '2021年1-12月', direction: '=', target: '12', actual: '12', unit: '月' },
  { key: 'cost', level2: 'cost', name: '10000元', direction: '<=', target: '10000', actual: '10000', unit: '元' },
  { key: 'knowledge', level2: 'social', name: '传播科学知识', direction: 'qual', actualText: '完成', assessment: { tier: 'met' } },
  { key: 'literacy', level2: 'social', name: '提高群众科学素养', direction: 'qual', actualText: '完成', assessment: { tier: 'met' } },
  { key: 'atmosphere', level2: 'satisfaction', name: '营造爱科学、讲科学的社会氛围', direction: 'qual', actualText: '完成', assessment: { tier: 'met' } },
];

// 附件1: department-wide table (万元): budget 72.87, executed 74.44, 其他资金 0 / 0.
const departmentFunding = [
  { key: 'fiscal', label: '财政拨款', adjustedBudget: '72.87', executed: '74.44' },
  { key: 'other', label: '其他资金', adjustedBudget: '0', executed: '0' },
];
const departmentIndicators: IndicatorInput[] = [
  { key: 'salaries-projects', level2: 'quantity', name: '工资3人/年，3个项目', direction: '>=', target: '3', actual: '3', unit: '个项目' },
  { key: 'standard', level2: 'quality', name: '保证科协工作按标准、按要求完成', direction: '>=', target: '100', actual: '100', unit: '%' },
  { key: 'deadline', level2: 'timeliness', name: '检查时限', direction: '<=', target: '1', actual: '1', unit: '年' },
  { key: 'cost', level2: 'cost', name: '全年工作经费', direction: '<=', target: '72.87', actual: '74.44', unit: '万元' },
  { key: 'efficiency', level2: 'social', name: '保证高效完成科普工作', direction: 'qual', target: '更加高效', actualText: '更加高效', assessment: { tier: 'met' } },
  { key: 'long-term', level2: 'sustainability', name: '加大科普力度,营造爱科学、讲科学氛围', direction: 'qual', target: '长效', actualText: '长效', assessment: { tier: 'met' } },
  { key: 'staff-satisfaction', level2: 'satisfaction', name: '职工满意度100%', direction: '>=', target: '100', actual: '100', unit: '%' },
];

describe('seed self-evaluations (2021, West District 科协)', () => {
  describe('附件2 天府科技云运维项目', () => {
    const cloud = (template: SelfEvaluationInput['template'] = 'sichuan') =>
      summary({ template, fundingLines: cloudFunding, indicators: cloudIndicators });

    it('should recompute the 上级 line as 87.05% and the 本级 line as 0% as the table states', () => {
      const { result } = cloud();
      expect(result.execution.lines.map((l) => [l.label, fixed(l.ratePercent)])).toEqual([['上级财政资金', '87.05'], ['本级财政资金', '0.00']]);
    });

    it('should fill the blank 总额 row with 156688.3 of 344702 = 45.46% (IC-08)', () => {
      const { result } = cloud();
      expect(result.execution.total.budget.toString()).toBe('344702');
      expect(result.execution.total.executed.toString()).toBe('156688.3');
      expect(fixed(result.execution.total.ratePercent)).toBe('45.46');
    });

    it('should round 45.456% half-up to 45.46, not truncate it to the seed 45.45 (IC-05)', () => {
      const rate = executionRate('156688.3', '344702');
      expect(rate.rate?.toDecimalPlaces(5).toString()).toBe('0.45456');
      expect(fixed(rate.ratePercent)).toBe('45.46');
      expect(fixed(rate.ratePercent)).not.toBe('45.45');
    });

    it('should give the same rate whether the amounts are read as 元 or as 万元 (IC-07)', () => {
      expect(executionRate('15.66883', '34.4702').rate).toEqual(executionRate('156688.3', '344702').rate);
    });

    it('should give the cost row full marks, not the seed 45.45, because 156688.3 stays under ≤ 344702 (IC-08)', () => {
      const cost = cloud().result.indicators.find((r) => r.indicator.key === 'cost');
      expect(cost?.outcome).toBe('met');
      expect(fixed(cost?.completionPercent ?? null)).toBe('100.00');
      expect(fixed(cost?.score ?? null)).toBe('15.00');
    });

    it('should score execution 10 × 45.46% = 4.55 and total 94.55 (优) under the Sichuan template', () => {
      const { execution, total, grade, result } = cloud();
      expect([execution, total, grade]).toEqual(['4.55', '94.55', '优']);
      expect(fixed(result.exactTotal)).toBe('94.55');
    });

    it('should give the same 94.55 under the MoF template, whose blocks are all met', () => {
      const { total, result } = cloud('mof');
      expect(total).toBe('94.55');
      expect(result.pools.map((p) => fixed(p.score))).toEqual(['50.00', '30.00', '10.00']);
    });

    it('should grade the project 良 (89.09) under Hubei weights, where execution counts 20', () => {
      expect(cloud('hubei')).toEqual(expect.objectContaining({ execution: '9.09', total: '89.09', grade: '良' }));
    });

    it('should require reasons for the total (45.46%), the 上级 line (87.05%) and the unused 本级 line, none given in the table', () => {
      const { result } = cloud();
      expect(result.reasonsRequired.map((r) => [r.kind, r.key, fixed(r.value === null ? null : toPercent(r.value)), r.reasonGiven])).toEqual([
        ['execution_below_threshold', 'total', '45.46', false],
        ['execution_below_threshold', 'higher', '87.05', false],
        ['execution_below_threshold', 'local', '0.00', false],
      ]);
    });

    it('should flag the cost row for review because 344702 is 2.2 times what was spent', () => {
      const { result } = cloud();
      expect(result.reviewFlags.map((f) => [f.key, fixed(f.achievementRatio)])).toEqual([['cost', '2.20']]);
    });

    it('should contradict the narrative "完成预算100%" by more than 0.5 points (IC-03)', () => {
      const { result } = cloud();
      const gap = dec(100).minus(result.execution.total.ratePercent as Dec).abs();
      expect(gap.greaterThan('0.5')).toBe(true);
    });

    it('should show the unsupported 30% coverage claim scoring 3.85% if checked as ≥ 30% against 1,723 of 149,000 residents (IC-11)', () => {
      const coverage = dec(1723).dividedBy(149000).times(100);
      const checked: IndicatorInput = { ...cloudIndicators[0], direction: '>=', target: '30', actual: coverage, unit: '%' } as IndicatorInput;
      const { result } = summary({ template: 'sichuan', fundingLines: cloudFunding, indicators: [checked, ...cloudIndicators.slice(1)] });
      expect(fixed(result.indicators[0].completionPercent)).toBe('3.85');
      expect(fixed(result.indicators[0].score)).toBe('0.58');
      expect(result.reasonsRequired.at(-1)).toEqual(expect.objectContaining({ kind: 'indicator_short_of_target', key: 'popsci-access' }));
    });
  });

  describe('附件3 全民科学素质行动计划', () => {
    it('should recompute 0.5 of 0.5 万元 as 100% and full execution points', () => {
      const { result, execution } = summary({ template: 'sichuan', fundingLines: literacyFunding, indicators: literacyIndicators });
      expect(fixed(result.execution.total.ratePercent)).toBe('100.00');
      expect(execution).toBe('10.00');
    });

    it('should score the four 8% targets answered only with "完成" as missing actuals: 40 (差), not 100 (IC-14)', () => {
      const { result, total, grade } = summary({ template: 'sichuan', fundingLines: literacyFunding, indicators: literacyIndicators });
      expect(result.indicators.map((r) => [r.indicator.key, r.outcome, fixed(r.score)])).toEqual([
        ['action', 'missing', '0.00'],
        ['improve', 'met', '15.00'],
        ['by-2021', 'missing', '0.00'],
        ['cost', 'met', '15.00'],
        ['by-2020', 'missing', '0.00'],
        ['satisfaction', 'missing', '0.00'],
      ]);
      expect([total, grade]).toEqual(['40.00', '差']);
      expect(result.complete).toBe(false);
      expect(result.reasonsRequired.map((r) => [r.kind, r.key])).toEqual([
        ['indicator_missing_actual', 'action'],
        ['indicator_missing_actual', 'by-2021'],
        ['indicator_missing_actual', 'by-2020'],
        ['indicator_missing_actual', 'satisfaction'],
      ]);
    });

    it('should reach the seed 100 only if every row is judged a met qualitative indicator, as the table effectively did', () => {
      const asReported = literacyIndicators.map((i): IndicatorInput =>
        i.direction === '>=' ? { key: i.key, level2: i.level2, name: i.name, direction: 'qual', target: '8%', actualText: '完成', assessment: { tier: 'met' } } : i,
      );
      const { total, grade, result } = summary({ template: 'sichuan', fundingLines: literacyFunding, indicators: asReported });
      expect([total, grade]).toEqual(['100.00', '优']);
      expect(result.indicators.map((r) => fixed(r.completionPercent))).toEqual(Array(6).fill('100.00'));
    });

    it('should score the 5000元 cost row full when exactly on its ceiling', () => {
      const { result } = summary({ template: 'sichuan', fundingLines: literacyFunding, indicators: literacyIndicators });
      expect(result.indicators[3]).toEqual(expect.objectContaining({ outcome: 'met', overAchieved: false }));
    });
  });

  describe('附件4 科普经费', () => {
    it('should recompute 1 of 1 万元 as 100% and give 100 (优) when the 5 events of the 数量 row are believed', () => {
      const { result, execution, total, grade } = summary({ template: 'sichuan', fundingLines: popsciFunding, indicators: popsciIndicators('5') });
      expect(fixed(result.execution.total.ratePercent)).toBe('100.00');
      expect([execution, total, grade]).toEqual(['10.00', '100.00', '优']);
      // 90 points over 7 rows, to the cent: 12.86 × 5 + 12.85 × 2.
      expect(result.indicators.map((r) => fixed(r.weight))).toEqual(['12.86', '12.86', '12.86', '12.86', '12.86', '12.85', '12.85']);
      expect(result.reasonsRequired).toEqual([]);
    });

    it('should score the quantity row at 80% (10.29 of 12.86) and total 97.43 when the overall row 全年开展4次 is right (IC-09)', () => {
      const { result, total, grade } = summary({ template: 'sichuan', fundingLines: popsciFunding, indicators: popsciIndicators('4') });
      const events = result.indicators[0];
      expect([events.outcome, fixed(events.completionPercent), fixed(events.score)]).toEqual(['short', '80.00', '10.29']);
      expect([total, grade]).toEqual(['97.43', '优']);
      expect(result.reasonsRequired).toEqual([
        { kind: 'indicator_short_of_target', subject: 'indicator', key: 'events', value: dec('0.8'), reasonGiven: false },
      ]);
    });
  });

  describe('附件1 department-wide table', () => {
    const department = (template: SelfEvaluationInput['template'] = 'sichuan') =>
      summary({ template, fundingLines: departmentFunding, indicators: departmentIndicators });

    it('should recompute execution as 74.44 / 72.87 = 102.15% and cap its score at the weight of 10 (D1)', () => {
      const { result, execution } = department();
      expect(fixed(result.execution.total.ratePercent)).toBe('102.15');
      expect(execution).toBe('10.00');
      expect(result.reasonsRequired.filter((r) => r.subject !== 'indicator')).toEqual([]);
    });

    it('should report the 其他资金 line with a zero budget as having no rate rather than dividing by zero', () => {
      const other = department().result.execution.lines[1];
      expect([other.rate, other.ratePercent, other.spentWithoutBudget]).toEqual([null, null, false]);
    });

    it('should score the breached cost row ≤ 72.87 vs 74.44 at 97.89% (12.59) and total 99.73 under the ratio formula (IC-12)', () => {
      const { result, total, grade } = department();
      const cost = result.indicators[3];
      expect([cost.outcome, fixed(cost.completionPercent), fixed(cost.weight), fixed(cost.score)]).toEqual(['short', '97.89', '12.86', '12.59']);
      expect([total, grade]).toEqual(['99.73', '优']);
    });

    it('should score the same cost row at 97.85% (12.58) and total 99.72 under the linear formula (IC-12)', () => {
      const { result, total } = department(defineTemplate({ id: 'sichuan-linear', reverseFormula: 'linear' }));
      expect(fixed(result.indicators[3].completionPercent)).toBe('97.85');
      expect(fixed(result.indicators[3].score)).toBe('12.58');
      expect(total).toBe('99.72');
    });

    it('should require a reason for the breached cost row that the seed marked as fully complete (IC-12)', () => {
      const { result } = department();
      expect(result.reasonsRequired).toEqual([
        { kind: 'indicator_short_of_target', subject: 'indicator', key: 'cost', value: expect.anything(), reasonGiven: false },
      ]);
      expect(result.indicators.filter((r) => r.outcome !== 'met').map((r) => r.indicator.key)).toEqual(['cost']);
    });

    it('should contradict the narrative "完成预算100%" by more than 0.5 points (IC-03)', () => {
      const rate = department().result.execution.total.ratePercent as Dec;
      expect(rate.minus(100).abs().greaterThan('0.5')).toBe(true);
    });

    it('should separate 年初预算 72.87 from the 74.44 of available funds, asking for the adjustment to be explained (IC-13)', () => {
      const adjusted = [{ key: 'fiscal', label: '财政拨款', initialBudget: '72.87', adjustedBudget: '74.44', executed: '74.44' }];
      const { result } = summary({ template: 'sichuan', fundingLines: adjusted, indicators: departmentIndicators });
      expect(fixed(result.execution.total.ratePercent)).toBe('100.00');
      expect(result.reasonsRequired.map((r) => [r.kind, r.key])).toEqual([['budget_adjusted', 'fiscal'], ['indicator_short_of_target', 'cost']]);
    });
  });
});
