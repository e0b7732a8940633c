import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DIVISION_LEVELS, type Denominator, type Division, type DivisionLevel, type UpsertDenominatorRequest } from '@app/contracts';
import { MAX_INT4 } from '../../common/validators.js';

export class QueryDivisionsDto {
  @ApiPropertyOptional({ description: 'Only the direct children of this division', example: '510400' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'parent must be a 6-digit division code' })
  parent?: string;

  @ApiPropertyOptional({ enum: DIVISION_LEVELS })
  @IsOptional() @IsIn(DIVISION_LEVELS)
  level?: DivisionLevel;
}

export class DivisionResponseDto implements Division {
  @ApiProperty({ example: '510403' }) code: string;
  @ApiProperty({ example: '西区' }) name: string;
  @ApiProperty({ enum: DIVISION_LEVELS }) level: DivisionLevel;
  @ApiProperty({ example: '510400', nullable: true, type: String }) parentCode: string | null;
  @ApiProperty({ example: '2000-01-01' }) validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ description: "Whether the caller's scope covers this division's data" }) inScope: boolean;
}

const optionalCount = () => [
  ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined),
  Type(() => Number),
  IsInt({ message: '$property must be a whole number' }),
  Min(0, { message: '$property cannot be negative' }),
  Max(MAX_INT4, { message: `$property must not be greater than ${MAX_INT4}` }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

export class UpsertDenominatorDto implements UpsertDenominatorRequest {
  @ApiPropertyOptional({ example: 149000, nullable: true, description: '常住人口 (people)' })
  @apply(optionalCount())
  population?: number | null;

  @ApiPropertyOptional({ nullable: true, description: '户数 (households)' })
  @apply(optionalCount())
  households?: number | null;

  @ApiPropertyOptional({ nullable: true, description: '村（社区）数 (villages and communities)' })
  @apply(optionalCount())
  villages?: number | null;

  @ApiPropertyOptional({ example: 68, nullable: true, description: '规上企业数 (enterprises above designated size)' })
  @apply(optionalCount())
  enterprisesAboveScale?: number | null;

  @ApiPropertyOptional({ nullable: true, example: '2021年部门决算' })
  @IsOptional() @IsString() @MaxLength(200)
  source?: string | null;
}

export class DenominatorResponseDto implements Denominator {
  @ApiProperty({ example: '510403' }) divisionCode: string;
  @ApiProperty({ example: 2021 }) year: number;
  @ApiProperty({ nullable: true, type: Number }) population: number | null;
  @ApiProperty({ nullable: true, type: Number }) households: number | null;
  @ApiProperty({ nullable: true, type: Number }) villages: number | null;
  @ApiProperty({ nullable: true, type: Number }) enterprisesAboveScale: number | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty() updatedAt: string;
}
