import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  CHECK_DIRECTIONS, CHECK_TEMPLATES, CHECK_UNITS, type CheckDirection, type CheckTemplate, type CheckUnit,
  type ConsistencyFinding, type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse,
} from '@app/contracts';
import { INDICATOR_LEVEL2_ALIASES } from '@app/kpi-core';

// A number as printed in a cell: "344702", "156,688.30", "87.05", "100%". Blank cells are null (or "").
const PRINTED_NUMBER = /^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?\s*$/;
const printedNumber = (): PropertyDecorator => (target, key) => {
  ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined && value !== '')(target, key);
  IsString({ message: '$property must be a number as printed, in a string (e.g. "87.05")' })(target, key);
  Matches(PRINTED_NUMBER, { message: '$property must be a number as printed (e.g. "344702", "87.05", "100%")' })(target, key);
};
const printedText = (max = 500): PropertyDecorator => (target, key) => {
  ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined)(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

export class CheckProjectDto {
  @ApiProperty({ example: '攀枝花市西区天府科技云服务中心运维服务项目' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}

export class CheckFundingLineDto {
  @ApiProperty({ example: '上级财政资金', description: '资金来源 as printed' })
  @IsString() @MaxLength(50)
  source: string;

  @ApiPropertyOptional({ example: '180000', nullable: true, type: String, description: '全年预算数 (调整后), in `unit`' })
  @printedNumber()
  budget: string | null;

  @ApiPropertyOptional({ example: '156688.3', nullable: true, type: String, description: '实际完成数 (预算执行数)' })
  @printedNumber()
  executed: string | null;

  @ApiPropertyOptional({ example: '87.05', nullable: true, type: String, description: '执行率 (%) as printed' })
  @printedNumber()
  printedRate: string | null;
}

export class CheckBudgetTotalDto {
  @ApiPropertyOptional({ example: '344702', nullable: true, type: String }) @printedNumber() budget: string | null;
  @ApiPropertyOptional({ example: '156688.3', nullable: true, type: String }) @printedNumber() executed: string | null;
  @ApiPropertyOptional({ example: '45.46', nullable: true, type: String }) @printedNumber() printedRate: string | null;
}

export class CheckBudgetDto {
  @ApiPropertyOptional({ example: '10', nullable: true, type: String, description: '权重 of the execution block; null: the template’s' })
  @printedNumber()
  weight: string | null;

  @ApiPropertyOptional({ example: '4.55', nullable: true, type: String }) @printedNumber() printedScore: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '原因 (required below 90%)' })
  @printedText(2000)
  reason: string | null;

  @ApiProperty({ type: [CheckFundingLineDto] })
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CheckFundingLineDto)
  lines: CheckFundingLineDto[];

  @ApiProperty({ type: CheckBudgetTotalDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CheckBudgetTotalDto)
  total: CheckBudgetTotalDto;
}

export class CheckIndicatorDto {
  @ApiPropertyOptional({ example: '产出指标', nullable: true, type: String }) @printedText(50) level1: string | null;

  @ApiProperty({ example: '成本指标', description: '二级指标: label (数量指标 …) or code (quantity …)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value))
  @IsString() @IsIn(Object.keys(INDICATOR_LEVEL2_ALIASES), { message: 'level2 must be a 二级指标 of the fixed vocabulary (数量指标, 质量指标, 时效指标, 成本指标, 经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标, 满意度指标) or its code' })
  level2: string;

  @ApiProperty({ example: '全年工作经费' }) @IsString() @IsNotEmpty() @MaxLength(500) name: string;

  @ApiProperty({ enum: CHECK_DIRECTIONS }) @IsIn(CHECK_DIRECTIONS) direction: CheckDirection;
  @ApiPropertyOptional({ example: '72.87', nullable: true, type: String }) @printedText() target: string | null;
  @ApiPropertyOptional({ example: '74.44', nullable: true, type: String }) @printedText() actual: string | null;
  @ApiPropertyOptional({ example: '万元', nullable: true, type: String }) @printedText(20) unit: string | null;
  @ApiPropertyOptional({ example: '15', nullable: true, type: String, description: '分值; null: the template splits its pool evenly' }) @printedNumber() weight: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @printedNumber() printedScore: string | null;
  @ApiPropertyOptional({ example: '100', nullable: true, type: String, description: '完成率 (%)' }) @printedNumber() printedCompletion: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @printedText(2000) reason: string | null;
}

export class SelfEvaluationCheckDto implements SelfEvaluationCheckRequest {
  @ApiProperty({ enum: CHECK_TEMPLATES }) @IsIn(CHECK_TEMPLATES) template: CheckTemplate;
  @ApiProperty({ enum: CHECK_UNITS, description: 'Unit of every amount of the budget block' }) @IsIn(CHECK_UNITS) unit: CheckUnit;

  @ApiProperty({ type: CheckProjectDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CheckProjectDto)
  project: CheckProjectDto;

  @ApiProperty({ type: CheckBudgetDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CheckBudgetDto)
  budget: CheckBudgetDto;

  @ApiProperty({ type: [CheckIndicatorDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CheckIndicatorDto)
  indicators: CheckIndicatorDto[];

  @ApiPropertyOptional({ example: '94.55', nullable: true, type: String }) @printedNumber() printedTotal: string | null;
  @ApiPropertyOptional({ example: '优', nullable: true, type: String }) @printedText(10) printedGrade: string | null;
}

export class CheckFindingDto implements ConsistencyFinding {
  @ApiProperty({ example: 'percentage_recomputed' }) rule: ConsistencyFinding['rule'];
  @ApiProperty({ enum: ['error', 'warning', 'info'] }) severity: ConsistencyFinding['severity'];
  @ApiProperty({ example: 'budget.total.printedRate', description: 'Where in the request' }) path: string;
  @ApiProperty({ example: '45.46', nullable: true, type: String, description: 'Recomputed, 2 decimals' }) expected: string | null;
  @ApiProperty({ example: '45.45', nullable: true, type: String, description: 'As printed, 2 decimals' }) found: string | null;
  @ApiProperty() message: string;
  @ApiProperty() messageEn: string;
  @ApiPropertyOptional({ example: '%' }) unit?: string;
}

export class SelfEvaluationCheckResponseDto implements SelfEvaluationCheckResponse {
  @ApiProperty({ enum: CHECK_TEMPLATES }) template: CheckTemplate;
  @ApiProperty({ enum: CHECK_UNITS }) unit: CheckUnit;
  @ApiProperty({ description: 'Per line {source, budget, executed, rate, printedRate} and the total {budget, executed, rate, weight, score}; rates in %, 2 decimals' })
  execution: SelfEvaluationCheckResponse['execution'];
  @ApiProperty({ description: 'Per indicator {name, level1, level2, weight, completion, score, outcome, overAchieved}' })
  indicators: SelfEvaluationCheckResponse['indicators'];
  @ApiProperty({ example: '94.55' }) total: string;
  @ApiProperty({ example: '优' }) grade: string;
  @ApiProperty({ type: [CheckFindingDto] }) findings: CheckFindingDto[];
}
