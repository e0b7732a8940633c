import { IsCalendarDay } from '../../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  FUND_TYPES,
  FUNDING_SOURCES,
  PACE_MODES,
  PROJECT_CATEGORIES,
  type FundType,
  type FundingSource,
  type PaceMode,
  type ProjectCategory,
} from '@app/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Money in 元: a plain decimal with at most two decimals (the API's convention: strings, never floats).
export const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const MONEY_MESSAGE = 'must be an amount in 元 with at most 2 decimals, as a string such as "156688.30" / 金额须为最多两位小数的元';
const POSITIVE_MONEY = /^(?!0+(\.0{1,2})?$)\d{1,16}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const FUNCTIONAL_CODE = /^\d{3}(\d{2}(\d{2})?)?$/;
export const ECONOMIC_CODE = /^\d{3}(\d{2})?$/;
const moneyString = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value);

export class QueryProjectsDto {
  @ApiPropertyOptional({ example: 2021 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '510403' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode?: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: '510403' })
  @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode: string;

  @ApiProperty({ example: 2021 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ example: '510403-2021-KJY', description: 'Stable project code, unique per division and year' })
  @Transform(trim) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'code must be 1–64 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiProperty({ example: '攀枝花市西区天府科技云服务中心运维服务项目' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'name is required / 请填写项目名称' }) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['天府科技云运维项目'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiProperty({ enum: PROJECT_CATEGORIES, description: 'basic 基本支出 | project 项目支出' })
  @IsIn(PROJECT_CATEGORIES, { message: `category must be one of ${PROJECT_CATEGORIES.join(', ')}` })
  category: ProjectCategory;

  @ApiProperty({ example: '攀枝花市西区财政局', description: '主管部门' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'supervisingUnit is required / 请填写主管部门' }) @MaxLength(200)
  supervisingUnit: string;

  @ApiProperty({ example: '攀枝花市西区科学技术协会', description: '实施单位' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'implementingUnit is required / 请填写实施单位' }) @MaxLength(200)
  implementingUnit: string;

  @ApiPropertyOptional({ type: [String], nullable: true, description: '用款计划: 12 monthly amounts in 元 (null: linear m/12)' })
  @IsOptional() @IsArray() @ArrayMinSize(12) @ArrayMaxSize(12) @Matches(MONEY, { each: true, message: `monthlyPlan entries ${MONEY_MESSAGE}` })
  monthlyPlan?: string[] | null;

  @ApiPropertyOptional({ enum: PACE_MODES, default: 'monthly' })
  @IsOptional() @IsIn(PACE_MODES)
  paceMode?: PaceMode;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ enum: PROJECT_CATEGORIES })
  @IsOptional() @IsIn(PROJECT_CATEGORIES)
  category?: ProjectCategory;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  supervisingUnit?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  implementingUnit?: string;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional() @IsArray() @ArrayMinSize(12) @ArrayMaxSize(12) @Matches(MONEY, { each: true, message: `monthlyPlan entries ${MONEY_MESSAGE}` })
  monthlyPlan?: string[] | null;

  @ApiPropertyOptional({ enum: PACE_MODES })
  @IsOptional() @IsIn(PACE_MODES)
  paceMode?: PaceMode;
}

export class CreateFundingLineDto {
  @ApiProperty({ enum: FUNDING_SOURCES, description: 'superior 上级财政资金 | local 本级财政资金 | other 其他资金' })
  @IsIn(FUNDING_SOURCES, { message: `source must be one of ${FUNDING_SOURCES.join(', ')}` })
  source: FundingSource;

  @ApiProperty({ enum: FUND_TYPES, description: 'general 一般公共预算 | gov_fund 政府性基金 | state_capital 国有资本经营 | other 其他' })
  @IsIn(FUND_TYPES, { message: `fundType must be one of ${FUND_TYPES.join(', ')}` })
  fundType: FundType;

