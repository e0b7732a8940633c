import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDay } from '../common/validators.js';

export class QueryAuditDto {
  @ApiPropertyOptional({ description: 'Table name, e.g. app_user', example: 'app_user' })
  @IsOptional() @IsString() @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Username of the actor', example: 'admin' })
  @IsOptional() @IsString() @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: 'First day (Beijing time), YYYY-MM-DD', example: '2026-11-01' })
  @IsOptional() @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (Beijing time, inclusive), YYYY-MM-DD', example: '2026-11-30' })
  @IsOptional() @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({
    description: 'Division code: records of this division or one below it (by the record\'s division, or the division of its budget project or event)',
    example: '510403',
  })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize = 50;
}
