import { warningConditions } from './budget-watch.service.js';
import { type ProjectExecution } from '@app/contracts';

const execution = (progress: Partial<ProjectExecution['progress']>): ProjectExecution => ({
  projectId: 'p',
  year: 2021,
  lines: [],
  total: { fundingLineId: null, source: null, fundType: null, label: '', initialBudget: '0.00', adjustedBudget: '0.00', executed: '0.00', ratePercent: null },
  months: [],
  progress: {
    asOf: '2021-06-30', paceMode: 'monthly', month: 6, executed: '0.00', ratePercent: '50.00', expectedPercent: '50.00', gapPoints: '0.00',
    status: 'green', projectedYearEndPercent: '100.00', projectedBelowThreshold: false, isYearEnd: false, ...progress,
  },
});

describe('warningConditions', () => {
  it('should raise nothing when the project is on pace', () => {
    expect(warningConditions(execution({}))).toEqual([]);
  });

  it('should raise behind_pace and projected_below_threshold when behind and heading below 90%', () => {
    const kinds = warningConditions(execution({ ratePercent: '22.15', gapPoints: '-27.85', status: 'red', projectedYearEndPercent: '44.30', projectedBelowThreshold: true }));
    expect(kinds.map((k) => k.kind)).toEqual(['behind_pace', 'projected_below_threshold']);
    expect(kinds[0].message).toContain('27.85');
    // "中文 / English", the English half starting with a word (the screens split it there), no minus sign.
    expect(kinds[0].message).toMatch(/个百分点 \/ by [^/]* 22\.15% executed, 27\.85 points behind the time-elapsed pace of [\d.]+%$/);
  });

  it('should raise year_end_below_threshold (not behind_pace) at year end below 90%', () => {
    const kinds = warningConditions(execution({ isYearEnd: true, ratePercent: '45.46', status: 'red', projectedBelowThreshold: true }));
    expect(kinds.map((k) => k.kind)).toEqual(['year_end_below_threshold']);
  });

  it('should raise nothing for a project without budget (no rate)', () => {
    expect(warningConditions(execution({ status: null, ratePercent: null }))).toEqual([]);
  });
});
