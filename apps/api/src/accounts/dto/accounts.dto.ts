import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  type AccountsCheckResponse, type AccountsFigure, type AccountsFinding, type AccountsStatement, CONSISTENCY_RULES, type ConsistencyRule,
  type DecideFindingRequest, FINDING_SEVERITIES, FINDING_STATUSES, type FindingSeverity, type FindingStatus, STATEMENT_KINDS, type StatementKind,
} from '@app/contracts';

export class QueryFindingsDto {
  @ApiPropertyOptional({ enum: CONSISTENCY_RULES }) @IsOptional() @IsIn(CONSISTENCY_RULES) rule?: ConsistencyRule;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) @IsOptional() @IsIn(FINDING_SEVERITIES) severity?: FindingSeverity;
  @ApiPropertyOptional({ enum: FINDING_STATUSES }) @IsOptional() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @ApiPropertyOptional({ example: 'IC-01' }) @IsOptional() @Matches(/^IC-\d{2}$/, { message: 'icId must look like IC-01' }) icId?: string;
}

export class DecideFindingDto implements DecideFindingRequest {
  @ApiProperty({ enum: ['confirmed', 'dismissed'] })
  @IsIn(['confirmed', 'dismissed'], { message: 'status must be confirmed or dismissed' })
  status: 'confirmed' | 'dismissed';

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required to dismiss: why the finding does not hold' })
  @ValidateIf((body: DecideFindingDto, value: unknown) => body.status === 'dismissed' || (value !== null && value !== undefined))
  @IsString({ message: 'note is required to dismiss a finding' })
  @Matches(/\S/, { message: 'note is required to dismiss a finding' })
  @MaxLength(2000)
  note?: string | null;
}

export class AccountsFigureDto implements AccountsFigure {
  @ApiProperty({ example: 'gpb' }) section: string;
  @ApiProperty({ example: 'total' }) code: string;
  @ApiProperty({ example: '一般公共预算财政拨款支出' }) label: string;
  @ApiProperty({ example: '73.94', description: 'As printed, in unitAsPrinted' }) amount: string;
  @ApiProperty({ example: '万元' }) unitAsPrinted: string;
  @ApiProperty({ example: '739400.00', nullable: true, type: String, description: '元, 2 decimals (null for counts)' }) amountYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
}

export class AccountsStatementDto implements AccountsStatement {
  @ApiProperty({ example: 'p2-5-3-gpb' }) id: string;
  @ApiProperty({ enum: STATEMENT_KINDS }) kind: StatementKind;
  @ApiProperty({ example: 'gpb.total' }) figureKey: string;
  @ApiProperty({ nullable: true, type: String }) baseKey: string | null;
  @ApiProperty({ example: '73.44' }) valueAsPrinted: string;
  @ApiProperty({ example: '万元' }) unit: string;
  @ApiProperty({ example: '第二部分 五(三)' }) location: string;
  @ApiProperty({ nullable: true, type: String }) excerpt: string | null;
}

export class AccountsFindingDto implements AccountsFinding {
  @ApiProperty() id: string;
  @ApiProperty({ example: '510403' }) divisionCode: string;
  @ApiProperty({ example: 2021 }) year: number;
  @ApiProperty({ enum: CONSISTENCY_RULES }) rule: ConsistencyRule;
  @ApiProperty({ enum: FINDING_SEVERITIES }) severity: FindingSeverity;
  @ApiPropertyOptional({ example: 'IC-01' }) icId?: string;
  @ApiProperty({ example: 'statements.p2-5-3-gpb' }) path: string;
  @ApiProperty({ example: '73.94', nullable: true, type: String }) expected: string | null;
  @ApiProperty({ example: '73.44', nullable: true, type: String }) found: string | null;
  @ApiPropertyOptional({ example: '万元' }) unit?: string;
  @ApiProperty() message: string;
  @ApiProperty() messageEn: string;
  @ApiProperty({ enum: FINDING_STATUSES }) status: FindingStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class AccountsCheckResponseDto implements AccountsCheckResponse {
  @ApiProperty({ example: '510403' }) divisionCode: string;
  @ApiProperty({ example: 2021 }) year: number;
  @ApiProperty() checkedAt: string;
  @ApiProperty({ description: 'Open findings of this run' }) open: number;
  @ApiProperty({ description: 'Confirmed or dismissed findings kept with their notes' }) decided: number;
  @ApiProperty({ type: [AccountsFindingDto] }) findings: AccountsFindingDto[];
}
