import { describe, expect, it } from '@jest/globals';
import { JOB_NAMES, jobTitle } from '@app/contracts';
import en from '../../../locales/en';
import zhCN from '../../../locales/zh-CN';
import { describeCron, formatDuration, jobCronVariable, jobEnabledVariable, runDuration } from './job-schedule';

describe('job-schedule', () => {
  describe('describeCron', () => {
    it('should read the default schedules of our jobs when given their crons', () => {
      expect(describeCron('0 * * * *')).toEqual({ key: 'hourly', params: { minute: 0 } });
      expect(describeCron('30 3 * * *')).toEqual({ key: 'daily', params: { time: '03:30' } });
      expect(describeCron('0 2 1 * *')).toEqual({ key: 'monthly', params: { days: [1], time: '02:00' } });
      expect(describeCron('15 1 * * *')).toEqual({ key: 'daily', params: { time: '01:15' } });
      expect(describeCron('0 7 * * *')).toEqual({ key: 'daily', params: { time: '07:00' } });
      expect(describeCron('0 8 3 * *')).toEqual({ key: 'monthly', params: { days: [3], time: '08:00' } });
      expect(describeCron('* * * * *')).toEqual({ key: 'everyMinutes', params: { n: 1 } });
    });
    it('should read steps, weekdays, lists and seconds when given other common shapes', () => {
      expect(describeCron('*/15 * * * *')).toEqual({ key: 'everyMinutes', params: { n: 15 } });
      expect(describeCron('5 */6 * * *')).toEqual({ key: 'everyHours', params: { n: 6, minute: 5 } });
      expect(describeCron('0 9 * * 1-5')).toEqual({ key: 'weekly', params: { days: [1, 2, 3, 4, 5], time: '09:00' } });
      expect(describeCron('0 9 * * 7')).toEqual({ key: 'weekly', params: { days: [0], time: '09:00' } });
      expect(describeCron('0 8 1,15 * *')).toEqual({ key: 'monthly', params: { days: [1, 15], time: '08:00' } });
      expect(describeCron('0 0 6 1 1 *')).toEqual({ key: 'yearly', params: { month: 1, day: 1, time: '06:00' } });
      expect(describeCron('0 30 3 * * *')).toEqual({ key: 'daily', params: { time: '03:30' } });
    });
    it('should give up when the expression is unusual or invalid', () => {
      expect(describeCron('0 9 * * MON')).toBeNull();
      expect(describeCron('61 * * * *')).toBeNull();
      expect(describeCron('0 25 * * *')).toBeNull();
      expect(describeCron('15 0 3 * * *')).toBeNull();
      expect(describeCron('@hourly')).toBeNull();
      expect(describeCron('0 9 1 * 1')).toBeNull();
    });
  });

  describe('formatDuration', () => {
    it('should pick a unit that reads well when given milliseconds', () => {
      expect(formatDuration(850)).toBe('850 ms');
      expect(formatDuration(12_400)).toBe('12.4 s');
      expect(formatDuration(185_000)).toBe('3 min 5 s');
      expect(formatDuration(120_000)).toBe('2 min');
      expect(formatDuration(7_260_000)).toBe('2 h 1 min');
    });
    it('should show a dash when the duration is unknown', () => {
      expect(formatDuration(null)).toBe('—');
      expect(formatDuration(-1)).toBe('—');
    });
  });

  describe('runDuration', () => {
    it('should measure to now when the run has not finished', () => {
      const startedAt = '2026-11-26T00:00:00.000Z';
      expect(runDuration({ startedAt, finishedAt: '2026-11-26T00:00:02.500Z' }, 0)).toBe(2500);
      expect(runDuration({ startedAt, finishedAt: null }, Date.parse(startedAt) + 4000)).toBe(4000);
    });
  });

  describe('job variables', () => {
    it('should name the settings of a job when given its name', () => {
      expect(jobEnabledVariable('platform-sync')).toBe('JOB_PLATFORM_SYNC_ENABLED');
      expect(jobCronVariable('monthly-close')).toBe('JOB_MONTHLY_CLOSE_CRON');
    });
  });

  describe('the jobs in words', () => {
    it('should give every job the API runs a title and a description in both languages, and words for every-minute', () => {
      const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      for (const messages of [zhCN, en]) {
        expect(JOB_NAMES.filter((name) => !(messages.jobs.descriptions as Record<string, string>)[camel(name)])).toEqual([]);
        expect(messages.jobs.cronWords.everyMinute).toBeTruthy();
      }
      expect(JOB_NAMES.map((name) => jobTitle(name, true)).filter((title) => !/[\u4e00-\u9fff]/.test(title))).toEqual([]);
      expect(JOB_NAMES.map((name) => jobTitle(name, false)).filter((title) => /[-_]|[\u4e00-\u9fff]/.test(title))).toEqual([]);
      expect(jobTitle('notify-delivery', true)).toBe('通知发送');
      expect(jobTitle('some-test-job', false)).toBe('some-test-job');
    });
  });
});