  @ApiPropertyOptional({ example: '省级天府科技云专项' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200)
  label?: string;

  @ApiProperty({ example: '180000.00', description: '年初预算 (元)' })
  @Transform(moneyString) @Matches(MONEY, { message: `initialBudget ${MONEY_MESSAGE}` })
  initialBudget: string;

  @ApiProperty({ example: '180000.00', description: '调整后预算 (元), the denominator of the execution rate' })
  @Transform(moneyString) @Matches(MONEY, { message: `adjustedBudget ${MONEY_MESSAGE}` })
  adjustedBudget: string;

  @ApiPropertyOptional({ example: '0.00', description: '上年结转 (元)' })
  @IsOptional() @Transform(moneyString) @Matches(MONEY, { message: `carriedIn ${MONEY_MESSAGE}` })
  carriedIn?: string;
}

export class UpdateFundingLineDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200)
  label?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(moneyString) @Matches(MONEY, { message: `initialBudget ${MONEY_MESSAGE}` })
  initialBudget?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(moneyString) @Matches(MONEY, { message: `adjustedBudget ${MONEY_MESSAGE}` })
  adjustedBudget?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(moneyString) @Matches(MONEY, { message: `carriedIn ${MONEY_MESSAGE}` })
  carriedIn?: string;
}

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'fundingLineId must be the id of one of the project’s funding lines' })
  fundingLineId: string;

  @ApiProperty({ example: '2021-06-30', description: 'Day of payment, within the project year' })
  @Matches(DATE, { message: 'paidOn must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'paidOn must be a day of the calendar' })
  paidOn: string;

  @ApiProperty({ example: '12000.00', description: '元, > 0, at most 2 decimals' })
  @Transform(moneyString) @Matches(POSITIVE_MONEY, { message: 'amount must be greater than 0 with at most 2 decimals (元) / 金额须大于0且最多两位小数' })
  amount: string;

  @ApiProperty({ example: '2060702', description: '支出功能分类 类/款/项 (3, 5 or 7 digits)' })
  @Transform(trim) @Matches(FUNCTIONAL_CODE, { message: 'functionalCode must be 3, 5 or 7 digits (类/款/项), e.g. 2060702' })
  functionalCode: string;

  @ApiProperty({ example: '30227', description: '经济分类 类/款 (3 or 5 digits)' })
  @Transform(trim) @Matches(ECONOMIC_CODE, { message: 'economicCode must be 3 or 5 digits (类/款), e.g. 30227' })
  economicCode: string;

  @ApiPropertyOptional({ example: '平台运维服务费' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  memo?: string;
}

export class UpdatePaymentDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all')
  fundingLineId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(DATE, { message: 'paidOn must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'paidOn must be a day of the calendar' }) @IsCalendarDay({ message: 'paidOn must be a day of the calendar' })
  paidOn?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(moneyString) @Matches(POSITIVE_MONEY, { message: 'amount must be greater than 0 with at most 2 decimals (元)' })
  amount?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @Matches(FUNCTIONAL_CODE, { message: 'functionalCode must be 3, 5 or 7 digits (类/款/项)' })
  functionalCode?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @Matches(ECONOMIC_CODE, { message: 'economicCode must be 3 or 5 digits (类/款)' })
  economicCode?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  memo?: string;
}

export class QueryExecutionDto {
  @ApiPropertyOptional({ example: '2021-06-30', description: 'Measure at this day (default: today, clamped to the project year)' })
  @IsOptional() @Matches(DATE, { message: 'asOf must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'asOf must be a day of the calendar' })
  asOf?: string;

  @ApiPropertyOptional({ enum: PACE_MODES, description: 'Overrides the project’s pace mode' })
  @IsOptional() @IsIn(PACE_MODES)
  pace?: PaceMode;
}

export class QueryWarningsDto {
  @ApiPropertyOptional({ description: 'true: open only; false: cleared only; absent: both' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/)
  divisionCode?: string;
}

export class ImportPaymentsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'XLSX or CSV with headers 日期, 金额(元), 资金来源 (or 资金行), 功能分类科目, 经济分类科目, 摘要' })
  file: unknown;
}
