import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsIn, IsNotEmpty, IsObject, IsString, MaxLength, ValidateBy, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  CHECK_DIRECTIONS, CHECK_TEMPLATES, CHECK_UNITS, type CheckTemplate, type CheckUnit,
  type ConsistencyFinding, type SelfEvaluationCheckResponse,
} from '@app/contracts';
import { type PrintedTableInput, level2Of, normaliseCell, normaliseLabel, parseAmount, parseDirection } from '@app/kpi-core';

// A cell as printed: a string as it stands or a number from a spreadsheet; blanks ("", "—", "/", "无") are empty.
const toText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
const blankOrNumber = (value: unknown) => {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  const cell = normaliseCell(value);
  return cell === null || parseAmount(cell) !== null;
};
const printedNumber = (): PropertyDecorator => (target, key) => {
  Transform(toText)(target, key);
  ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined)(target, key);
  IsString({ message: '$property must be a number as printed (e.g. 87.05, "87.05", "100%", "—")' })(target, key);
  ValidateBy({
    name: 'isPrintedNumber',
    validator: {
      validate: blankOrNumber,
      defaultMessage: () => '$property must be a number as printed (e.g. "344702", "156,688.30", "100%", "99000元") or blank ("—", "/", "无") / 须为印出的数字或空白',
    },
  })(target, key);
};
const printedText = (max = 500): PropertyDecorator => (target, key) => {
  Transform(toText)(target, key);
  ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined)(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

export class CheckProjectDto {
  @ApiProperty({ example: '攀枝花市西区天府科技云服务中心运维服务项目' })
  @Transform(toText) @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '攀枝花市西区科学技术协会', nullable: true, type: String, description: '主管部门 as printed' }) @printedText(200) department?: string | null;
  @ApiPropertyOptional({ example: '攀枝花市西区天府科技云服务中心', nullable: true, type: String, description: '实施单位 as printed' }) @printedText(200) implementer?: string | null;
}

export class CheckFundingLineDto {
  @ApiProperty({ example: '上级财政资金', description: '资金来源 as printed' })
  @Transform(toText) @IsString() @MaxLength(50)
  source: string;

  @ApiPropertyOptional({ example: '180000', nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: '全年预算数 (调整后), in `unit`' })
  @printedNumber()
  budget: string | null;

  @ApiPropertyOptional({ example: 156688.3, nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: '实际完成数 (全年执行数)' })
  @printedNumber()
  executed: string | null;

  @ApiPropertyOptional({ example: '87.05%', nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: '执行率 (%) as printed' })
  @printedNumber()
  printedRate: string | null;

  @ApiPropertyOptional({ example: '10', nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: '分值 of this line, where the table scores each line' })
  @printedNumber()
  weight?: string | null;

  @ApiPropertyOptional({ example: '9.68', nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }], description: '得分 of this line, where printed' })
  @printedNumber()
  printedScore?: string | null;
}

export class CheckBudgetTotalDto {
  @ApiPropertyOptional({ example: '344702', nullable: true, type: String }) @printedNumber() budget: string | null;
  @ApiPropertyOptional({ example: '156688.3', nullable: true, type: String }) @printedNumber() executed: string | null;
  @ApiPropertyOptional({ example: '45.46%', nullable: true, type: String }) @printedNumber() printedRate: string | null;
}

export class CheckBudgetDto {
  @ApiPropertyOptional({ example: '10', nullable: true, type: String, description: '权重 of the execution block; blank: the template’s' })
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

  @ApiProperty({ example: '成本指标', description: '二级指标: label (数量指标 …, traditional characters too) or code (quantity …)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value))
  @IsString() @ValidateBy({
    name: 'isLevel2',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && level2Of(value) !== null,
      defaultMessage: () => 'level2 must be a 二级指标 of the fixed vocabulary (数量指标, 质量指标, 时效指标, 成本指标, 经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标, 满意度指标) or its code / 须为规定词表中的二级指标',
    },
  })
  level2: string;

  @ApiProperty({ example: '全年工作经费' }) @Transform(toText) @IsString() @IsNotEmpty() @MaxLength(500) name: string;

  @ApiPropertyOptional({ example: '≤', nullable: true, description: '指标性质 as printed (≥ ≤ = 定性, 正向/反向) or >=, <=, =, qualitative; blank: read from the target' })
  @ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined && value !== '')
  @IsString() @ValidateBy({
    name: 'isDirection',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseDirection(value) !== null,
      defaultMessage: () => `direction must be one of ${CHECK_DIRECTIONS.join(', ')} or ≥ ≤ = 定性 as printed / 指标性质须为 ≥、≤、= 或定性`,
    },
  })
  direction?: string | null;

  @ApiPropertyOptional({ example: '≤72.87万元', nullable: true, type: String }) @printedText() target: string | null;
  @ApiPropertyOptional({ example: '74.44', nullable: true, type: String }) @printedText() actual: string | null;
  @ApiPropertyOptional({ example: '万元', nullable: true, type: String }) @printedText(20) unit: string | null;
  @ApiPropertyOptional({ example: '15', nullable: true, type: String, description: '分值; blank: the template splits its pool evenly' }) @printedNumber() weight: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @printedNumber() printedScore: string | null;
  @ApiPropertyOptional({ example: '100', nullable: true, type: String, description: '完成率 (%)' }) @printedNumber() printedCompletion: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @printedText(2000) reason: string | null;
}

export class SelfEvaluationCheckDto implements PrintedTableInput {
  @ApiProperty({ enum: CHECK_TEMPLATES }) @IsIn(CHECK_TEMPLATES) template: CheckTemplate;
  @ApiProperty({ enum: CHECK_UNITS, description: 'Unit of every amount of the budget block (萬元 read as 万元)' })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseLabel(value) : value)) @IsIn(CHECK_UNITS)
  unit: CheckUnit;

  @ApiProperty({ type: CheckProjectDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CheckProjectDto)
  project: CheckProjectDto;

  @ApiProperty({ type: CheckBudgetDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CheckBudgetDto)
  budget: CheckBudgetDto;

  @ApiProperty({ type: [CheckIndicatorDto], description: 'May be empty: the money part alone is checked' })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CheckIndicatorDto)
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
  @ApiPropertyOptional({ example: '资金“年度资金总额”行“执行率”栏', description: 'The place by its printed names, for people' }) place?: string;
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
  @ApiProperty({ description: 'No indicator rows were given: total and grade cover the execution block alone and are not compared' }) executionOnly: boolean;
  @ApiProperty({ type: [CheckFindingDto] }) findings: CheckFindingDto[];
}

export class ReviewEntryDto {
  @ApiProperty({ example: '青神县工资性支出.xlsx' }) @IsString() @MaxLength(300) fileName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @printedText(100) sheet: string | null;
  @ApiPropertyOptional({ type: SelfEvaluationCheckDto, nullable: true, description: 'The table as read: checked again on the server' })
  @ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined) @IsObject() @ValidateNested() @Type(() => SelfEvaluationCheckDto)
  table: SelfEvaluationCheckDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why the file gave no table {code, message, messageEn}' })
  @ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined) @IsObject()
  error: { code: string; message: string; messageEn: string } | null;
}

export class ReviewExportDto {
  @ApiProperty({ type: [ReviewEntryDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ReviewEntryDto)
  files: ReviewEntryDto[];

  @ApiPropertyOptional({ enum: ['zh', 'en'] }) @ValidateIf((_: unknown, value: unknown) => value !== undefined) @IsIn(['zh', 'en']) language?: 'zh' | 'en';
}
