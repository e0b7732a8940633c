import { defaultAsOf, lastCompleteMonth, monthEnd, todayInShanghai } from './budget-dates.js';

describe('budget dates', () => {
  it('should clamp the default day into the project year', () => {
    expect(defaultAsOf(2021, '2026-11-26')).toBe('2021-12-31');
    expect(defaultAsOf(2027, '2026-11-26')).toBe('2027-01-01');
    expect(defaultAsOf(2026, '2026-11-26')).toBe('2026-11-26');
  });

  it('should measure monthly pace at the end of the last complete month', () => {
    expect(lastCompleteMonth('2021-07-02')).toBe(6);
    expect(lastCompleteMonth('2021-06-30')).toBe(6);
    expect(lastCompleteMonth('2021-01-15')).toBe(0);
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
  });

  it('should give the Shanghai day of an instant (UTC+8)', () => {
    expect(todayInShanghai(new Date('2021-12-31T16:30:00Z'))).toBe('2022-01-01');
  });
});
