import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { type FieldError } from '@app/contracts';

/** 422 in the API's error shape, naming each bad field. */
export function invalid(errors: FieldError[], message = 'Validation failed / 输入有误'): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, message, errors });
}

export function invalidField(field: string, message: string): UnprocessableEntityException {
  return invalid([{ field, message }]);
}

export function conflict(field: string, message: string): ConflictException {
  return new ConflictException({ statusCode: 409, message, errors: [{ field, message }] });
}
