import { type SelfEvaluationCheckRequest } from '@app/contracts';
import { checkSelfEvaluationTable, level2Of, parseQuantity } from './self-evaluation-check.js';

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
});
