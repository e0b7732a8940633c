import { Dec } from '@app/kpi-core';
import { generatePlatformDemo, splitExactly } from './platform-demo.js';
import { WEST_DISTRICT, WEST_DISTRICT_SEED } from './platform-demo-seed.js';

describe(generatePlatformDemo.name, () => {
  const data = generatePlatformDemo();
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
    expect(data.deals.every((d) => d.dealDate >= '2020-07-16' && d.dealDate <= '2021-12-31' && /^\d+\.\d{2}$/.test(d.amountYuan))).toBe(true);
    expect(new Set(data.popsci.map((p) => `${p.divisionCode}|${p.serviceDate}|${p.channel}`)).size).toBe(data.popsci.length);
    expect(new Set(data.registrations.map((r) => r.externalId)).size).toBe(data.registrations.length);
    expect(generatePlatformDemo()).toEqual(data);
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
