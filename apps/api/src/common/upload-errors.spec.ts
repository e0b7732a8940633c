import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { uploadProblem } from './upload-errors.js';

describe('uploadProblem', () => {
  it('should word the upload interceptors’ refusals in both languages, by their multer code or the parser’s message', () => {
    const limit = Object.assign(new Error('Too many fields'), { name: 'MultipartError', code: 'LIMIT_FIELD_COUNT', field: 'dataset' });
    expect(uploadProblem(new BadRequestException('Too many fields - dataset', { cause: limit }))).toEqual({ message: '表单字段过多', messageEn: 'Too many form fields', field: 'dataset' });
    expect(uploadProblem(new BadRequestException('Multipart: Unexpected end of form', { cause: new Error('Unexpected end of form') }))).toMatchObject({ message: '上传没有传完：表单在中途结束' });
  });

  it('should leave every other error to the exception filter', () => {
    expect(uploadProblem(new BadRequestException('Something else'))).toBeUndefined();
    expect(uploadProblem(new PayloadTooLargeException('File too large'))).toBeUndefined();
    expect(uploadProblem(Object.assign(new Error('Too many fields'), { name: 'MultipartError', code: 'LIMIT_FIELD_COUNT' }))).toBeUndefined();
  });
});
