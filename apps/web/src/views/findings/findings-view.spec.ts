import { describe, expect, it } from '@jest/globals';
import { type AccountsFinding, type AccountsStatement } from '@app/contracts';
import { countFindings, filterFindings, icIds, placeOf } from './findings-view';

const finding = (over: Partial<AccountsFinding>): AccountsFinding => ({
  id: 'x', divisionCode: '510403', year: 2021, rule: 'same_figure', severity: 'warning', path: 'p', expected: '1.00', found: '2.00',
  message: 'm', messageEn: 'm', status: 'open', note: null, decidedBy: null, decidedAt: null, createdAt: '2021-01-01T00:00:00Z', ...over,
});

const findings = [
  finding({ id: 'a', severity: 'info', icId: 'IC-05', rule: 'percentage_recomputed', path: 'statements.p2-2-fund-share' }),
  finding({ id: 'b', severity: 'error', icId: 'IC-12', rule: 'reverse_breached_full' }),
  finding({ id: 'c', severity: 'error', icId: 'IC-01', rule: 'same_figure', status: 'dismissed' }),
  finding({ id: 'd', severity: 'warning', rule: 'reason_missing' }),
];

describe('filterFindings', () => {
  it('should keep every finding sorted by severity then IC id when no filter is set', () => {
    expect(filterFindings(findings, { rule: '', severity: '', status: '', icId: '' }).map((f) => f.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('should apply rule, severity, status and IC id together when they are set', () => {
    expect(filterFindings(findings, { rule: '', severity: 'error', status: 'open', icId: '' }).map((f) => f.id)).toEqual(['b']);
    expect(filterFindings(findings, { rule: 'percentage_recomputed', severity: '', status: '', icId: 'IC-05' }).map((f) => f.id)).toEqual(['a']);
    expect(filterFindings(findings, { rule: '', severity: '', status: '', icId: 'IC-19' })).toEqual([]);
  });
});

describe('countFindings and icIds', () => {
  it('should count open findings by severity and the decided ones apart', () => {
    expect(countFindings(findings)).toEqual({ error: 1, warning: 1, info: 1, decided: 1, total: 4 });
    expect(icIds(findings)).toEqual(['IC-01', 'IC-05', 'IC-12']);
  });
});

describe('placeOf', () => {
  const statements = new Map<string, AccountsStatement>([
    ['p2-2-fund-share', { id: 'p2-2-fund-share', kind: 'share', figureKey: 'f', baseKey: 'b', valueAsPrinted: '0.6', unit: '%', location: '第二部分 二', excerpt: '占收入总计的0.6%' }],
  ]);

  it('should give the narrative location and sentence when the path names a statement', () => {
    expect(placeOf({ path: 'statements.p2-2-fund-share' }, statements)).toEqual({ place: '第二部分 二', excerpt: '占收入总计的0.6%' });
    expect(placeOf({ path: 'statements.unknown', place: '第二部分 三' }, statements)).toEqual({ place: '第二部分 三', excerpt: null });
  });

  it('should name the annex and the cell, or the accounts figure, for other paths', () => {
    expect(placeOf({ path: 'annex[附件2].budget.reason', place: '附件2《项目资金绩效自评表》预算执行“原因”栏' }, statements)).toEqual({ place: '附件2《项目资金绩效自评表》预算执行“原因”栏', excerpt: null });
    expect(placeOf({ path: 'annex[附件2].budget.reason' }, statements)).toEqual({ place: '附件2', excerpt: null });
    expect(placeOf({ path: 'figures.gpb.total' }, statements)).toEqual({ place: '决算表', excerpt: null });
    expect(placeOf({ path: 'figures.gpb.total', place: '决算表“一般公共预算财政拨款支出”' }, statements).place).not.toMatch(/gpb/);
  });
});
