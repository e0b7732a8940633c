import { UnprocessableEntityException, type ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldError } from '@app/contracts';

const HAS_CHINESE = /[\u4e00-\u9fff]/;
// The limit in class-validator's default messages ("months must not be greater than 60").
const LAST_NUMBER = /(-?\d+(?:\.\d+)?)(?!.*\d)/;

// Chinese for class-validator's rules, so that a 422 reads in both UI languages like the rest of the
// API ("English / 中文"); the English text keeps the field name and the rule's own wording.
const CHINESE_BY_RULE: Record<string, (limit: string | undefined) => string> = {
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '须为文本',
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isBoolean: () => '须为 true 或 false',
  isIn: () => '不是允许的取值',
  isEnum: () => '不是允许的取值',
  matches: () => '格式不正确',
  isUuid: () => '须为有效的 ID',
  isArray: () => '须为列表',
  isObject: () => '须为对象',
  arrayNotEmpty: () => '不能为空',
  min: (limit) => `不能小于 ${limit}`,
  max: (limit) => `不能大于 ${limit}`,
  minLength: (limit) => `至少 ${limit} 个字符`,
  maxLength: (limit) => `最多 ${limit} 个字符`,
  arrayMinSize: (limit) => `至少 ${limit} 项`,
  arrayMaxSize: (limit) => `最多 ${limit} 项`,
  whitelistValidation: () => '不是可接受的字段',
};

/** A rule's message in English and Chinese; a message that already has Chinese is kept as written. */
export function bilingualMessage(rule: string, message: string): string {
  if (HAS_CHINESE.test(message)) return message;
  const chinese = CHINESE_BY_RULE[rule === 'isUUID' ? 'isUuid' : rule];
  return chinese ? `${message} / ${chinese(LAST_NUMBER.exec(message)?.[1])}` : message;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, message: bilingualMessage(rule, message) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields dropped, types converted, and 422 naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    stopAtFirstError: true, // one message per field, the first rule it breaks
    exceptionFactory: (errors) =>
      new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: flatten(errors) }),
  });
}
