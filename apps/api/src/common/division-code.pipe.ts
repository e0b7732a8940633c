import { Injectable, type PipeTransform, UnprocessableEntityException } from '@nestjs/common';

/** A route parameter that must be a six-digit GB/T 2260 division code. */
@Injectable()
export class DivisionCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{6}$/.test(value)) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'Validation failed / 输入有误',
        errors: [{ field: 'code', message: 'must be a 6-digit division code such as 510403 / 须为 6 位区划代码，如 510403' }],
      });
    }
    return value;
  }
}
