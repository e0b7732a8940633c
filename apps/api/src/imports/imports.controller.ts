import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { CreateImportDto, ImportBatchDetailDto, ImportBatchPageDto, ImportResultDto, QueryImportsDto, TemplateQueryDto } from './dto/import.dto.js';
import { buildCsvTemplate, buildXlsxTemplate, templateFileName } from './import-template.js';
import { RemoveUploadInterceptor, type UploadedImportFile } from './import-uploads.js';
import { ImportHistoryService } from './import-history.service.js';
import { ImportsService } from './imports.service.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionScope } from '../auth/division-scope.js';
import { CONTENT_TYPES, decodeUploadFileName, sendDownload } from '../spreadsheets/download.js';
import { fileMissing } from '../spreadsheets/file-rejection.js';
import { UploadLimit } from '../spreadsheets/upload-limit.js';
import { IMPORT_DATASETS, type ImportDataset } from '@app/contracts';
import { validationFailed } from '../common/validation.js';

function datasetParam(value: string): ImportDataset {
  if ((IMPORT_DATASETS as readonly string[]).includes(value)) return value as ImportDataset;
  throw validationFailed([
    { field: 'dataset', code: 'NOT_ONE_OF', message: `数据类型须为 ${IMPORT_DATASETS.join('、')} 之一`, messageEn: `dataset must be one of ${IMPORT_DATASETS.join(', ')}`, params: { allowed: IMPORT_DATASETS.join(',') } },
  ]);
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller({ path: 'imports', version: '1' })
export class ImportsController {
  constructor(
    private readonly service: ImportsService,
    private readonly history: ImportHistoryService,
  ) {}

  @Post()
  // The file lands in a private temp dir (not in memory) and is removed when the request ends.
  @UploadLimit((config) => config.imports.maxBytes, FileInterceptor('file'), RemoveUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CreateImportDto })
  @ApiOperation({
    summary: 'Import a CSV or XLSX export of platform data (deals, listings, registrations, popsci)',
    description:
      'Rows already imported with the same content are `unchanged`; changed rows are `updated` (old values kept in the audit log). ' +
      'all-or-nothing (default): any bad row → 422 with every error and nothing written. valid-rows: good rows written, bad ones reported. ' +
      'Rows of divisions outside your scope are rejected. File problems → 413 (too large), 415 (not CSV/XLSX), 422 (empty, no header, …).',
  })
  async createImport(
    @UploadedFile() file: UploadedImportFile | undefined,
    @Body() body: CreateImportDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<ImportResultDto> {
    if (!file) throw fileMissing();
    // Streamed from disk: a CSV is decoded, parsed and validated row by row (an XLSX is read whole).
    return this.service.importPath({
      dataset: body.dataset,
      mode: body.mode ?? 'all-or-nothing',
      sheet: body.sheet,
      source: 'upload',
      fileName: decodeUploadFileName(file.originalname).slice(0, 255),
      path: file.path,
      importer: { id: user.id, name: user.username, divisionCode: user.divisionCode },
      scope,
    });
  }

  @Get()
  @ApiOperation({
    summary: 'Import history, newest first',
    description: "Batches created by users whose home division is in the caller's scope (staff and leaders: their district's; city: the city's and its districts'; admin: all, including the platform-sync job's).",
  })
  listImports(@CurrentScope() scope: DivisionScope, @Query() query: QueryImportsDto): Promise<ImportBatchPageDto> {
    return this.history.listBatches(scope, query);
  }

  @Get('templates/:dataset')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOperation({ summary: 'Download the import template of a dataset: XLSX (default) or ?format=csv (UTF-8 with BOM)' })
  async getImportTemplate(@Param('dataset') dataset: string, @Query() query: TemplateQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const name = datasetParam(dataset);
    const format = query.format ?? 'xlsx';
    const body = format === 'csv' ? buildCsvTemplate(name) : await buildXlsxTemplate(name);
    await sendDownload(reply, templateFileName(name, format), CONTENT_TYPES[format], body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import batch with its row errors (the first 1,000)' })
  getImport(@CurrentScope() scope: DivisionScope, @Param('id', new ParseUuidPipe()) id: string): Promise<ImportBatchDetailDto> {
    return this.history.getBatch(scope, id);
  }
}
