import { IsCalendarDay } from '../../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { INDICATOR_BINDING_KINDS, SELF_EVALUATION_TEMPLATES, type IndicatorBindingKind, type SelfEvaluationTemplate } from '@app/contracts';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_LEVEL1S,
  INDICATOR_LEVEL2S,
  QUALITATIVE_TIERS,
  REVERSE_FORMULAS,
  type IndicatorDirection,
  type IndicatorLevel1,
  type IndicatorLevel2,
  type QualitativeTier,
  type ReverseFormula,
} from '@app/kpi-core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const numberString = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value);
const DECIMAL = /^-?\d{1,16}(\.\d{1,4})?$/;
const POINTS = /^\d{1,3}(\.\d{1,2})?$/;
const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IndicatorBindingDto {
  @ApiProperty({ enum: INDICATOR_BINDING_KINDS, description: 'manual | metric (catalogue code, Σ over the year) | events (approved, linked to the project) | execution (the project’s rate %)' })
  @IsIn(INDICATOR_BINDING_KINDS, { message: `binding.kind must be one of ${INDICATOR_BINDING_KINDS.join(', ')}` })
  kind: IndicatorBindingKind;

  @ApiPropertyOptional({ example: 'popsci.households' })
  @IsOptional() @IsString() @MaxLength(100)
  metricCode?: string | null;

  @ApiPropertyOptional({ example: 'popsci_campaign', description: 'Only events of this type; null = any type' })
  @IsOptional() @IsString() @MaxLength(100)
  eventType?: string | null;
}

class IndicatorFieldsDto {
  @ApiPropertyOptional({ enum: INDICATOR_LEVEL1S, description: 'Optional: follows from level2; if given it must match' })
  @IsOptional() @IsIn(INDICATOR_LEVEL1S, { message: `level1 must be one of ${INDICATOR_LEVEL1S.join(', ')}` })
  level1?: IndicatorLevel1;

  @ApiPropertyOptional({ example: '5', description: 'Numeric target (required for ≥ ≤ =)' })
  @IsOptional() @Transform(numberString) @Matches(DECIMAL, { message: 'targetValue must be a decimal number with at most 4 decimals' })
  targetValue?: string | null;

