import { IsIn, IsInt, Matches, Max, MaxLength, MinLength } from 'class-validator';
import { UnprocessableEntityException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { createValidationPipe, fieldError } from './validation.js';
import { IsCalendarDay, IsMonthKey, isCalendarDay, isMonthKey } from './validators.js';
import { CleanInputPipe, cleanInput } from './input-text.js';
import { jsonDepth, parseJsonBody } from './body-parser.js';
import { parse as parseQuery } from 'fast-querystring';

class Query {
  @IsInt() @Max(60)
  months!: number;

  @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' })
  month!: string;

  @IsIn(['json', 'xlsx'])
  format!: string;

  @MinLength(8, { message: 'password must be at least 8 characters / 密码至少8位' }) @MaxLength(128)
  password!: string;
}

class Dates {
  @IsCalendarDay() day!: string;
  @IsMonthKey() month!: string;
}

const rejectionOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

describe('validation messages', () => {
  it('should give each rule a code, the Chinese with its limit in message and the English in messageEn', () => {
    expect(fieldError('months', 'max', 'months must not be greater than 60')).toEqual({ field: 'months', code: 'TOO_LARGE', message: '不能大于 60', messageEn: 'months must not be greater than 60' });
    expect(fieldError('id', 'isUUID', 'id must be a UUID')).toMatchObject({ code: 'NOT_UUID', message: '须为有效的 ID' });
    expect(fieldError('password', 'minLength', 'password must be at least 8 characters / 密码至少8位')).toMatchObject({ message: '密码至少8位', messageEn: 'password must be at least 8 characters' });
    expect(fieldError('phone', 'isPhoneNumber', 'phone must be a valid phone number')).toMatchObject({ code: 'INVALID', messageEn: 'phone must be a valid phone number' });
  });

  it('should answer 422 naming every bad field with its place in the request (query.month)', async () => {
    const error = await rejectionOf(createValidationPipe().transform({ months: 61, month: '2021/11', format: 'pdf', password: 'short' }, { type: 'query', metatype: Query }));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    const body = (error as UnprocessableEntityException).getResponse() as { code: string; errors: Array<{ field: string; code: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => [e.field, e.code])).toEqual([
      ['query.months', 'TOO_LARGE'], ['query.month', 'BAD_FORMAT'], ['query.format', 'NOT_ALLOWED'], ['query.password', 'TOO_SHORT'],
    ]);
  });

  it('should validate a repeated query the same way every time, each request getting its own DTO', async () => {
    class Page {
      @Matches(/^\d{4}-\d{2}$/) month!: string;
      @Type(() => Number) @IsInt() @Max(60) months = 12;
    }
    const pipe = createValidationPipe();
    const asQuery = { type: 'query' as const, metatype: Page };
    const first = (await pipe.transform({ month: '2024-03', months: '6' }, asQuery)) as Page;
    expect(first).toBeInstanceOf(Page);
    expect(first).toEqual({ month: '2024-03', months: 6 });
    first.months = 99; // a handler changing its DTO changes nobody else's
    const second = (await pipe.transform({ month: '2024-03', months: '6' }, asQuery)) as Page;
    expect(second).toBeInstanceOf(Page);
    expect(second).not.toBe(first);
    expect(second).toEqual({ month: '2024-03', months: 6 });
    // A bad query is refused every time it comes, with the same errors.
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(pipe.transform({ month: '2024-03', months: '61' }, asQuery));
      expect(((error as UnprocessableEntityException).getResponse() as { errors: Array<{ field: string; code: string }> }).errors.map((e) => [e.field, e.code])).toEqual([['query.months', 'TOO_LARGE']]);
    }
    // Another class of the same name is its own (the remembered DTO is never another class's).
    const Other = (() => {
      class Page {
        @Matches(/^x$/) month!: string;
      }
      return Page;
    })();
    await expect(pipe.transform({ month: '2024-03', months: '6' }, { type: 'query', metatype: Other })).rejects.toBeInstanceOf(UnprocessableEntityException);
  });

  it('should refuse impossible days and months', async () => {
    expect(['2026-02-28', '2024-02-29', '1900-01-01'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2026-02-30', '2023-02-29', '0000-01-01', '99999-01-01', '2021-13-01', '2021-1-01'].map(isCalendarDay)).toEqual([false, false, false, false, false, false]);
    expect(['2021-11', '0000-01', '2021-00', '2021-13', '99999-01'].map(isMonthKey)).toEqual([true, false, false, false, false]);
    const error = await rejectionOf(createValidationPipe().transform({ day: '2026-02-30', month: '0000-01' }, { type: 'body', metatype: Dates }));
    const body = (error as UnprocessableEntityException).getResponse() as { errors: Array<{ field: string; code: string }> };
    expect(body.errors.map((e) => [e.field, e.code])).toEqual([['day', 'BAD_DATE'], ['month', 'BAD_MONTH']]);
  });
});

describe('text input', () => {
  it('should NFC-normalise every string, keys and nested values included', () => {
    const { value, errors } = cleanInput({ 'cafe\u0301': ['e\u0301', { note: 'line 1\nline 2\tend' }] }, 'body');
    expect(errors).toEqual([]);
    expect(value).toEqual({ 'caf\u00e9': ['\u00e9', { note: 'line 1\nline 2\tend' }] });
  });

  it('should refuse NUL, control characters and lone surrogates, naming the field', () => {
    const { errors } = cleanInput({ username: 'admin\u0000', items: [{ title: 'a\ud800b' }], bell: '\u0007' }, 'body');
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['username', 'CONTROL_CHARACTER'], ['items[0].title', 'LONE_SURROGATE'], ['bell', 'CONTROL_CHARACTER'],
    ]);
    expect(cleanInput({ q: 'a\nb' }, 'query').errors.map((e) => e.field)).toEqual(['query.q']);
    expect(cleanInput('a\u{1F600}b', 'body').errors).toEqual([]); // a surrogate pair is fine
  });

  it('should look into query objects as Fastify parses them (their prototype is a bare null-prototype object), not into a Buffer or a Date', () => {
    const query = parseQuery('q=a%00b&month=2021-13');
    expect(Object.getPrototypeOf(Object.getPrototypeOf(query))).toBeNull();
    expect(cleanInput(query, 'query').errors.map((e) => [e.field, e.code])).toEqual([['query.q', 'CONTROL_CHARACTER']]);
    expect(cleanInput(Object.create(null) as object, 'query').errors).toEqual([]);
    const buffer = Buffer.from('\u0000');
    expect(cleanInput(buffer, 'body')).toEqual({ value: buffer, errors: [] });
    const day = new Date(0);
    expect(cleanInput({ day }, 'body').value).toEqual({ day });
  });

  it('should refuse prototype keys and name path parameters after themselves', () => {
    expect(cleanInput(JSON.parse('{"__proto__": {"admin": true}, "a": {"constructor": 1}}'), 'body').errors.map((e) => [e.field, e.code])).toEqual([
      ['__proto__', 'FORBIDDEN_KEY'], ['a.constructor', 'FORBIDDEN_KEY'],
    ]);
    const error = (() => { try { new CleanInputPipe().transform('x\u0000', { type: 'param', data: 'id' }); } catch (e) { return e; } })();
    expect(((error as UnprocessableEntityException).getResponse() as { errors: Array<{ field: string }> }).errors[0].field).toBe('path.id');
  });

  it('should take JSON bodies as the api does: UTF-8 only, no encoding, empty is {}, objects or arrays, bounded depth', () => {
    const json = { 'content-type': 'application/json' };
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":"西区"}'), { 'content-type': 'application/json; charset=UTF-8' })).toEqual({ a: '西区' });
    expect(parseJsonBody(Buffer.alloc(0), json)).toEqual({});
    expect(parseJsonBody(Buffer.from('  \n'), json)).toEqual({});
    expect(parseJsonBody(Buffer.from('[1]'), json)).toEqual([1]);
    const refusal = (body: string, headers: Record<string, string> = json) => {
      try {
        parseJsonBody(Buffer.from(body), headers);
      } catch (error) {
        return [(error as { status: number }).status, (error as { type: string }).type];
      }
      return undefined;
    };
    expect(refusal('{"a":', json)).toEqual([400, 'entity.parse.failed']);
    expect(refusal('"just a string"')).toEqual([400, 'entity.parse.failed']);
    expect(refusal('{}', { 'content-type': 'application/json; charset=ebcdic' })).toEqual([415, 'charset.unsupported']);
    expect(refusal('{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual([415, 'encoding.unsupported']);
    expect(refusal('['.repeat(40) + ']'.repeat(40))).toEqual([422, 'entity.too.deep']);
  });

  it('should measure JSON depth on the bytes, ignoring brackets in strings', () => {
    expect(jsonDepth(Buffer.from('{"a":[1,{"b":"[[[[{{{"}]}'))).toBe(3);
    expect(jsonDepth(Buffer.from('"\\"[["'))).toBe(0);
    expect(jsonDepth(Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)), 32)).toBe(33);
  });
});
