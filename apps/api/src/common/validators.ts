import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Business years the api accepts anywhere (a target, a budget, a ranking month, a day). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
/** The largest value a PostgreSQL integer column holds; counts and sort keys are refused above it. */
export const MAX_INT4 = 2_147_483_647;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A real day of the calendar as YYYY-MM-DD (2026-02-30 and 0000-01-01 are refused). */
export function isCalendarDay(value: unknown): boolean {
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month as YYYY-MM of a business year (0000-01 and 2021-13 are refused). */
export function isMonthKey(value: unknown): boolean {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  if (!match) return false;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

const decorator = (name: string, test: (value: unknown) => boolean, defaultMessage: string) => (options?: ValidationOptions) =>
  (target: object, propertyName: string) =>
    registerDecorator({ name, target: target.constructor, propertyName, options, validator: { validate: test, defaultMessage: () => defaultMessage } });

export const IsCalendarDay = decorator('isCalendarDay', isCalendarDay, '$property must be a day of the calendar as YYYY-MM-DD');
export const IsMonthKey = decorator('isMonthKey', isMonthKey, '$property must be a month as YYYY-MM');
