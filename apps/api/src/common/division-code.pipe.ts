import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from './validation.js';

/** A route parameter that must be a six-digit GB/T 2260 division code. */
@Injectable()
export class DivisionCodePipe implements PipeTransform<string, string> {
  transform(value: string, metadata?: ArgumentMetadata): string {
    if (!/^\d{6}$/.test(value)) {
      const field = `${metadata?.type === 'query' ? 'query' : 'path'}.${metadata?.data ?? 'code'}`;
      throw validationFailed([{ field, code: 'BAD_DIVISION_CODE', message: '须为 6 位区划代码，如 510403', messageEn: `${field} must be a 6-digit division code such as 510403` }]);
    }
    return value;
  }
}
