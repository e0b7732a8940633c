import { recentDistrictEvents } from './events-demo.js';

describe('recentDistrictEvents', () => {
  const today = '2026-11-26';
  const events = recentDistrictEvents(today);

  it('should give every district events in every month from 2022 to today, and none after today', () => {
    const months = new Set(events.map((e) => `${e.division}|${e.start.slice(0, 7)}`));
    for (const division of ['510402', '510403', '510411', '510421', '510422']) {
      for (const month of ['2022-01', '2024-02', '2026-10']) expect(months.has(`${division}|${month}`)).toBe(true);
    }
    expect(events.every((e) => e.start >= '2022-01-01' && e.start <= today)).toBe(true);
  });

  it('should hold the campaign months’ events and more events in them than in the Spring Festival month', () => {
    const west2025 = events.filter((e) => e.division === '510403' && e.start.startsWith('2025-'));
    expect(west2025.filter((e) => e.type === 'popsci_day').map((e) => e.start.slice(0, 7))).toEqual(['2025-09']);
    expect(west2025.filter((e) => e.type === 'science_week').map((e) => e.start.slice(0, 7))).toEqual(['2025-05']);
    const inMonth = (m: string) => west2025.filter((e) => e.start.startsWith(m)).length;
    expect(inMonth('2025-09')).toBeGreaterThan(inMonth('2025-02'));
  });

  it('should leave the last days’ events for review and approve the older ones, returning a few', () => {
    const byAge = (from: string, to: string) => new Set(events.filter((e) => e.start >= from && e.start <= to).map((e) => e.status));
    expect([...byAge('2022-01-01', '2026-10-27')]).toEqual(['approved']);
    expect([...byAge('2026-10-28', '2026-11-22')].every((s) => s === 'approved' || s === 'returned')).toBe(true);
    expect(events.some((e) => e.status === 'returned' && e.returnReason)).toBe(true);
    const lastDays = events.filter((e) => e.start > '2026-11-23');
    expect(lastDays.every((e) => e.status === 'submitted' || e.status === 'draft')).toBe(true);
    // Every district has one of them: the approval queue is never empty in the demo.
    expect(new Set(lastDays.map((e) => e.division)).size).toBe(5);
  });

  it('should be the same on every call for the same day, with one event per division, day and title', () => {
    expect(recentDistrictEvents(today)).toEqual(events);
    const keys = events.map((e) => `${e.division}|${e.start}|${e.title}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const day of ['2026-01-01', '2026-02-28', '2026-03-02', '2026-05-31', '2026-09-30', '2026-12-31']) {
      const other = recentDistrictEvents(day).map((e) => `${e.division}|${e.start}|${e.title}`);
      expect(new Set(other).size).toBe(other.length);
    }
    // A later day only adds events: the past stays as it was.
    const later = recentDistrictEvents('2026-12-31').filter((e) => e.start <= '2026-11-20');
    expect(later.map((e) => `${e.division}|${e.start}|${e.title}`)).toEqual(events.filter((e) => e.start <= '2026-11-20').map((e) => `${e.division}|${e.start}|${e.title}`));
  });
});
