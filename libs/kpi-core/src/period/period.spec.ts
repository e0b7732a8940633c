import {
  addDays,
  addMonths,
  dayKey,
  dayOfYear,
  daysInMonth,
  daysInYear,
  daysOfMonth,
  firstDayOfMonth,
  isDayKey,
  isLeapYear,
  isMonthKey,
  lastDayOfMonth,
  monthKey,
  monthOfDay,
  monthRange,
  monthsBetween,
  monthsOfYearTo,
  nextMonth,
  parseDayKey,
  parseMonthKey,
  previousMonth,
  sameMonthLastYear,
  shanghaiDay,
  shanghaiMonth,
  shanghaiMonthRange,
  startOfShanghaiDay,
} from './period.js';

describe('period', () => {
  describe('shanghaiDay', () => {
    it('should give the next calendar day when the instant is 16:00 UTC or later', () => {
      expect(shanghaiDay(new Date('2021-11-30T15:59:59.999Z'))).toBe('2021-11-30');
      expect(shanghaiDay(new Date('2021-11-30T16:00:00.000Z'))).toBe('2021-12-01');
    });

    it('should roll over the year when the instant is new year in Shanghai but not in UTC', () => {
      expect(shanghaiDay(new Date('2021-12-31T16:30:00Z'))).toBe('2022-01-01');
      expect(shanghaiMonth(new Date('2021-12-31T16:30:00Z'))).toBe('2022-01');
    });

    it('should read an offset timestamp by its instant when it carries +08:00', () => {
      expect(shanghaiDay(new Date('2021-11-01T00:00:00+08:00'))).toBe('2021-11-01');
      expect(shanghaiDay(new Date('2021-10-31T23:59:59+08:00'))).toBe('2021-10-31');
    });

    it('should throw when the Date is invalid', () => {
      expect(() => shanghaiDay(new Date('not a date'))).toThrow(RangeError);
    });

    it('should agree with Intl for Asia/Shanghai when sampled across 40 years', () => {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
      for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2032, 0, 1); t += 7 * 3_600_000 * 24 + 3_600_000 * 5 + 7_919) {
        const date = new Date(t);
        expect(shanghaiDay(date)).toBe(intl.format(date));
      }
    });
  });

  describe('startOfShanghaiDay', () => {
    it('should return 16:00 UTC of the previous day when given a business day', () => {
      expect(startOfShanghaiDay('2021-11-01').toISOString()).toBe('2021-10-31T16:00:00.000Z');
    });

    it('should round-trip through shanghaiDay when given any valid day', () => {
      for (const day of ['2020-02-29', '2021-01-01', '2021-12-31', '0099-03-01']) {
        expect(shanghaiDay(startOfShanghaiDay(day))).toBe(day);
      }
    });

    it('should give a half-open instant range when asked for a month', () => {
      const { start, end } = shanghaiMonthRange('2021-12');
      expect(start.toISOString()).toBe('2021-11-30T16:00:00.000Z');
      expect(end.toISOString()).toBe('2021-12-31T16:00:00.000Z');
    });
  });

  describe('validation', () => {
    it.each(['2021-11', '2021-01', '2021-12', '0001-01'])('should accept %s as a month key', (value) => {
      expect(isMonthKey(value)).toBe(true);
    });

    it.each(['2021-13', '2021-00', '2021-1', '21-11', '2021-11-01', ' 2021-11', '2021/11', '0000-01', ''])(
      'should reject "%s" as a month key',
      (value) => {
        expect(isMonthKey(value)).toBe(false);
      },
    );

    it('should reject non-strings when validating keys', () => {
      expect(isMonthKey(202111)).toBe(false);
      expect(isDayKey(null)).toBe(false);
      expect(isDayKey(new Date())).toBe(false);
    });

    it.each(['2021-11-30', '2020-02-29', '2000-02-29', '2021-12-31'])('should accept %s as a day', (value) => {
      expect(isDayKey(value)).toBe(true);
    });

    it.each(['2021-02-30', '2021-02-29', '1900-02-29', '2021-04-31', '2021-11-00', '2021-11-1', '2021-13-01', '2021-11-30T00:00'])(
      'should reject "%s" as a day',
      (value) => {
        expect(isDayKey(value)).toBe(false);
      },
    );

    it('should parse keys into numbers and throw when they are malformed', () => {
      expect(parseMonthKey('2021-11')).toEqual({ year: 2021, month: 11 });
      expect(parseDayKey('2021-11-30')).toEqual({ year: 2021, month: 11, day: 30 });
      expect(() => parseMonthKey('2021-13')).toThrow(/not a month/);
      expect(() => parseDayKey('2021-02-30')).toThrow(/not a day/);
    });

    it('should build padded keys and refuse impossible parts', () => {
      expect(monthKey(2021, 3)).toBe('2021-03');
      expect(dayKey(2021, 3, 7)).toBe('2021-03-07');
      expect(() => monthKey(2021, 0)).toThrow(RangeError);
      expect(() => monthKey(2021, 1.5)).toThrow(RangeError);
      expect(() => monthKey(10_000, 1)).toThrow(RangeError);
      expect(() => dayKey(2021, 2, 29)).toThrow(/does not exist/);
    });
  });

  describe('month arithmetic', () => {
    it('should step back across the year boundary when the month is January', () => {
      expect(previousMonth('2021-01')).toBe('2020-12');
      expect(previousMonth('2021-11')).toBe('2021-10');
      expect(nextMonth('2021-12')).toBe('2022-01');
    });

    it('should give the same month of the previous year when computing 同比', () => {
      expect(sameMonthLastYear('2021-11')).toBe('2020-11');
      expect(sameMonthLastYear('2020-02')).toBe('2019-02');
    });

    it('should move by any number of months when given an offset', () => {
      expect(addMonths('2021-11', 14)).toBe('2023-01');
      expect(addMonths('2021-11', -23)).toBe('2019-12');
      expect(addMonths('2021-11', 0)).toBe('2021-11');
      expect(() => addMonths('2021-11', 0.5)).toThrow(RangeError);
    });

    it('should list January to the month when asked for the months of 年累计', () => {
      expect(monthsOfYearTo('2021-03')).toEqual(['2021-01', '2021-02', '2021-03']);
      expect(monthsOfYearTo('2021-01')).toEqual(['2021-01']);
      expect(monthsOfYearTo('2021-12')).toHaveLength(12);
    });

    it('should count and list months when given a range across years', () => {
      expect(monthsBetween('2020-11', '2021-02')).toBe(3);
      expect(monthsBetween('2021-02', '2020-11')).toBe(-3);
      expect(monthRange('2020-11', '2021-02')).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
      expect(monthRange('2021-02', '2020-11')).toEqual([]);
    });

    it('should give the month of a day and refuse an impossible day', () => {
      expect(monthOfDay('2021-11-30')).toBe('2021-11');
      expect(() => monthOfDay('2021-11-31')).toThrow(RangeError);
    });
  });

  describe('days', () => {
    it('should know February of leap and common years when computing month lengths', () => {
      expect(daysInMonth('2020-02')).toBe(29);
      expect(daysInMonth('2021-02')).toBe(28);
      expect(daysInMonth('1900-02')).toBe(28);
      expect(daysInMonth('2000-02')).toBe(29);
      expect(daysInMonth('2021-11')).toBe(30);
      expect(daysInMonth('2021-12')).toBe(31);
    });

    it('should move a day across months, leap days and years when adding days', () => {
      expect(addDays('2021-11-30', 1)).toBe('2021-12-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
      expect(addDays('2021-12-25', 10)).toBe('2022-01-04');
      expect(addDays('2021-01-05', 0)).toBe('2021-01-05');
      expect(() => addDays('2021-02-30', 1)).toThrow(RangeError);
      expect(() => addDays('2021-02-03', 0.5)).toThrow(RangeError);
    });

    it('should give the first and last day of a month', () => {
      expect(firstDayOfMonth('2021-11')).toBe('2021-11-01');
      expect(lastDayOfMonth('2021-11')).toBe('2021-11-30');
      expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
      expect(() => firstDayOfMonth('2021-13')).toThrow(RangeError);
    });

    it('should list every day of a month in order', () => {
      const days = daysOfMonth('2021-02');
      expect(days).toHaveLength(28);
      expect(days[0]).toBe('2021-02-01');
      expect(days[27]).toBe('2021-02-28');
    });

    it('should count the day of the year when computing the daily 序时进度', () => {
      expect(dayOfYear('2021-01-01')).toBe(1);
      expect(dayOfYear('2021-11-30')).toBe(334);
      expect(dayOfYear('2021-12-31')).toBe(daysInYear(2021));
      expect(dayOfYear('2020-12-31')).toBe(366);
      expect(isLeapYear(2024)).toBe(true);
      expect(isLeapYear(2100)).toBe(false);
    });
  });
});
