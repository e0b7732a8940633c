import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { type KpiTarget, type UpsertTargetBody } from '@app/contracts';

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

export class QueryTargetsDto {
  @ApiProperty({ example: '510400', description: 'A division; its own targets and those of every division under it' })
  @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division: string;

  @ApiProperty({ example: 2021 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year: number;
}

export class UpsertTargetDto implements UpsertTargetBody {
  @ApiProperty({ example: '250', description: 'Annual target: a count, or 元 with at most 2 decimals, as a string' })
  @IsString() @Matches(AMOUNT, { message: 'annual must be a non-negative number with at most 2 decimals' })
  annual: string;

  @ApiPropertyOptional({ type: [String], description: 'Optional 12-month plan (amounts or shares) for a seasonal pace', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsArray() @ArrayMinSize(12, { message: 'monthlyPlan must have 12 entries' }) @ArrayMaxSize(12, { message: 'monthlyPlan must have 12 entries' })
  @Matches(AMOUNT, { each: true, message: 'each monthlyPlan entry must be a non-negative number with at most 2 decimals' })
  monthlyPlan?: string[] | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string | null;
}

export class TargetResponseDto implements KpiTarget {
  @ApiProperty() divisionCode: string;
  @ApiProperty() divisionName: string;
  @ApiProperty() year: number;
  @ApiProperty() metricCode: string;
  @ApiProperty() metricName: string;
  @ApiProperty({ description: 'Counts as a number, amounts as 元 with 2 decimals' }) annual: number | string;
  @ApiProperty({ nullable: true, type: [String] }) monthlyPlan: string[] | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() updatedAt: string;
}
