import { HttpException } from '@nestjs/common';

/**
 * The upload interceptors' refusals (multer's codes, which @nestjs/platform-fastify keeps, and the
 * multipart parser's messages) in both languages; their own text is English only.
 */
const BY_CODE: Record<string, [string, string]> = {
  LIMIT_PART_COUNT: ['上传的表单部分过多', 'Too many parts in the upload'],
  LIMIT_FILE_COUNT: ['一次上传的文件过多', 'Too many files in one upload'],
  LIMIT_FIELD_KEY: ['表单字段名过长', 'A form field name is too long'],
  LIMIT_FIELD_VALUE: ['表单字段的值过长', 'A form field value is too long'],
  LIMIT_FIELD_COUNT: ['表单字段过多', 'Too many form fields'],
  LIMIT_UNEXPECTED_FILE: ['上传了本接口不接受的文件字段', 'A file came in a field this upload does not take'],
  MISSING_FIELD_NAME: ['表单字段缺少名称', 'A form field has no name'],
  LIMIT_FIELD_NESTING: ['表单字段名不可接受', 'A form field name is not acceptable'],
  LIMIT_FIELD_ARRAY_INDEX: ['表单字段名不可接受', 'A form field name is not acceptable'],
  INVALID_FIELD_NAME: ['表单字段名不可接受', 'A form field name is not acceptable'],
  LIMIT_JSON_FIELDS_SIZE: ['表单字段的内容过大', 'The form fields are too large'],
};
const BY_MESSAGE: Record<string, [string, string]> = {
  'Multipart: Boundary not found': ['上传内容不是完整的 multipart/form-data（找不到分隔符）', 'The upload is not complete multipart/form-data (no boundary)'],
  'Multipart: Unexpected end of form': ['上传没有传完：表单在中途结束', 'The upload ended before the form was complete'],
  'Multipart: Unexpected end of file': ['上传没有传完：文件在中途结束', 'The upload ended before the file was complete'],
};

/** A refused upload's problem in both languages (and the form field it concerns), or undefined for any other error. */
export function uploadProblem(exception: unknown): { message: string; messageEn: string; field?: string } | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 400) return undefined;
  const cause = exception.cause as { name?: string; code?: unknown; field?: unknown } | undefined;
  const byCode = cause?.name === 'MultipartError' && typeof cause.code === 'string' ? BY_CODE[cause.code] : undefined;
  const texts = byCode ?? BY_MESSAGE[exception.message];
  if (!texts) return undefined;
  const field = typeof cause?.field === 'string' ? cause.field : undefined;
  return { message: texts[0], messageEn: texts[1], ...(field ? { field } : {}) };
}
