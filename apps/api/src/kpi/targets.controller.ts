import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UploadedFile } from '@nestjs/common';
import { ParseYearPipe } from '../common/params.js';
import { FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TARGET_IMPORT_MAX_BYTES, TargetsService } from './targets.service.js';
import { QueryTargetsDto, TargetResponseDto, UpsertTargetDto } from './dto/target.dto.js';
import { decodeUploadFileName } from '../spreadsheets/download.js';
import { fileMissing } from '../spreadsheets/file-rejection.js';
import { UploadLimit } from '../spreadsheets/upload-limit.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionCodePipe } from '../common/division-code.pipe.js';
import { type TargetImportResult } from '@app/contracts';

@ApiTags('targets')
@ApiBearerAuth()
@Controller({ path: 'targets', version: '1' })
export class TargetsController {
  constructor(private readonly service: TargetsService) {}

  @Get()
  @ApiOperation({ summary: 'Annual targets of a division and the divisions under it (readable by the division)' })
  listTargets(@CurrentScope() scope: DivisionScope, @Query() query: QueryTargetsDto): Promise<TargetResponseDto[]> {
    return this.service.listTargets(scope, query.division, query.year);
  }

  @Put(':division/:year/:metric')
  @ApiOperation({ summary: 'Set the annual target (and optional monthly plan) of a division, year and metric (city)' })
  upsertTarget(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', new ParseYearPipe()) year: number,
    @Param('metric') metric: string,
    @Body() body: UpsertTargetDto,
  ): Promise<TargetResponseDto> {
    return this.service.upsertTarget(scope, division, year, metric, body);
  }

  @Delete(':division/:year/:metric')
  @HttpCode(204)
  async deleteTarget(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', new ParseYearPipe()) year: number,
    @Param('metric') metric: string,
  ): Promise<void> {
    await this.service.deleteTarget(scope, division, year, metric);
  }

  @Post('import')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Import targets from XLSX/CSV: 区划代码/区县, 年度, 指标代码/指标名称, 年度目标, optional 1月…12月 (all rows or none: any bad row → 422 ROWS_REJECTED with every row error)' })
  @UploadLimit(() => TARGET_IMPORT_MAX_BYTES, FileInterceptor('file', { limits: { fileSize: TARGET_IMPORT_MAX_BYTES, files: 1 } }))
  importTargets(@CurrentScope() scope: DivisionScope, @UploadedFile() file?: { buffer: Buffer; originalname: string }): Promise<TargetImportResult> {
    if (!file) throw fileMissing();
    return this.service.importTargets(scope, { buffer: file.buffer, filename: decodeUploadFileName(file.originalname) });
  }
}
