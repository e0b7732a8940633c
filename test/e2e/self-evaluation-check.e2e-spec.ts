import request from 'supertest';
import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse } from '@app/contracts';
import { SEED_ANNEX1_DEPARTMENT, SEED_ANNEX2_CLOUD, SEED_ANNEX3_LITERACY, SEED_ANNEX4_POPSCI } from '../../apps/api/src/database/demo/accounts-demo.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

type Row = SelfEvaluationCheckRequest['indicators'][number];
const row = (over: Partial<Row> & Pick<Row, 'level2' | 'name' | 'direction'>): Row => ({
  level1: null, target: null, actual: null, unit: null, weight: null, printedScore: null, printedCompletion: null, reason: null, ...over,
});
const brief = (body: SelfEvaluationCheckResponse) => body.findings.map((f) => [f.rule, f.path, f.expected, f.found]);

// Three tables never seen before, computed by hand; each must give no finding at all.
// A (sichuan, 元): 290000 of 300000 = 96.67%, 10 × 0.966667 = 9.67; all four rows met: 9.67 + 90 = 99.67 优.
const tableA: SelfEvaluationCheckRequest = {
  template: 'sichuan', unit: '元', project: { name: '东区科普示范社区建设项目' },
  budget: {
    weight: '10', printedScore: '9.67', reason: null,
    lines: [
      { source: '上级财政资金', budget: '200000', executed: '190000', printedRate: '95.00' },
      { source: '本级财政资金', budget: '100,000', executed: '100000.00', printedRate: '100' },
    ],
    total: { budget: '300000', executed: '290000', printedRate: '96.67' },
  },
  indicators: [
    row({ level1: '产出指标', level2: '数量指标', name: '开展科普讲座', direction: '>=', target: '10', actual: '12', unit: '场', weight: '30', printedScore: '30', printedCompletion: '100' }),
    row({ level1: '产出指标', level2: '质量指标', name: '讲座满意率', direction: '>=', target: '95%', actual: '95%', unit: '%', weight: '20', printedScore: '20.00', printedCompletion: '100.00' }),
    row({ level1: '产出指标', level2: '成本指标', name: '项目总成本', direction: '<=', target: '300000', actual: '290000', unit: '元', weight: '20', printedScore: '20', printedCompletion: '100' }),
    row({ level1: '满意度指标', level2: '服务对象满意度指标', name: '居民满意度', direction: '>=', target: '90', actual: '92', unit: '%', weight: '20', printedScore: '20', printedCompletion: '100' }),
  ],
  printedTotal: '99.67', printedGrade: '优',
};
// B (mof, 万元): 40 of 50 = 80%, score 8.00, with a reason; 15 of 20 events = 75% → 18.75 of 25; 12 = 12 → 10;
// 40 ≤ 50 → 15; qualitative 90% of 30 → 27; 80 of ≥ 85 = 94.12% → 9.41 of 10. Total 88.16 良.
const tableB: SelfEvaluationCheckRequest = {
  template: 'mof', unit: '万元', project: { name: '青少年科技创新大赛' },
  budget: {
    weight: '10', printedScore: '8', reason: '部分采购合同延至次年支付',
    lines: [{ source: '本级财政资金', budget: '50', executed: '40', printedRate: '80' }],
    total: { budget: '50', executed: '40', printedRate: '80.00' },
  },
  indicators: [
    row({ level1: '产出指标', level2: 'quantity', name: '组织赛事活动', direction: '>=', target: '20', actual: '15', unit: '场', weight: '25', printedScore: '18.75', printedCompletion: '75', reason: '5场活动因疫情取消' }),
    row({ level1: '产出指标', level2: '时效指标', name: '全年按月开展', direction: '=', target: '12', actual: '12', unit: '月', weight: '10', printedScore: '10', printedCompletion: '100' }),
    row({ level1: '产出指标', level2: '成本指标', name: '赛事总成本', direction: '<=', target: '50', actual: '40', unit: '万元', weight: '15', printedScore: '15', printedCompletion: '100' }),
    row({ level1: '效益指标', level2: '社会效益指标', name: '青少年创新意识提升', direction: 'qualitative', target: '明显提升', actual: '较明显提升', weight: '30', printedScore: '27', printedCompletion: '90' }),
    row({ level1: '满意度指标', level2: '满意度指标', name: '参赛学校满意度', direction: '>=', target: '85', actual: '80', unit: '%', weight: '10', printedScore: '9.41', printedCompletion: '94.12', reason: '评审周期偏长' }),
  ],
  printedTotal: '88.16', printedGrade: '良',
};
// C (hubei, 元, no 分值 column): 99000 of 100000 = 99%, 20 × 0.99 = 19.80; four rows of 80 / 4 = 20, all met: 99.80 优.
const tableC: SelfEvaluationCheckRequest = {
  template: 'hubei', unit: '元', project: { name: '农技协能力提升' },
  budget: {
    weight: null, printedScore: '19.80', reason: null,
    lines: [
      { source: '上级财政资金', budget: '80000', executed: '80000', printedRate: '100' },
      { source: '其他资金', budget: '20000', executed: '19000', printedRate: '95' },
    ],
    total: { budget: '100000', executed: '99000', printedRate: '99' },
  },
  indicators: [
    row({ level1: '产出指标', level2: '数量指标', name: '培训次数', direction: '>=', target: '4', actual: '4次', unit: '次', printedScore: '20', printedCompletion: '100' }),
    row({ level1: '产出指标', level2: '质量指标', name: '培训质量', direction: 'qualitative', target: '达到要求', actual: '达到要求', printedScore: '20' }),
    row({ level1: '产出指标', level2: '成本指标', name: '培训成本', direction: '<=', target: '100000元', actual: '99000元', unit: '元', printedScore: '20', printedCompletion: '100' }),
    row({ level1: '满意度指标', level2: '满意度指标', name: '学员满意度', direction: '>=', target: '90', actual: '95', unit: '%', printedScore: '20', printedCompletion: '100' }),
  ],
  printedTotal: '99.80', printedGrade: '优',
};

