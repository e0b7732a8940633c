import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class QueryBriefsDto {
  @ApiPropertyOptional({ example: '510403' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division?: string;

  @ApiPropertyOptional({ example: '2026-10' })
  @IsOptional() @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ example: '2026' })
  @IsOptional() @Matches(/^\d{4}$/, { message: 'year must be YYYY' })
  year?: string;
}

export class CreateBriefDto {
  @ApiProperty({ example: '510403' })
  @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division: string;

  @ApiProperty({ example: '2026-10', description: 'A month before the current one (Beijing time)' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;
}

export class BriefFormatDto {
  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh' })
  @IsOptional() @IsIn(['zh', 'en'])
  lang: 'zh' | 'en' = 'zh';
}
