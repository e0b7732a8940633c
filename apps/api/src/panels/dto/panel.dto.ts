import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsMonthKey } from '../../common/validators.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class QueryPanelDto {
  @ApiProperty({ example: '510403', description: 'A district, or a city/province (sums its divisions)' })
  @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division: string;

  @ApiProperty({ example: '2021-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' }) @IsMonthKey()
  month: string;
}

export class QueryTrendDto extends QueryPanelDto {
  @ApiPropertyOptional({ default: 12, maximum: 60 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(60)
  months = 12;

  @ApiPropertyOptional({ description: 'Comma-separated metric codes; all when absent' })
  @IsOptional() @IsString()
  metrics?: string;
}

export class QueryPanelFactsDto extends QueryPanelDto {
  @ApiProperty({ example: 'deals.tech_service.amount' })
  @IsString() @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { message: 'metric must be a metric code such as deals.tech_service.amount' })
  metric: string;

  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'csv'], default: 'json' })
  @IsOptional() @IsIn(['json', 'xlsx', 'csv'])
  format: 'json' | 'xlsx' | 'csv' = 'json';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize = 50;
}