describe('POST /api/v1/self-evaluations/check (e2e)', () => {
  let app: TestApp;
  let token: string;
  const check = (body: unknown) => request(app.http).post('/api/v1/self-evaluations/check').set('Authorization', `Bearer ${token}`).send(body as object);

  beforeAll(async () => {
    app = await startTestApp();
    token = await loginAs(app, 'dongqu-staff');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('tables never seen before, filled correctly', () => {
    it.each([['A (sichuan, 元)', tableA, '9.67', '99.67', '优'], ['B (mof, 万元)', tableB, '8.00', '88.16', '良'], ['C (hubei, 元, no weights)', tableC, '19.80', '99.80', '优']])(
      'should raise no finding and compute the printed figures when table %s is correct',
      async (_, table, execution, total, grade) => {
        const response = await check(table).expect(200);
        expect(response.body.findings).toEqual([]);
        expect([response.body.execution.total.score, response.body.total, response.body.grade]).toEqual([execution, total, grade]);
      },
    );

    it('should show the hand-computed completions and scores of table B', async () => {
      const { body } = await check(tableB).expect(200);
      expect(body.indicators.map((i: { completion: string; score: string }) => [i.completion, i.score])).toEqual([
        ['75.00', '18.75'], ['100.00', '10.00'], ['100.00', '15.00'], ['90.00', '27.00'], ['94.12', '9.41'],
      ]);
      expect(body.execution.total).toEqual({ budget: '50.00', executed: '40.00', rate: '80.00', weight: '10.00', score: '8.00' });
    });
  });

  describe('the seed tables as printed', () => {
    it('should find the 附件2 cloud table’s unit, blank total row, missing reason and the 45.45 cost completion', async () => {
      const { body } = await check(SEED_ANNEX2_CLOUD).expect(200);
      expect(body.execution.lines.map((l: { rate: string | null }) => l.rate)).toEqual(['87.05', '0.00', null]);
      expect(body.execution.total).toEqual({ budget: '344702.00', executed: '156688.30', rate: '45.46', weight: '10.00', score: '4.55' });
      expect([body.total, body.grade]).toEqual(['94.55', '优']);
      expect(brief(body)).toEqual(expect.arrayContaining([
        ['unit_plausibility', 'unit', '34.47', '344702.00'],
        ['reason_missing', 'budget.reason', '90.00', '45.46'],
        ['percentage_recomputed', 'indicators[3].printedCompletion', '100.00', '45.45'],
        ['required_value_missing', 'budget.total.executed', '156688.30', null],
        ['required_value_missing', 'budget.total.printedRate', '45.46', null],
      ]));
    });

    it('should expect 45.46 where a total rate is printed truncated as 45.45', async () => {
      const table = { ...SEED_ANNEX2_CLOUD, unit: '元', budget: { ...SEED_ANNEX2_CLOUD.budget, total: { budget: '344702', executed: '156688.3', printedRate: '45.45' } } };
      const { body } = await check(table).expect(200);
      expect(body.findings.filter((f: { path: string }) => f.path.startsWith('budget.total'))).toEqual([
        expect.objectContaining({ rule: 'percentage_recomputed', severity: 'error', path: 'budget.total.printedRate', expected: '45.46', found: '45.45' }),
      ]);
    });

    it('should refuse full marks for the department cost row ≤ 72.87 against 74.44 (附件1)', async () => {
      const { body } = await check(SEED_ANNEX1_DEPARTMENT).expect(200);
      expect(brief(body)).toContainEqual(['reverse_breached_full', 'indicators[3].printedCompletion', '97.89', '100.00']);
      expect(body.execution.total.rate).toBe('102.15');
    });

    it('should require numeric actuals where 附件3 answers 8% targets with "完成" and accept its 0.5 of 0.5', async () => {
      const { body } = await check(SEED_ANNEX3_LITERACY).expect(200);
      const missing = body.findings.filter((f: { rule: string; path: string }) => f.rule === 'required_value_missing' && f.path.endsWith('.actual'));
      expect(missing.map((f: { path: string; found: string }) => [f.path, f.found])).toEqual([0, 2, 4, 5].map((i) => [`indicators[${i}].actual`, '完成']));
      expect(body.execution.lines[1].rate).toBe('100.00');
      expect(body.findings.some((f: { path: string }) => f.path === 'budget.lines[1].printedRate')).toBe(false);
    });

    it('should accept 附件4’s execution and cost rows and flag its "完成" event count', async () => {
      const { body } = await check(SEED_ANNEX4_POPSCI).expect(200);
      expect(brief(body)).toContainEqual(['required_value_missing', 'indicators[0].actual', null, '完成']);
      expect(body.findings.some((f: { path: string }) => f.path === 'indicators[3].printedCompletion')).toBe(false);
    });
  });

  describe('tables with printed errors', () => {
    it('should catch wrong weights, a total that is not the sum of its parts, a wrong grade and a breached ≤ scored full', async () => {
      const table: SelfEvaluationCheckRequest = {
        ...tableA,
        indicators: [
          tableA.indicators[0],
          tableA.indicators[1],
          { ...tableA.indicators[2], actual: '320000', weight: '25' },
          tableA.indicators[3],
        ],
        printedTotal: '98.00', printedGrade: '良',
      };
      const { body } = await check(table).expect(200);
      expect(brief(body)).toEqual(expect.arrayContaining([
        ['weights_total', 'indicators', '90.00', '95.00'],
        ['reverse_breached_full', 'indicators[2].printedCompletion', '93.75', '100.00'],
        ['sum_identity', 'printedTotal', '99.67', '98.00'],
        ['score_recomputed', 'printedTotal', '103.11', '98.00'],
        ['score_recomputed', 'indicators[2].printedScore', '23.44', '20.00'],
      ]));
      expect(body.findings.find((f: { path: string }) => f.path === 'printedGrade')).toMatchObject({ expected: '优', found: '良' });
    });

    it('should catch printed rates and execution scores that do not follow and a sub-total that is not the sum of its lines', async () => {
      const table = {
        ...tableA,
        budget: { ...tableA.budget, printedScore: '9.50', lines: [{ ...tableA.budget.lines[0], printedRate: '94.00' }, tableA.budget.lines[1]], total: { budget: '310000', executed: '290000', printedRate: '96.66' } },
      };
      const { body } = await check(table).expect(200);
      expect(brief(body)).toEqual(expect.arrayContaining([
        ['percentage_recomputed', 'budget.lines[0].printedRate', '95.00', '94.00'],
        ['sum_identity', 'budget.total.budget', '300000.00', '310000.00'],
        ['percentage_recomputed', 'budget.total.printedRate', '96.67', '96.66'],
        ['score_recomputed', 'budget.printedScore', '9.67', '9.50'],
      ]));
    });

    it('should require a reason for execution below 90% and a execution weight as the template sets it', async () => {
      const table = { ...tableB, budget: { ...tableB.budget, weight: '20', reason: '  ' } };
      const { body } = await check(table).expect(200);
      expect(brief(body)).toEqual(expect.arrayContaining([
        ['reason_missing', 'budget.reason', '90.00', '80.00'],
        ['weights_total', 'budget.weight', '10.00', '20.00'],
      ]));
    });
  });

  describe('malformed requests', () => {
    it.each([
      ['an unknown template', { ...tableA, template: 'beijing' }, 'template'],
      ['a unit other than 元 or 万元', { ...tableA, unit: '千元' }, 'unit'],
      ['a budget that is not a number', { ...tableA, budget: { ...tableA.budget, lines: [{ ...tableA.budget.lines[0], budget: '二十万' }] } }, 'budget.lines.0.budget'],
      ['an unknown 二级指标', { ...tableA, indicators: [{ ...tableA.indicators[0], level2: '幸福指标' }] }, 'indicators.0.level2'],
      ['an unknown direction', { ...tableA, indicators: [{ ...tableA.indicators[0], direction: '>' }] }, 'indicators.0.direction'],
      ['indicators that are not a list', { ...tableA, indicators: 'none' }, 'indicators'],
      ['no budget block', { ...tableA, budget: undefined }, 'budget'],
    ])('should answer 422 naming the field when the table has %s', async (_, body, field) => {
      const response = await check(body).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should check the money part alone when a table comes without indicators', async () => {
      const { body } = await check({ ...tableA, indicators: [], printedTotal: null, printedGrade: null }).expect(200);
      expect([body.executionOnly, body.execution.total.score, body.findings]).toEqual([true, '9.67', []]);
    });

    it('should read cells sent as JSON numbers as a spreadsheet gives them', async () => {
      const table = { ...tableA, budget: { ...tableA.budget, printedScore: 9.67, total: { budget: 300000, executed: 290000, printedRate: 96.67 } } };
      const { body } = await check(table).expect(200);
      expect(body.findings).toEqual([]);
    });

    it('should report a negative target as a value it cannot score, naming the row', async () => {
      const response = await check({ ...tableA, indicators: [{ ...tableA.indicators[0], target: '-3' }, ...tableA.indicators.slice(1)] }).expect(200);
      expect(brief(response.body)).toContainEqual(['required_value_missing', 'indicators[0].target', null, '-3']);
    });

    it('should answer 401 without a sign-in', async () => {
      await request(app.http).post('/api/v1/self-evaluations/check').send(tableA).expect(401);
    });
  });
});
