import { Body, Controller, HttpCode, Post, Res, UnprocessableEntityException, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { FilesInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_ERROR_CODES, type SelfEvaluationFilesCheckResponse } from '@app/contracts';
import { SelfEvaluationCheckService } from './self-evaluation-check.service.js';
import { SelfEvaluationFilesService } from './self-evaluation-files.service.js';
import { ReviewExportDto, SelfEvaluationCheckDto, SelfEvaluationCheckResponseDto } from './dto/self-evaluation-check.dto.js';
import { CONTENT_TYPES, decodeUploadFileName } from '../spreadsheets/download.js';
import { CheckUploadFilter } from './check-upload.filter.js';
import { CHECK_UPLOAD_LIMITS } from './sheets/unpack.js';

@ApiTags('self-evaluations')
@ApiBearerAuth()
@Controller({ path: 'self-evaluations', version: '1' })
export class SelfEvaluationCheckController {
  constructor(
    private readonly service: SelfEvaluationCheckService,
    private readonly files: SelfEvaluationFilesService,
  ) {}

  // Any signed-in role: nothing is read or stored, the table comes in the request.
  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a filled 项目支出绩效自评表 as printed: recomputed rates, scores, total and grade, and every disagreement' })
  checkSelfEvaluationTable(@Body() body: SelfEvaluationCheckDto): SelfEvaluationCheckResponseDto {
    return this.service.checkTable(body);
  }

  @Post('check/files')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiOperation({
    summary: 'Check filled 自评表 files: XLSX or CSV (Sichuan 510000_0013zp, MoF, Hubei forms and this project’s own export), several at once or one zip',
    description: `Limits: ${CHECK_UPLOAD_LIMITS.files} files, ${CHECK_UPLOAD_LIMITS.fileBytes / 1024 / 1024} MB each (413); a zip of at most ${CHECK_UPLOAD_LIMITS.zipEntries} tables unpacking to at most ${CHECK_UPLOAD_LIMITS.zipUnpackedBytes / 1024 / 1024} MB (413).`,
  })
  @UseFilters(new CheckUploadFilter())
  @UseInterceptors(FilesInterceptor('files', CHECK_UPLOAD_LIMITS.files, { limits: { fileSize: CHECK_UPLOAD_LIMITS.fileBytes, files: CHECK_UPLOAD_LIMITS.files } }))
  checkSelfEvaluationFiles(@UploadedFiles() uploads?: Array<{ buffer: Buffer; originalname: string }>): Promise<SelfEvaluationFilesCheckResponse> {
    if (!uploads || uploads.length === 0) {
      throw new UnprocessableEntityException({
        statusCode: 422, code: API_ERROR_CODES.VALIDATION_FAILED, message: '请选择至少一个自评表文件', messageEn: 'Choose at least one file',
        errors: [{ field: 'files', code: 'REQUIRED', message: '请选择至少一个 XLSX/CSV 文件或一个 zip', messageEn: 'at least one XLSX/CSV file or one zip is required' }],
      });
    }
    return this.files.checkFiles(uploads.map((u) => ({ fileName: decodeUploadFileName(u.originalname), buffer: u.buffer })));
  }

  @Post('check/review.xlsx')
  @HttpCode(200)
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOperation({ summary: 'The review of several checked files as XLSX: one line per file (project, unit, total, grade, errors, warnings) and every finding in words; each table is checked again' })
  async exportReview(@Body() body: ReviewExportDto, @Res() reply: FastifyReply): Promise<void> {
    await this.files.downloadReview(reply, body.files, body.language ?? 'zh');
  }
}

