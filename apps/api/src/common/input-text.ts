import { type ArgumentMetadata, Injectable, type PipeTransform, UnprocessableEntityException } from '@nestjs/common';
import { type FieldError } from '@app/contracts';

/**
 * The one rule for text that reaches the api (JSON bodies, query and path parameters, and the
 * fields of multipart forms), applied before validation so no service ever sees it otherwise:
 * every string is NFC-normalised (so "é" typed two ways is one value in the database and in a
 * search), and a string holding NUL, another C0/C1 control character or a lone UTF-16 surrogate is
 * refused with 422 naming the field. PostgreSQL cannot store NUL in text (it answered 500) and a
 * lone surrogate is not Unicode at all. Tab, newline and carriage return are allowed in bodies
 * (descriptions, notes) but not in query or path parameters, which are one line by nature.
 * Keys that would reach an object's prototype (`__proto__`, `constructor`, `prototype`) are refused too.
 */

export const INPUT_CODES = {
  CONTROL_CHARACTER: 'CONTROL_CHARACTER',
  LONE_SURROGATE: 'LONE_SURROGATE',
  FORBIDDEN_KEY: 'FORBIDDEN_KEY',
  TOO_DEEP: 'TOO_DEEP',
} as const;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 except tab, LF, CR; DEL; C1. And the same with tab/LF/CR for one-line values.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Deeper than any DTO of the api; the JSON parser refuses deeper bodies before they are parsed. */
export const MAX_INPUT_DEPTH = 32;

export type InputLocation = 'body' | 'query' | 'path';

const joinField = (prefix: string, key: string | number) =>
  typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;

/** The prefix a field of each part of the request carries in an error: `title`, `query.month`, `path.id`. */
export const fieldPrefix = (location: InputLocation): string => (location === 'body' ? '' : location);

function checkString(value: string, field: string, location: InputLocation, errors: FieldError[]): string {
  if (LONE_SURROGATE.test(value)) {
    errors.push({ field, code: INPUT_CODES.LONE_SURROGATE, message: '含有无效的 Unicode 字符（孤立代理项）', messageEn: `${field} contains an invalid Unicode character (a lone surrogate)` });
    return value;
  }
  const normalized = value.normalize('NFC');
  const control = (location === 'body' ? CONTROL_MULTILINE : CONTROL_ONE_LINE).exec(normalized);
  if (control) {
    const codePoint = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    errors.push({
      field, code: INPUT_CODES.CONTROL_CHARACTER, params: { character: codePoint },
      message: `含有不允许的控制字符 ${codePoint}`, messageEn: `${field} contains the control character ${codePoint}, which is not allowed`,
    });
  }
  return normalized;
}

/**
 * Walks a value (recursively) and returns it with every string NFC-normalised; collects an error
 * per offending field. Arrays and plain objects are copied, other objects (a Buffer, a Date) kept.
 */
export function cleanInput(value: unknown, location: InputLocation, field = fieldPrefix(location), errors: FieldError[] = [], depth = 0): { value: unknown; errors: FieldError[] } {
  if (typeof value === 'string') return { value: checkString(value, field || 'value', location, errors), errors };
  if (value === null || typeof value !== 'object') return { value, errors };
  if (depth > MAX_INPUT_DEPTH) {
    errors.push({ field: field || 'body', code: INPUT_CODES.TOO_DEEP, params: { maxDepth: MAX_INPUT_DEPTH }, message: `嵌套超过 ${MAX_INPUT_DEPTH} 层`, messageEn: `nested deeper than ${MAX_INPUT_DEPTH} levels` });
    return { value, errors };
  }
  if (Array.isArray(value)) {
    return { value: value.map((item, index) => cleanInput(item, location, joinField(field, index), errors, depth + 1).value), errors };
  }
  // Plain: an object literal, a null-prototype object, or one whose prototype is itself a bare
  // null-prototype object (the query objects of Fastify's parser are made that way).
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return { value, errors };
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = joinField(field, key);
    if (PROTOTYPE_KEYS.has(key)) {
      errors.push({ field: at, code: INPUT_CODES.FORBIDDEN_KEY, message: '不是可接受的字段名', messageEn: `${key} is not an acceptable field name` });
      continue;
    }
    checkString(key, at, 'query', errors); // a key is one line, whatever part of the request it is in
    copy[key.normalize('NFC')] = cleanInput(item, location, at, errors, depth + 1).value;
  }
  return { value: copy, errors };
}

export function inputRejected(errors: FieldError[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, code: 'VALIDATION_FAILED', message: '输入有误', messageEn: 'Validation failed', errors });
}

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], InputLocation>> = { body: 'body', query: 'query', param: 'path' };

/** The global pipe of the rule above; it runs before the validation pipe. */
@Injectable()
export class CleanInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const location = LOCATIONS[metadata.type];
    if (!location) return value;
    // `@Query('month')` / `@Param('id')` hand over one value: name it after its parameter.
    const field = metadata.data ? joinField(fieldPrefix(location), metadata.data) : fieldPrefix(location);
    const { value: cleaned, errors } = cleanInput(value, location, field);
    if (errors.length > 0) throw inputRejected(errors);
    return cleaned;
  }
}
