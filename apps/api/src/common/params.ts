import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { validationFailed } from './validation.js';
import { MAX_YEAR, MIN_YEAR } from './validators.js';

/**
 * Path parameters checked with their name in the error (`path.id`), unlike Nest's ParseUUIDPipe
 * and ParseIntPipe ("Validation failed (uuid is expected)").
 */
const fieldOf = (metadata: ArgumentMetadata) => `${metadata.type === 'query' ? 'query' : 'path'}.${metadata.data ?? 'value'}`;

@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    const field = fieldOf(metadata);
    throw validationFailed([{ field, code: 'NOT_UUID', message: '须为有效的 ID', messageEn: `${field} must be a UUID` }]);
  }
}

/** A year in a path (`/targets/510403/2022/...`): an integer from 1900 to 2999. */
@Injectable()
export class ParseYearPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (year >= MIN_YEAR && year <= MAX_YEAR) return year;
    const field = fieldOf(metadata);
    throw validationFailed([{
      field, code: 'BAD_YEAR', params: { min: MIN_YEAR, max: MAX_YEAR },
      message: `须为 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的年份`, messageEn: `${field} must be a year from ${MIN_YEAR} to ${MAX_YEAR}`,
    }]);
  }
}
