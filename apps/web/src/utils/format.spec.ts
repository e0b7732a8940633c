import { describe, expect, it } from '@jest/globals';
import { beijingYear, formatDateTime, formatInteger, parseCount, shanghaiClock, toWan } from './format';

describe('format', () => {
  describe('formatInteger', () => {
    it('should group thousands when given a count', () => {
      expect(formatInteger(149000)).toBe('149,000');
    });
    it('should show a dash when the value is missing', () => {
      expect(formatInteger(null)).toBe('—');
      expect(formatInteger(undefined)).toBe('—');
    });
  });

  describe('toWan', () => {
    it('should read 149000 as 14.9 (万) when the value is large', () => {
      expect(toWan(149000)).toBe('14.9');
      expect(toWan(80000)).toBe('8');
      expect(toWan(123456)).toBe('12.35');
    });
    it('should give no hint when the value is below 10,000 or missing', () => {
      expect(toWan(68)).toBeNull();
      expect(toWan(null)).toBeNull();
    });
  });

  describe('parseCount', () => {
    it('should accept plain, grouped and 万 input', () => {
      expect(parseCount('149000')).toBe(149000);
      expect(parseCount(' 149,000 ')).toBe(149000);
      expect(parseCount('14.9万')).toBe(149000);
      expect(parseCount('20.15万')).toBe(201500);
    });
    it('should return null when the input is empty', () => {
      expect(parseCount('')).toBeNull();
      expect(parseCount('  ')).toBeNull();
      expect(parseCount(null)).toBeNull();
    });
    it('should return NaN when the input is not a whole number ≥ 0', () => {
      expect(parseCount('abc')).toBeNaN();
      expect(parseCount('-3')).toBeNaN();
      expect(parseCount('1.5')).toBeNaN();
      expect(parseCount(2.5)).toBeNaN();
    });
  });

  describe('shanghaiClock', () => {
    it('should show the Shanghai wall clock when the machine runs in UTC', () => {
      expect(shanghaiClock(new Date('2021-11-30T16:05:09Z'))).toEqual({ date: '2021-12-01', time: '00:05:09', weekday: 3 });
    });
  });

  describe('beijingYear', () => {
    it('should turn the year at midnight in Beijing, eight hours before UTC does', () => {
      expect(beijingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
      expect(beijingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    });
  });

  describe('formatDateTime', () => {
    it('should show a dash when the timestamp is missing', () => {
      expect(formatDateTime(null)).toBe('—');
    });
    it('should show Beijing time to the minute whatever the zone it runs in', () => {
      expect(formatDateTime('2026-11-26T06:50:18.126Z')).toBe('2026-11-26 14:50');
      expect(formatDateTime('2026-11-26T16:05:00Z')).toBe('2026-11-27 00:05'); // already the next day in Beijing
      expect(formatDateTime('2026-11-26T23:59:00+08:00')).toBe('2026-11-26 23:59');
    });
  });
});