  @ApiPropertyOptional({ example: '开展5次科普宣传' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  targetText?: string | null;

  @ApiPropertyOptional({ example: '次' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(20)
  unit?: string | null;

  @ApiPropertyOptional({ example: '15', description: '分值 (≤ 2 decimals); null = an even share of the template pool' })
  @IsOptional() @Transform(numberString) @Matches(POINTS, { message: 'weight must be points with at most 2 decimals' })
  weight?: string | null;

  @ApiPropertyOptional({ example: '4', description: 'Actual entered by staff (numeric indicators); a bound actual takes precedence when its source exists' })
  @IsOptional() @Transform(numberString) @Matches(DECIMAL, { message: 'actualValue must be a decimal number with at most 4 decimals' })
  actualValue?: string | null;

  @ApiPropertyOptional({ example: '完成' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  actualText?: string | null;

  @ApiPropertyOptional({ enum: QUALITATIVE_TIERS, description: 'Qualitative judgement: met 80–100%, partly_met 60–80%, not_met 0–60% of the weight' })
  @IsOptional() @IsIn(QUALITATIVE_TIERS)
  qualitativeTier?: QualitativeTier | null;

  @ApiPropertyOptional({ example: '0.7', description: 'Share of the weight inside the tier’s band (omit for met = full marks)' })
  @IsOptional() @Transform(numberString) @Matches(SHARE, { message: 'qualitativeShare must be a share from 0 to 1' })
  qualitativeShare?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  notApplicable?: boolean;

  @ApiPropertyOptional({ enum: REVERSE_FORMULAS, description: '≤ indicators above target: ratio (A/B) or linear; default: the template’s' })
  @IsOptional() @IsIn(REVERSE_FORMULAS)
  reverseFormula?: ReverseFormula | null;

  @ApiPropertyOptional({ description: '偏差原因分析及改进措施' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000)
  deviationReason?: string | null;

  @ApiPropertyOptional({ type: IndicatorBindingDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => IndicatorBindingDto)
  binding?: IndicatorBindingDto;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100000)
  sortOrder?: number;
}

export class CreateIndicatorDto extends IndicatorFieldsDto {
  @ApiProperty({ enum: INDICATOR_LEVEL2S })
  @IsIn(INDICATOR_LEVEL2S, { message: `level2 must be one of ${INDICATOR_LEVEL2S.join(', ')}` })
  level2: IndicatorLevel2;

  @ApiProperty({ enum: INDICATOR_DIRECTIONS, description: '>= (正向), <= (反向), =, qual (定性)' })
  @IsIn(INDICATOR_DIRECTIONS, { message: `direction must be one of ${INDICATOR_DIRECTIONS.join(', ')}` })
  direction: IndicatorDirection;

  @ApiProperty({ example: '开展5次科普宣传', description: '三级指标 (free text)' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'name (三级指标) is required / 请填写三级指标' }) @MaxLength(300)
  name: string;
}

export class UpdateIndicatorDto extends IndicatorFieldsDto {
  @ApiPropertyOptional({ enum: INDICATOR_LEVEL2S })
  @IsOptional() @IsIn(INDICATOR_LEVEL2S, { message: `level2 must be one of ${INDICATOR_LEVEL2S.join(', ')}` })
  level2?: IndicatorLevel2;

  @ApiPropertyOptional({ enum: INDICATOR_DIRECTIONS })
  @IsOptional() @IsIn(INDICATOR_DIRECTIONS)
  direction?: IndicatorDirection;

  @ApiPropertyOptional({ maxLength: 300, description: '三级指标 (free text)' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'name (三级指标) is required / 请填写三级指标' }) @MaxLength(300)
  name?: string;
}

export class CustomWeightsDto {
  @ApiProperty({ example: '20' }) @Transform(numberString) @Matches(POINTS, { message: 'executionWeight must be points with at most 2 decimals' })
  executionWeight: string;

  @ApiProperty({ example: '50' }) @Transform(numberString) @Matches(POINTS, { message: 'output must be points with at most 2 decimals' })
  output: string;

  @ApiProperty({ example: '20' }) @Transform(numberString) @Matches(POINTS, { message: 'benefit must be points with at most 2 decimals' })
  benefit: string;

  @ApiProperty({ example: '10' }) @Transform(numberString) @Matches(POINTS, { message: 'satisfaction must be points with at most 2 decimals' })
  satisfaction: string;

  @ApiPropertyOptional({ enum: REVERSE_FORMULAS }) @IsOptional() @IsIn(REVERSE_FORMULAS)
  reverseFormula?: ReverseFormula;
}

class EvaluationFieldsDto {
  @ApiPropertyOptional({ type: CustomWeightsDto, description: 'Required with template custom' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CustomWeightsDto)
  customWeights?: CustomWeightsDto | null;

  @ApiPropertyOptional({ description: '年度总体目标 · 预期目标' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000)
  expectedGoal?: string | null;

  @ApiPropertyOptional({ description: '年度总体目标 · 实际完成情况' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(2000)
  achievedGoal?: string | null;

  @ApiPropertyOptional({ description: '原因 of the 总额 row (required when execution < 90% or the budget was adjusted)' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000)
  executionReason?: string | null;

  @ApiPropertyOptional({ description: '原因 per funding line id', example: { '00000000-0000-0000-0000-000000000000': '本级资金未使用' } })
  @IsOptional() @IsObject()
  lineReasons?: Record<string, string>;

  @ApiPropertyOptional({ description: '填报人' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(100)
  preparer?: string | null;

  @ApiPropertyOptional({ description: '联系电话' }) @IsOptional() @Transform(trim) @Matches(/^[0-9+\-() ]{0,30}$/, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @ApiPropertyOptional({ description: '填报日期' }) @IsOptional() @Matches(DATE, { message: 'filledOn must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'filledOn must be a day of the calendar' })
  filledOn?: string | null;
}

export class CreateSelfEvaluationDto extends EvaluationFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'projectId must be a project id' })
  projectId: string;

  @ApiProperty({ enum: SELF_EVALUATION_TEMPLATES, default: 'sichuan' })
  @IsIn(SELF_EVALUATION_TEMPLATES, { message: `template must be one of ${SELF_EVALUATION_TEMPLATES.join(', ')}` })
  template: SelfEvaluationTemplate;
}

export class UpdateSelfEvaluationDto extends EvaluationFieldsDto {
  @ApiPropertyOptional({ enum: SELF_EVALUATION_TEMPLATES })
  @IsOptional() @IsIn(SELF_EVALUATION_TEMPLATES, { message: `template must be one of ${SELF_EVALUATION_TEMPLATES.join(', ')}` })
  template?: SelfEvaluationTemplate;
}

export class QuerySelfEvaluationsDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode?: string;
}

export class SubmitSelfEvaluationDto {
  @ApiPropertyOptional({ description: 'Submit before the project\'s year is over (the grade is then an estimate); required while the year is in progress', example: false })
  @IsOptional()
  @IsBoolean()
  early?: boolean;
}
