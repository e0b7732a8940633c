import { describe, expect, it } from '@jest/globals';
import { type BudgetWarning } from '@app/contracts';
import { warningLines } from './budget-warnings';

const details = { ratePercent: '68.43', expectedPercent: '91.67', gapPoints: '-23.23', status: 'red', projectedYearEndPercent: '74.65' };
const warning = (projectId: string, kind: BudgetWarning['kind'], extra: Partial<BudgetWarning> = {}): BudgetWarning => ({
  id: `${projectId}-${kind}`, projectId, projectName: `项目${projectId}`, divisionCode: '510403', year: 2026, kind, message: '',
  details, raisedAt: '2026-11-30T00:00:00Z', clearedAt: null, ...extra,
});

describe('warningLines', () => {
  it('should give one line per project with the figures of the sentence and the colour of its red tag', () => {
    const lines = warningLines([warning('a', 'behind_pace'), warning('a', 'projected_below_threshold'), warning('b', 'behind_pace', { details: { ...details, status: 'yellow', gapPoints: '-5.00' } })]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ projectId: 'a', severity: 'danger', key: 'budget.warningLine.behindProjected', params: { rate: '68.43', pace: '91.67', gap: '23.23', projected: '74.65' } });
    expect(lines[1]).toMatchObject({ projectId: 'b', severity: 'warning', key: 'budget.warningLine.behind', params: { gap: '5.00' } });
  });

  it('should word a closed year below 90% as such and leave cleared warnings out', () => {
    const lines = warningLines([warning('a', 'year_end_below_threshold'), warning('c', 'behind_pace', { clearedAt: '2026-11-30T00:00:00Z' })]);
    expect(lines).toEqual([expect.objectContaining({ projectId: 'a', key: 'budget.warningLine.yearEnd', severity: 'danger' })]);
  });
});
