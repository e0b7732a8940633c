import { currentYearBudgetProjects } from './budget-demo-current.js';
import { recentDistrictEvents } from './events-demo.js';

const paid = (today: string, suffix: string): string[] =>
  currentYearBudgetProjects(today)
    .find((p) => p.code.endsWith(suffix))!
    .lines.flatMap((l) => l.payments.map(([day, amount]) => `${day} ${amount}`));

const total = (today: string, suffix: string): number =>
  currentYearBudgetProjects(today)
    .find((p) => p.code.endsWith(suffix))!
    .lines.flatMap((l) => l.payments)
    .reduce((sum, [, amount]) => sum + Math.round(Number(amount) * 100), 0) / 100;

describe('currentYearBudgetProjects', () => {
  it('should make this year’s three West District projects with codes of the year', () => {
    expect(currentYearBudgetProjects('2026-11-26').map((p) => p.code)).toEqual(['510403-2026-KJY', '510403-2026-QMKXSZ', '510403-2026-KPJF']);
  });

  it('should hold only the payments made by today', () => {
    expect(paid('2026-02-01', 'KJY')).toEqual(['2026-01-28 12000.00']);
    expect(total('2026-11-26', 'KJY')).toBe(223_888.3); // 10 × 12,000 + 18,560 + 15,328.30 上级, 40,000 + 30,000 本级
    expect(total('2026-12-31', 'KJY')).toBe(307_888.3); // 12 × 12,000 + 33,888.30 上级, 130,000 本级
    expect(paid('2026-05-19', 'QMKXSZ')).toEqual([]);
    expect(total('2026-11-26', 'QMKXSZ')).toBe(5_000);
  });

  it('should pay 科普经费 2,000 元 ten days after each of West District’s campaign events of the year', () => {
    const campaigns = recentDistrictEvents('2026-11-26').filter((e) => e.division === '510403' && e.popsciFund && e.start.startsWith('2026'));
    expect(campaigns.length).toBeGreaterThan(2);
    expect(total('2026-11-26', 'KPJF')).toBe(2_000 * campaigns.length);
  });

  it('should keep the 2021 targets without year-end actuals, bound indicators still bound', () => {
    const fund = currentYearBudgetProjects('2026-11-26').find((p) => p.code.endsWith('KPJF'))!;
    expect(fund.indicators.every((i) => i.actualValue === undefined && i.actualText === undefined && i.tier === undefined)).toBe(true);
    expect(fund.indicators.find((i) => i.level2 === 'quantity')).toMatchObject({ targetValue: '5', binding: { kind: 'events' } });
    expect(fund.indicators.map((i) => i.name)).toContain('2026年1-12月');
  });
});
