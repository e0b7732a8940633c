import { type ArgumentMetadata, UnprocessableEntityException, type ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldError } from '@app/contracts';
import { fieldPrefix, type InputLocation } from './input-text.js';
import { splitMessage } from './messages.js';

// The limit in class-validator's default messages ("months must not be greater than 60").
const LAST_NUMBER = /(-?\d+(?:\.\d+)?)(?!.*\d)/;

/** A stable code and the Chinese of each class-validator rule (the English is the rule's own message). */
const RULES: Record<string, { code: string; zh: (limit: string | undefined) => string }> = {
  isDefined: { code: 'REQUIRED', zh: () => '必填' },
  isNotEmpty: { code: 'REQUIRED', zh: () => '不能为空' },
  arrayNotEmpty: { code: 'REQUIRED', zh: () => '不能为空' },
  isString: { code: 'NOT_TEXT', zh: () => '须为文本' },
  isInt: { code: 'NOT_INTEGER', zh: () => '须为整数' },
  isNumber: { code: 'NOT_NUMBER', zh: () => '须为数字' },
  isBoolean: { code: 'NOT_BOOLEAN', zh: () => '须为 true 或 false' },
  isIn: { code: 'NOT_ALLOWED', zh: () => '不是允许的取值' },
  isEnum: { code: 'NOT_ALLOWED', zh: () => '不是允许的取值' },
  matches: { code: 'BAD_FORMAT', zh: () => '格式不正确' },
  isUuid: { code: 'NOT_UUID', zh: () => '须为有效的 ID' },
  isArray: { code: 'NOT_LIST', zh: () => '须为列表' },
  isObject: { code: 'NOT_OBJECT', zh: () => '须为对象' },
  isIso8601: { code: 'BAD_DATE', zh: () => '须为有效的日期' },
  isCalendarDay: { code: 'BAD_DATE', zh: () => '须为有效的日期（YYYY-MM-DD）' },
  isMonthKey: { code: 'BAD_MONTH', zh: () => '须为有效的月份（YYYY-MM）' },
  min: { code: 'TOO_SMALL', zh: (limit) => `不能小于 ${limit}` },
  max: { code: 'TOO_LARGE', zh: (limit) => `不能大于 ${limit}` },
  minLength: { code: 'TOO_SHORT', zh: (limit) => `至少 ${limit} 个字符` },
  maxLength: { code: 'TOO_LONG', zh: (limit) => `最多 ${limit} 个字符` },
  arrayMinSize: { code: 'TOO_FEW', zh: (limit) => `至少 ${limit} 项` },
  arrayMaxSize: { code: 'TOO_MANY', zh: (limit) => `最多 ${limit} 项` },
  whitelistValidation: { code: 'UNKNOWN_FIELD', zh: () => '不是可接受的字段' },
  nestedValidation: { code: 'NOT_OBJECT', zh: () => '须为对象' },
};
const ruleOf = (name: string) => RULES[name === 'isUUID' ? 'isUuid' : name === 'isISO8601' ? 'isIso8601' : name];

/** One field error of a class-validator rule: a stable code, Chinese in `message`, English in `messageEn`. */
export function fieldError(field: string, rule: string, text: string): FieldError {
  const known = ruleOf(rule);
  const { zh, en } = splitMessage(text);
  return {
    field,
    code: known?.code ?? 'INVALID',
    message: zh ?? known?.zh(LAST_NUMBER.exec(text)?.[1]) ?? '输入有误',
    messageEn: en ?? text,
  };
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => fieldError(field, rule, message));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Carries class-validator's errors from the factory to `transform`, which knows where they came from. */
class ValidationErrors extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], InputLocation>> = { body: 'body', query: 'query', param: 'path' };

export function validationFailed(errors: FieldError[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, code: 'VALIDATION_FAILED', message: '输入有误', messageEn: 'Validation failed', errors });
}

const REMEMBERED_QUERIES = 5_000;
// A longer query (extra fields the DTO drops, say) is validated every time, so the memory stays within ~5 MB.
const REMEMBERED_QUERY_LENGTH = 1_000;

/** A query of flat text values (?division=510403&month=2024-03), the only kind whose validation is remembered. */
const isFlatTextRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/** The global pipe: unknown fields dropped, types converted, and 422 naming every bad field (`title`, `query.month`, `path.id`). */
class ApiValidationPipe extends ValidationPipe {
  // The same query strings come again and again (a district's panel asked by all its users, a screen that
  // polls), and class-validator's lookup of a class's rules was ~8 % of a cached panel's CPU. The rules are
  // pure functions of the text (no clock, no database), so a query that passed once passes the same way:
  // its DTO is remembered (flat text queries only, successes only) and each request gets its own copy.
  private readonly queries = new Map<string, { metatype: unknown; fields: Record<string, unknown> }>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    const text = metadata.type === 'query' && typeof metatype === 'function' && isFlatTextRecord(value) ? JSON.stringify(value) : null;
    const key = text !== null && text.length <= REMEMBERED_QUERY_LENGTH ? `${(metatype as { name: string }).name}|${text}` : null;
    const known = key === null ? undefined : this.queries.get(key);
    if (known && known.metatype === metatype) return Object.assign(Object.create((metatype as { prototype: object }).prototype) as object, known.fields);
    const result = await this.validated(value, metadata);
    if (key !== null && typeof result === 'object' && result !== null && Object.values(result).every((v) => v === null || typeof v !== 'object')) {
      if (this.queries.size >= REMEMBERED_QUERIES) this.queries.delete(this.queries.keys().next().value!);
      this.queries.set(key, { metatype, fields: { ...result } });
    }
    return result;
  }

  private async validated(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof ValidationErrors)) throw error;
      const location = LOCATIONS[metadata.type] ?? 'body';
      const base = fieldPrefix(location);
      const prefix = metadata.data ? (base ? `${base}.${metadata.data}` : metadata.data) : base;
      throw validationFailed(flatten(error.errors, prefix));
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    transform: true,
    stopAtFirstError: true, // one message per field, the first rule it breaks
    exceptionFactory: (errors) => new ValidationErrors(errors),
  });
}
