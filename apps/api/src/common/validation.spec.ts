import { IsIn, IsInt, Matches, Max, MaxLength, MinLength } from 'class-validator';
import { UnprocessableEntityException } from '@nestjs/common';
import { bilingualMessage, createValidationPipe } from './validation.js';

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

describe('validation messages', () => {
  it('should add the Chinese of the rule, with its limit, to class-validator messages', () => {
    expect(bilingualMessage('max', 'months must not be greater than 60')).toBe('months must not be greater than 60 / 不能大于 60');
    expect(bilingualMessage('min', 'amount must not be less than -0.5')).toBe('amount must not be less than -0.5 / 不能小于 -0.5');
    expect(bilingualMessage('maxLength', 'note must be shorter than or equal to 500 characters')).toBe('note must be shorter than or equal to 500 characters / 最多 500 个字符');
    expect(bilingualMessage('isUUID', 'id must be a UUID')).toBe('id must be a UUID / 须为有效的 ID');
  });

  it('should keep a message that is already bilingual, and one of an unknown rule', () => {
    expect(bilingualMessage('minLength', 'password must be at least 8 characters / 密码至少8位')).toBe('password must be at least 8 characters / 密码至少8位');
    expect(bilingualMessage('isPhoneNumber', 'phone must be a valid phone number')).toBe('phone must be a valid phone number');
  });

  it('should answer 422 with a bilingual message per bad field from the global pipe', async () => {
    const pipe = createValidationPipe();
    const error = await pipe
      .transform({ months: 61, month: '2021/11', format: 'pdf', password: 'short' }, { type: 'query', metatype: Query })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect((error as UnprocessableEntityException).getResponse()).toEqual({
      statusCode: 422,
      message: 'Validation failed / 输入有误',
      errors: [
        { field: 'months', message: 'months must not be greater than 60 / 不能大于 60' },
        { field: 'month', message: 'month must be YYYY-MM / 格式不正确' },
        { field: 'format', message: 'format must be one of the following values: json, xlsx / 不是允许的取值' },
        { field: 'password', message: 'password must be at least 8 characters / 密码至少8位' },
      ],
    });
  });
});
