import { Dec, shanghaiDay } from '@app/kpi-core';
import { generatePlatformDemo, splitExactly } from './platform-demo.js';
import { WEST_DISTRICT, WEST_DISTRICT_SEED } from './platform-demo-seed.js';

describe(generatePlatformDemo.name, () => {
  // A fixed "today" (Asia/Shanghai), so the test does not depend on when it runs.
  const until = '2026-11-26';
  const data = generatePlatformDemo(until);
  const inSeed = (division: string, day: string) => division === WEST_DISTRICT && day >= WEST_DISTRICT_SEED.from && day <= WEST_DISTRICT_SEED.asOf;
  const sum = (values: string[]) => values.reduce((total, value) => total.plus(value), new Dec(0)).toFixed(2);

  it('should reproduce the seed figures of West District exactly as sums from the launch to 2021-11', () => {
    const deals = data.deals.filter((d) => inSeed(d.divisionCode, d.dealDate));
    const ofKind = (kind: string) => deals.filter((d) => d.kind === kind);
    expect(ofKind('tech_service')).toHaveLength(216);
    expect(sum(ofKind('tech_service').map((d) => d.amountYuan))).toBe('92708000.00');
    expect(ofKind('achievement_transfer')).toHaveLength(1);
    expect(sum(ofKind('achievement_transfer').map((d) => d.amountYuan))).toBe('1500000.00');
    expect(ofKind('research_project')).toHaveLength(12);
    expect(sum(ofKind('research_project').map((d) => d.amountYuan))).toBe('417900000.00');
    const listings = data.listings.filter((l) => inSeed(l.divisionCode, l.listedDate));
    expect(listings.filter((l) => l.kind === 'research_project')).toHaveLength(30);
    expect(listings.filter((l) => l.kind === 'sharing_base')).toHaveLength(7);
    expect(data.registrations.filter((r) => inSeed(r.divisionCode, r.registeredDate))).toHaveLength(7585);
    const popsci = data.popsci.filter((p) => inSeed(p.divisionCode, p.serviceDate));
    expect(popsci.reduce((n, p) => n + p.households, 0)).toBe(1723);
    expect(popsci.reduce((n, p) => n + p.personTimes, 0)).toBe(691_200);
  });

  it('should cover 2020 for year-on-year and the other four divisions, deterministically, with unique keys', () => {
    expect(data.deals.some((d) => d.divisionCode === WEST_DISTRICT && d.dealDate.startsWith('2020-'))).toBe(true);
    expect(new Set(data.deals.map((d) => d.divisionCode))).toEqual(new Set(['510402', '510403', '510411', '510421', '510422']));
    expect(data.deals.every((d) => d.dealDate >= '2020-07-16' && d.dealDate <= until && /^\d+\.\d{2}$/.test(d.amountYuan))).toBe(true);
    expect(new Set(data.popsci.map((p) => `${p.divisionCode}|${p.serviceDate}|${p.channel}`)).size).toBe(data.popsci.length);
    expect(new Set(data.registrations.map((r) => r.externalId)).size).toBe(data.registrations.length);
    expect(new Set(data.deals.map((d) => d.externalId)).size).toBe(data.deals.length);
    expect(new Set(data.listings.map((l) => l.externalId)).size).toBe(data.listings.length);
    expect(generatePlatformDemo(until)).toEqual(data);
  });

  it('should run to the current month and never past today when given today', () => {
    const dates = [...data.deals.map((d) => d.dealDate), ...data.registrations.map((r) => r.registeredDate), ...data.popsci.map((p) => p.serviceDate), ...data.listings.map((l) => l.listedDate)];
    expect(dates.every((day) => day <= until)).toBe(true);
    for (const division of ['510402', '510403', '510411', '510421', '510422']) {
      expect(data.registrations.some((r) => r.divisionCode === division && r.registeredDate.startsWith('2026-11-'))).toBe(true);
      expect(data.deals.some((d) => d.divisionCode === division && d.dealDate.startsWith('2026-11-'))).toBe(true);
    }
    expect(data.popsci.some((p) => p.serviceDate.startsWith('2026-12'))).toBe(false);
    // By default the end is today in Asia/Shanghai.
    const today = shanghaiDay(new Date());
    const current = generatePlatformDemo();
    expect(current.registrations.some((r) => r.registeredDate.startsWith(today.slice(0, 7)))).toBe(true);
    expect(current.registrations.every((r) => r.registeredDate <= today)).toBe(true);
  });

  it('should keep every earlier month identical when the demo runs to a later month', () => {
    const shorter = generatePlatformDemo('2024-03-31');
    const upTo = <T>(rows: T[], day: (row: T) => string) => rows.filter((row) => day(row) <= '2024-03-31');
    expect(upTo(data.deals, (d) => d.dealDate)).toEqual(shorter.deals);
    expect(upTo(data.registrations, (r) => r.registeredDate)).toEqual(shorter.registrations);
    expect(upTo(data.popsci, (p) => p.serviceDate)).toEqual(shorter.popsci);
  });

  it('should taper to a mature platform\'s monthly volumes after 2021', () => {
    const perMonth = new Map<string, { registrations: number; deals: number; popsciDays: number }>();
    const at = (division: string, day: string) => {
      const key = `${division}|${day.slice(0, 7)}`;
      if (!perMonth.has(key)) perMonth.set(key, { registrations: 0, deals: 0, popsciDays: 0 });
      return perMonth.get(key)!;
    };
    const fullMonths = (day: string) => day >= '2022-01-01' && day < '2026-11-01';
    for (const r of data.registrations) if (fullMonths(r.registeredDate)) at(r.divisionCode, r.registeredDate).registrations++;
    for (const d of data.deals) if (fullMonths(d.dealDate)) at(d.divisionCode, d.dealDate).deals++;
    for (const p of data.popsci) if (fullMonths(p.serviceDate)) at(p.divisionCode, p.serviceDate).popsciDays++;
    expect(perMonth.size).toBe(5 * 58);
    for (const month of perMonth.values()) {
      expect(month.registrations).toBeGreaterThanOrEqual(7);
      expect(month.registrations).toBeLessThanOrEqual(35);
      expect(month.deals).toBeGreaterThanOrEqual(5);
      expect(month.deals).toBeLessThanOrEqual(25);
      expect(month.popsciDays).toBe(15); // 3 service days × 5 channels
    }
  });
});

describe(splitExactly.name, () => {
  it('should split a total into parts of at least min that sum exactly', () => {
    const parts = splitExactly(1723, [1, 2, 3, 0.5, 7], 1);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1723);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
    expect(() => splitExactly(3, [1, 1, 1, 1], 1)).toThrow(RangeError);
  });
});
