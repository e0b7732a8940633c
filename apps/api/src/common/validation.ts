import { UnprocessableEntityException, type ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldError } from '@app/contracts';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
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
