import { type SelfEvaluationCheckRequest } from '@app/contracts';
import { parseQuantity } from './printed-cells.js';
import { level2Of } from './printed-table.js';
import { checkSelfEvaluationTable } from './self-evaluation-check.js';

type Row = SelfEvaluationCheckRequest['indicators'][number];
const row = (over: Partial<Row> & Pick<Row, 'level2' | 'name' | 'direction'>): Row => ({
  level1: null, target: null, actual: null, unit: null, weight: null, printedScore: null, printedCompletion: null, reason: null, ...over,
});
const table = (over: Partial<SelfEvaluationCheckRequest> = {}): SelfEvaluationCheckRequest => ({
  template: 'sichuan', unit: '元', project: { name: '测试项目' },
  budget: { weight: null, printedScore: null, reason: null, lines: [{ source: '本级财政资金', budget: '10000', executed: '10000', printedRate: '100' }], total: { budget: '10000', executed: '10000', printedRate: '100' } },
  indicators: [row({ level2: '数量指标', name: '活动', direction: '>=', target: '5', actual: '5', unit: '次', printedCompletion: '100' })],
  printedTotal: null, printedGrade: null, ...over,
});
const paths = (t: SelfEvaluationCheckRequest) => checkSelfEvaluationTable(t).findings.map((f) => [f.rule, f.path, f.expected, f.found]);

// 附件2 as printed (domain.md §2.5): 元 under a 万元 header, a blank total row, the 45.45 cost completion.
const cloud: SelfEvaluationCheckRequest = table({
  unit: '万元',
  budget: {
    weight: null, printedScore: null, reason: null,
    lines: [
      { source: '上级财政资金', budget: '180000', executed: '156688.3', printedRate: '87.05' },
      { source: '本级财政资金', budget: '164702', executed: '0', printedRate: '0' },
      { source: '其他资金', budget: null, executed: null, printedRate: null },
    ],
    total: { budget: '344702', executed: null, printedRate: null },
  },
  indicators: [
    row({ level1: '项目完成', level2: '数量指标', name: '精准科普', direction: 'qualitative', printedCompletion: '100' }),
    row({ level1: '项目完成', level2: '成本指标', name: '344702元经费', direction: '<=', target: '344702', actual: '156688.3', unit: '元', printedCompletion: '45.45', reason: '164702元为本级财政补助经费，未使用' }),
    row({ level1: '满意度指标', level2: '满意度指标', name: '科普服务', direction: 'qualitative', printedCompletion: '100' }),
  ],
});

