import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../auth/authenticated-request.js';
import { CHECK_UPLOAD_LIMITS, UnpackRefused } from './sheets/unpack.js';
import { uploadProblem } from '../common/upload-errors.js';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * The limits of POST /self-evaluations/check/files in the one error shape: a file past the size limit and too
 * many files (413, saying the limit), a zip with too many entries or unpacking past its limit (a zip bomb: 413),
 * a zip that cannot be opened (422).
 */
@Catch(PayloadTooLargeException, BadRequestException, UnpackRefused)
export class CheckUploadFilter implements ExceptionFilter {
  catch(exception: PayloadTooLargeException | BadRequestException | UnpackRefused, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = request.id != null ? String(request.id) : undefined;
    const send = (status: number, code: string, message: string, messageEn: string, params: Record<string, string | number>, field = 'files') =>
      void reply.status(status).send({ statusCode: status, code, message, messageEn, params, errors: [{ field, code, message, messageEn, params }], requestId });

    if (exception instanceof UnpackRefused) {
      const { problem, fileName } = exception;
      if (problem.code === 'TOO_MANY_ZIP_ENTRIES') {
        send(413, problem.code, `压缩包“${fileName}”中的表格超过 ${problem.limit} 个`, `The zip "${fileName}" holds more than ${problem.limit} tables`, { maxEntries: problem.limit, fileName });
      } else if (problem.code === 'ZIP_TOO_LARGE_UNPACKED') {
        send(413, problem.code, `压缩包“${fileName}”解压后超过 ${mb(problem.limit)} MB 的上限`, `The zip "${fileName}" unpacks to more than the limit of ${mb(problem.limit)} MB`, { limitBytes: problem.limit, limitMb: mb(problem.limit), fileName });
      } else {
        send(422, problem.code, `压缩包“${fileName}”无法打开`, `The zip "${fileName}" cannot be opened`, { fileName });
      }
      return;
    }
    const cause = (exception as { cause?: { code?: string } }).cause?.code;
    const problem = uploadProblem(exception);
    if (exception instanceof PayloadTooLargeException || cause === 'LIMIT_FILE_SIZE') {
      const limit = CHECK_UPLOAD_LIMITS.fileBytes;
      send(413, 'FILE_TOO_LARGE', `单个文件超过 ${mb(limit)} MB 的上限`, `A file is larger than the limit of ${mb(limit)} MB`, { limitBytes: limit, limitMb: mb(limit) });
    } else if (cause === 'LIMIT_FILE_COUNT' || cause === 'LIMIT_UNEXPECTED_FILE') {
      const limit = CHECK_UPLOAD_LIMITS.files;
      send(413, 'TOO_MANY_FILES', `一次最多上传 ${limit} 个文件（或一个 zip 压缩包）`, `At most ${limit} files (or one zip) at a time`, { maxFiles: limit });
    } else if (problem) {
      send(400, 'BAD_REQUEST', problem.message, problem.messageEn, {});
    } else {
      const text = typeof exception.message === 'string' ? exception.message : 'Bad request';
      send(400, 'BAD_REQUEST', `上传的内容无法读取：${text}`, `The upload cannot be read: ${text}`, {});
    }
  }
}
