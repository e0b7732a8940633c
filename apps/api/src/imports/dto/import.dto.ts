import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IMPORT_DATASETS, IMPORT_MODES, IMPORT_STATUSES, type ImportDataset } from '@app/contracts';
import { type ImportMode, type ImportSource, type ImportStatus } from '../entities/import-batch.entity.js';
import { type ImportResult, type ImportResultError } from '../import-result.js';
import { type BatchDetail, type BatchSummary } from '../import-history.service.js';

const IMPORT_SOURCES: readonly ImportSource[] = ['upload', 'inbox', 'feed'];

export class CreateImportDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV (UTF-8 with or without BOM, GBK, GB18030) or XLSX' })
  file?: unknown;

  @ApiProperty({ enum: IMPORT_DATASETS, example: 'deals' })
  @IsIn(IMPORT_DATASETS, { message: `dataset must be one of ${IMPORT_DATASETS.join(', ')} / 数据类型须为 ${IMPORT_DATASETS.join('、')}` })
  dataset: ImportDataset;

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all-or-nothing', description: 'all-or-nothing: one bad row → 422, nothing written; valid-rows: good rows written, bad ones reported' })
  @IsOptional() @IsIn(IMPORT_MODES, { message: `mode must be one of ${IMPORT_MODES.join(', ')}` })
  mode?: ImportMode;

  @ApiPropertyOptional({ description: 'XLSX: the sheet to read (default: the first)' })
  @IsOptional() @IsString() @MaxLength(100)
  sheet?: string;
}

export class ImportErrorDto implements ImportResultError {
  @ApiProperty({ example: 12, description: 'Row number as seen in Excel' }) row: number;
  @ApiProperty({ example: '成交金额(元)', description: 'Header as written in the file' }) column: string;
  @ApiProperty({ example: '-5' }) value: string;
  @ApiProperty({ example: 'NEGATIVE_AMOUNT' }) code: string;
  @ApiProperty({ example: '金额不能为负数' }) message: string;
  @ApiProperty({ example: 'amount must not be negative' }) messageEn: string;
}

export class ImportResultDto implements ImportResult {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ enum: IMPORT_DATASETS }) dataset: ImportDataset;
  @ApiProperty({ description: 'Data rows in the file' }) rows: number;
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Rows already imported with the same content' }) unchanged: number;
  @ApiProperty({ description: 'Rows with at least one error' }) rejected: number;
  @ApiProperty({ type: [ImportErrorDto], description: `Every row error (at most 10,000)` }) errors: ImportErrorDto[];
}

export class QueryImportsDto {
  @ApiPropertyOptional({ enum: IMPORT_DATASETS })
  @IsOptional() @IsIn(IMPORT_DATASETS)
  dataset?: ImportDataset;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional() @IsIn(IMPORT_STATUSES)
  status?: ImportStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize = 20;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional() @IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' })
  format?: 'xlsx' | 'csv';
}

export class ImportBatchResponseDto implements BatchSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_DATASETS }) dataset: ImportDataset;
  @ApiProperty({ enum: IMPORT_SOURCES }) source: ImportSource;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: String }) sha256: string | null;
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty() rows: number;
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'All row errors found (the batch keeps the first 1,000)' }) errorCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the file was refused or the import failed' }) message: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy: string | null;
  @ApiProperty({ example: 'xiqu-staff' }) createdByName: string;
  @ApiProperty({ example: '510403' }) createdByDivision: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class ImportBatchDetailDto extends ImportBatchResponseDto implements BatchDetail {
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
  @ApiProperty({ description: 'Distinct (division, day) pairs whose facts the import changed' }) touchedDays: number;
}

export class ImportBatchPageDto {
  @ApiProperty({ type: [ImportBatchResponseDto] }) items: ImportBatchResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