describe('checkSelfEvaluationTable', () => {
  it('should raise nothing on a correct one-line table and score it 100 (优)', () => {
    const result = checkSelfEvaluationTable(table());
    expect(result.findings).toEqual([]);
    expect([result.execution.total.rate, result.execution.total.score, result.total, result.grade]).toEqual(['100.00', '10.00', '100.00', '优']);
  });

  it('should recompute the seed cloud table: 87.05%, 0%, total 45.46% and 4.55 of 10 (附件2)', () => {
    const result = checkSelfEvaluationTable(cloud);
    expect(result.execution.lines.map((l) => l.rate)).toEqual(['87.05', '0.00', null]);
    expect(result.execution.total).toEqual({ budget: '344702.00', executed: '156688.30', rate: '45.46', weight: '10.00', score: '4.55' });
    expect([result.total, result.grade]).toEqual(['94.55', '优']);
  });

  it('should list the cloud table’s disagreements with their expected values', () => {
    expect(paths(cloud)).toEqual([
      ['unit_plausibility', 'unit', '34.47', '344702.00'],
      ['reason_missing', 'budget.reason', '90.00', '45.46'],
      ['percentage_recomputed', 'indicators[1].printedCompletion', '100.00', '45.45'],
      ['required_value_missing', 'budget.total.executed', '156688.30', null],
      ['required_value_missing', 'budget.total.printedRate', '45.46', null],
      ['vocabulary', 'indicators[0].level1', '产出指标', '项目完成'],
    ]);
  });

  it('should expect 45.46 where the total rate is printed truncated as 45.45', () => {
    const printed = { ...cloud, unit: '元' as const, budget: { ...cloud.budget, reason: '省级资金优先使用', total: { budget: '344702', executed: '156688.3', printedRate: '45.45' } } };
    expect(paths(printed).filter(([, path]) => String(path).startsWith('budget'))).toEqual([['percentage_recomputed', 'budget.total.printedRate', '45.46', '45.45']]);
  });

  it('should accept an uncapped printed completion (120 for 12 of ≥ 10) as well as the capped 100', () => {
    const over = (printed: string) => table({ indicators: [row({ level2: 'quantity', name: 'x', direction: '>=', target: '10', actual: '12', printedCompletion: printed })] });
    expect(paths(over('120'))).toEqual([]);
    expect(paths(over('100'))).toEqual([]);
    expect(paths(over('110'))).toEqual([['percentage_recomputed', 'indicators[0].printedCompletion', '100.00', '110.00']]);
  });

  it('should report weights that leave nothing for the rows without one', () => {
    const t = table({ indicators: [row({ level2: 'quantity', name: 'a', direction: '>=', target: '1', actual: '1', weight: '90' }), row({ level2: 'quality', name: 'b', direction: 'qualitative' })] });
    expect(paths(t)).toEqual([['weights_total', 'indicators', '90.00', '90.00']]);
  });

  it('should check each MoF pool against its own points', () => {
    const t = table({
      template: 'mof',
      indicators: [
        row({ level2: 'quantity', name: 'a', direction: '>=', target: '1', actual: '1', weight: '50' }),
        row({ level2: 'social', name: 'b', direction: 'qualitative', weight: '35' }),
        row({ level2: 'satisfaction', name: 'c', direction: 'qualitative', weight: '5' }),
      ],
    });
    expect(paths(t).map(([rule, , expected, found]) => [rule, expected, found])).toEqual([['weights_total', '30.00', '35.00'], ['weights_total', '10.00', '5.00']]);
  });

  it('should grade from the recomputed total and flag an unknown grade word', () => {
    expect(paths(table({ printedTotal: '100', printedGrade: '良' }))).toEqual([['score_recomputed', 'printedGrade', '优', '良']]);
    expect(paths(table({ printedGrade: '好' }))).toEqual([['vocabulary', 'printedGrade', '优', '好']]);
    expect(paths(table({ printedGrade: 'excellent' }))).toEqual([]);
  });

  it('should refuse an unknown 二级指标', () => {
    expect(() => checkSelfEvaluationTable(table({ indicators: [row({ level2: '幸福指标', name: 'x', direction: 'qualitative' })] }))).toThrow(/indicators\[0\]\.level2/);
  });

  describe('printed cells', () => {
    it('should read numbers with a unit or a comparison sign, and nothing from text', () => {
      expect(['5次', '≤72.87', '156688.3元', '100%', '1,723户'].map((t) => parseQuantity(t)?.toString())).toEqual(['5', '72.87', '156688.3', '100', '1723']);
      expect([parseQuantity('完成'), parseQuantity('1年内'), parseQuantity(null)]).toEqual([null, null, null]);
    });

    it('should read 二级指标 by label, short label or code', () => {
      expect(['成本指标', '成本', 'cost', '满意度指标', '社会效益\n指标'].map(level2Of)).toEqual(['cost', 'cost', 'cost', 'satisfaction', 'social']);
      expect(level2Of('幸福指标')).toBeNull();
    });
  });

  describe('the seed’s cases (issue 16, Done when)', () => {
    it('should score 科普经费 4 of 5 events at 80.00% and 24.00 of 30', () => {
      const t = table({ indicators: [row({ level2: '数量指标', name: '开展5次科普宣传', direction: '>=', target: '5次', actual: '4次', weight: '30', printedScore: '24', printedCompletion: '80', reason: '一次活动改期' }), row({ level2: '满意度指标', name: '满意度', direction: 'qualitative', weight: '60' })] });
      const result = checkSelfEvaluationTable(t);
      expect([result.indicators[0].completion, result.indicators[0].score]).toEqual(['80.00', '24.00']);
      expect(result.findings).toEqual([]);
    });

    it('should call the ≤ 72.87 cost target against 74.44 printed "20" an error with 19.58, whatever the printed precision', () => {
      const t = table({ unit: '万元', indicators: [row({ level2: '成本指标', name: '全年工作经费', direction: '<=', target: '72.87', actual: '74.44', weight: '20', printedScore: '20', reason: '超支' }), row({ level2: '满意度指标', name: '满意度', direction: 'qualitative', weight: '70' })], budget: { ...table().budget, lines: [{ source: '财政拨款', budget: '72.87', executed: '74.44', printedRate: null }], total: { budget: '72.87', executed: '74.44', printedRate: null } } });
      const found = checkSelfEvaluationTable(t).findings.find((f) => f.path === 'indicators[0].printedScore');
      expect(found).toMatchObject({ severity: 'error', rule: 'score_recomputed', expected: '19.58', found: '20.00' });
      expect(found?.message).toContain('满分');
    });

    it('should cap spending above budget at the weight (102.15% → 10.00)', () => {
      const t = table({ unit: '万元', budget: { weight: '10', printedScore: '10', reason: null, lines: [{ source: '财政拨款', budget: '72.87', executed: '74.44', printedRate: '102.15%' }], total: { budget: '72.87', executed: '74.44', printedRate: '102.15' } } });
      const result = checkSelfEvaluationTable(t);
      expect([result.execution.total.rate, result.execution.total.score]).toEqual(['102.15', '10.00']);
      expect(result.findings).toEqual([]);
    });
  });

  describe('precision with judgement', () => {
    const scored = (printedScore: string, actual = '98') =>
      table({ indicators: [row({ level2: '社会效益指标', name: '政策知晓率', direction: '=', target: '100', actual, unit: '%', weight: '10', printedScore, reason: '个别家长未知晓' }), row({ level2: '满意度指标', name: '满意度', direction: 'qualitative', weight: '80' })] });
    const scoreFinding = (t: SelfEvaluationCheckRequest) => checkSelfEvaluationTable(t).findings.find((f) => f.path === 'indicators[0].printedScore');

    it('should accept the exact score at 2 decimals and warn on one rounded to whole points, with the exact value', () => {
      expect(scoreFinding(scored('9.80'))).toBeUndefined();
      expect(scoreFinding(scored('9', '86.2'))).toMatchObject({ severity: 'warning', expected: '8.62', found: '9.00' });
      // Full marks for a target not met is an error even at whole points.
      expect(scoreFinding(scored('10', '96'))).toMatchObject({ severity: 'error', expected: '9.60', found: '10.00' });
    });

    it('should call a truncated score an error and name the truncation, in plain words', () => {
      const found = scoreFinding(scored('9'));
      expect(found).toMatchObject({ severity: 'error', expected: '9.80', found: '9.00' });
      expect(found?.message).toBe('绩效指标第1行“政策知晓率”“得分”栏印为9分，按 98/100×10 应为 9.80分（印数系直接截尾，未按四舍五入）');
      expect(found?.messageEn).toContain('truncated');
    });

    it('should warn on an execution rate printed to a whole percent and expect its exact value', () => {
      const t = table({ unit: '万元', budget: { weight: '10', printedScore: '8.62', reason: '尾款未付', lines: [{ source: '当年财政拨款', budget: '43.2', executed: '37.24', printedRate: null }], total: { budget: '43.2', executed: '37.24', printedRate: '86%' } } });
      expect(paths(t)).toEqual([['percentage_recomputed', 'budget.total.printedRate', '86.20', '86.00']]);
    });
  });

  describe('tables as printed', () => {
    it('should read JSON numbers, full-width digits, blanks written —, / or 无, traditional labels and 萬元', () => {
      const t = {
        template: 'sichuan', unit: '萬元', project: { name: '測試項目' },
        budget: { weight: 10, printedScore: '１０', reason: '无', lines: [{ source: '財政資金', budget: 3.36, executed: '３.３６', printedRate: '100.00%' }, { source: '其他資金', budget: '—', executed: '/', printedRate: '无' }], total: { budget: '3.36', executed: 3.36, printedRate: 100 } },
        indicators: [{ level1: '產出指標', level2: '數量指標', name: '培訓', direction: '≥', target: '≥4次', actual: '4次', weight: 90, printedScore: '90' }],
        printedTotal: 100, printedGrade: '優',
      };
      const result = checkSelfEvaluationTable(t);
      expect(result.findings).toEqual([]);
      expect([result.unit, result.total, result.grade, result.indicators[0].level2]).toEqual(['万元', '100.00', '优', '数量指标']);
    });

    it('should check the money part alone when no indicator is given, without comparing a total', () => {
      const result = checkSelfEvaluationTable(table({ indicators: [], printedTotal: '99.68' }));
      expect([result.executionOnly, result.total, result.findings]).toEqual([true, '10.00', []]);
    });

    it('should check a per-line score where the table prints one', () => {
      const t = table({ budget: { weight: '10', printedScore: null, reason: null, lines: [{ source: '基本支出', budget: '985.19', executed: '914.97', printedRate: null, weight: '10', printedScore: '10' }], total: { budget: '985.19', executed: '914.97', printedRate: '92.87' } } });
      expect(paths(t)).toEqual([['score_recomputed', 'budget.lines[0].printedScore', '9.29', '10.00']]);
    });

    it('should never rescale printed weights: a table that adds up to 110 is an error and each row keeps its weight', () => {
      const t = table({ template: 'mof', indicators: [row({ level2: 'quantity', name: 'a', direction: '>=', target: '1', actual: '1', weight: '70', printedScore: '70' }), row({ level2: 'social', name: 'b', direction: 'qualitative', weight: '20', printedScore: '20' }), row({ level2: 'satisfaction', name: 'c', direction: 'qualitative', weight: '10', printedScore: '10' })] });
      const result = checkSelfEvaluationTable(t);
      expect(result.indicators.map((i) => i.score)).toEqual(['70.00', '20.00', '10.00']);
      expect(paths(t)).toEqual([['weights_total', 'indicators', '50.00', '70.00'], ['weights_total', 'indicators', '30.00', '20.00']]);
    });

    it('should leave breakdown rows (其中…) and rows marked not applicable unscored', () => {
      const t = table({ indicators: [row({ level2: 'quantity', name: '★种植面积', direction: '>=', target: '29.5亩', actual: '29.5亩', weight: '90', printedScore: '90' }), row({ level2: 'quantity', name: '其中桃树种植面积', direction: '>=', target: '1.5亩', actual: '1.5亩' }), { ...row({ level2: 'ecological', name: '指标1:', direction: 'qualitative' }), weight: '/' }] });
      const result = checkSelfEvaluationTable(t);
      expect(result.findings).toEqual([]);
      expect(result.indicators.map((i) => i.weight)).toEqual(['90.00', '0.00', '0.00']);
    });
  });
});
