import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { type RankingBasis } from '@app/contracts';
import { IsMonthKey } from '../../common/validators.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class QueryRankingDto {
  @ApiProperty({ example: '510400' })
  @Matches(/^\d{6}$/, { message: 'city must be a 6-digit division code' })
  city: string;

  @ApiProperty({ example: '2021-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' }) @IsMonthKey()
  month: string;

  @ApiPropertyOptional({ enum: ['month', 'ytd'], default: 'month' })
  @IsOptional() @IsIn(['month', 'ytd'], { message: 'basis must be month or ytd' })
  basis: RankingBasis = 'month';
}

export class QueryRankTrendDto {
  @ApiProperty({ example: '510400' })
  @Matches(/^\d{6}$/, { message: 'city must be a 6-digit division code' })
  city: string;

  @ApiProperty({ example: '2021-01' })
  @Matches(MONTH, { message: 'from must be YYYY-MM' }) @IsMonthKey()
  from: string;

  @ApiProperty({ example: '2021-12' })
  @Matches(MONTH, { message: 'to must be YYYY-MM' }) @IsMonthKey()
  to: string;

  @ApiPropertyOptional({ enum: ['month', 'ytd'], default: 'month' })
  @IsOptional() @IsIn(['month', 'ytd'])
  basis: RankingBasis = 'month';
}

export class PublishRankingDto {
  @ApiProperty({ example: '510400' })
  @Matches(/^\d{6}$/, { message: 'city must be a 6-digit division code' })
  city: string;

  @ApiProperty({ example: '2021-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' }) @IsMonthKey()
  month: string;
}
