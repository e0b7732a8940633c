import { buildSelfEvaluationSheet, yuanToWan } from './self-evaluation-sheet.js';
import { type SelfEvaluation } from '@app/contracts';

const row = (id: string, level1: string, level2: string, weight: string, score: string) => ({
  indicatorId: id, level1, level2, level1Label: level1, level2Label: level2, name: id, direction: 'qual', target: 't', actual: 'a', unit: null,
  weight, effectiveWeight: weight, outcome: 'met' as const, completionPercent: '100.00', score, overAchieved: false, reason: null,
  actualSource: { kind: 'manual' as const, available: true, description: '', value: null, link: null, ids: [] },
});

const evaluation = {
  year: 2021, status: 'frozen', yearInProgress: false, expectedGoal: '预期', achievedGoal: '实际', preparer: '张三', phone: '1', filledOn: '2022-01-01',
  computed: {
    project: { name: '项目', code: 'c', year: 2021, supervisingUnit: '主管', implementingUnit: '实施' },
    template: 'sichuan', templateName: '四川', total: '94.55', grade: 'excellent', gradeLabel: '优', reasonsRequired: [], complete: true, computedAt: '',
    execution: {
      weight: '10.00', effectiveWeight: '10.00', score: '4.55', reason: null,
      total: { initialBudget: '344702.00', adjustedBudget: '344702.00', executed: '156688.30', ratePercent: '45.46' },
      lines: [
        { key: 'a', label: '上级', source: 'superior', initialBudget: '180000.00', adjustedBudget: '180000.00', executed: '156688.30', ratePercent: '87.05', reason: null },
        { key: 'b', label: '本级', source: 'local', initialBudget: '164702.00', adjustedBudget: '164702.00', executed: '0.00', ratePercent: '0.00', reason: '未使用' },
      ],
    },
    // Given out of order: the sheet groups by level 1 and level 2.
    indicators: [row('s1', 'satisfaction', 'satisfaction', '30.00', '30.00'), row('o1', 'output', 'quantity', '30.00', '30.00'), row('o2', 'output', 'quantity', '30.00', '30.00')],
  },
} as unknown as SelfEvaluation;

describe('buildSelfEvaluationSheet', () => {
  it('should convert 元 to 万元 exactly and round half-up to 2 decimals', () => {
    expect(yuanToWan('156688.30')).toBe(15.67);
    expect(yuanToWan('344702.00')).toBe(34.47);
    expect(yuanToWan('49.99')).toBe(0);
    expect(yuanToWan('50.00')).toBe(0.01);
    expect(yuanToWan(null)).toBeNull();
  });

  it('should merge level-1 and level-2 cells over consecutive rows and keep the budget block by source', () => {
    const sheet = buildSelfEvaluationSheet(evaluation);
    const at = (r: number, c: number) => sheet.cells.find((cell) => cell.row === r && cell.col === c)?.value;
    expect(sheet.merges).toEqual(expect.arrayContaining([{ top: 14, left: 1, bottom: 15, right: 1 }, { top: 14, left: 2, bottom: 15, right: 2 }, { top: 5, left: 1, bottom: 9, right: 1 }]));
    expect([at(14, 1), at(16, 1)]).toEqual(['output', 'satisfaction']);
    expect([at(6, 4), at(6, 5), at(6, 7), at(6, 8)]).toEqual([34.47, 15.67, 45.46, 4.55]);
    expect(at(9, 4)).toBeUndefined();
    expect(at(10, 2)).toBe('本级：未使用');
    expect([at(17, 6), at(17, 7)]).toEqual([100, 94.55]);
    expect(sheet.rowCount).toBe(19);
  });

  it('should mark a year in progress as an estimate in the subtitle, beside the grade and as the watermark; a closed draft as 草稿', () => {
    const inYear = buildSelfEvaluationSheet({ ...evaluation, status: 'draft', yearInProgress: true });
    const at = (r: number, c: number) => inYear.cells.find((cell) => cell.row === r && cell.col === c)?.value;
    expect(inYear.watermark).toBe('年度未结束·预估');
    expect(at(2, 1)).toContain('【年度未结束·预估】');
    expect(at(18, 2)).toBe('优（94.55分，年度未结束，为预估）');

    const draft = buildSelfEvaluationSheet({ ...evaluation, status: 'draft', yearInProgress: false });
    expect(draft.watermark).toBe('草稿');
    expect(draft.cells.find((cell) => cell.row === 18 && cell.col === 2)?.value).toBe('优（94.55分）');
    expect(buildSelfEvaluationSheet(evaluation).watermark).toBeNull();
  });
});
