import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UploadedFile } from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BudgetService } from './budget.service.js';
import { BudgetWatchService } from './budget-watch.service.js';
import {
  CreateFundingLineDto,
  CreatePaymentDto,
  CreateProjectDto,
  ImportPaymentsDto,
  QueryExecutionDto,
  QueryProjectsDto,
  QueryWarningsDto,
  UpdateFundingLineDto,
  UpdatePaymentDto,
  UpdateProjectDto,
} from './dto/budget.dto.js';
import { PAYMENT_IMPORT_MAX_BYTES, PaymentImportService } from './payment-import.service.js';
import { decodeUploadFileName } from '../spreadsheets/download.js';
import { fileMissing } from '../spreadsheets/file-rejection.js';
import { UploadLimit } from '../spreadsheets/upload-limit.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import {
  type BudgetProject,
  type BudgetWarning,
  type FundingLine,
  type Payment,
  type PaymentImportResult,
  type ProjectExecution,
} from '@app/contracts';

/** The part of an uploaded file's object we use (memory storage). */
interface UploadedXlsx {
  buffer: Buffer;
  originalname?: string;
}

const uuid = new ParseUuidPipe();
// District staff and leaders write their own division's budget; the city reads; admin does everything.

@ApiTags('budget')
@ApiBearerAuth()
@Controller({ path: 'budget', version: '1' })
export class BudgetController {
  constructor(
    private readonly service: BudgetService,
    private readonly imports: PaymentImportService,
    private readonly watch: BudgetWatchService,
  ) {}

  @Get('projects')
  @ApiOperation({ summary: 'Budget projects in your scope (?year=2021&divisionCode=510403)' })
  listProjects(@CurrentScope() scope: DivisionScope, @Query() query: QueryProjectsDto): Promise<BudgetProject[]> {
    return this.service.listProjects(scope, query);
  }

  @Post('projects')
  @ApiOperation({ summary: 'Create a project (code unique per division and year)' })
  createProject(@CurrentScope() scope: DivisionScope, @Body() body: CreateProjectDto): Promise<BudgetProject> {
    return this.service.createProject(scope, body);
  }

  @Get('projects/:id')
  getProject(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<BudgetProject> {
    return this.service.getProject(scope, id);
  }

  @Patch('projects/:id')
  updateProject(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: UpdateProjectDto): Promise<BudgetProject> {
    return this.service.updateProject(scope, id, body);
  }

  @Delete('projects/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a project without payments (409 otherwise)' })
  async deleteProject(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<void> {
    await this.service.deleteProject(scope, id);
  }

  @Get('projects/:id/funding-lines')
  @ApiOperation({ summary: 'Funding lines of a project with what each has executed over the year' })
  listFundingLines(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<FundingLine[]> {
    return this.service.listLines(scope, id);
  }

  @Post('projects/:id/funding-lines')
  createFundingLine(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: CreateFundingLineDto): Promise<FundingLine> {
    return this.service.createLine(scope, id, body);
  }

  @Patch('funding-lines/:lineId')
  updateFundingLine(@CurrentScope() scope: DivisionScope, @Param('lineId', uuid) lineId: string, @Body() body: UpdateFundingLineDto): Promise<FundingLine> {
    return this.service.updateLine(scope, lineId, body);
  }

  @Delete('funding-lines/:lineId')
  @HttpCode(204)
  async deleteFundingLine(@CurrentScope() scope: DivisionScope, @Param('lineId', uuid) lineId: string): Promise<void> {
    await this.service.deleteLine(scope, lineId);
  }

  @Get('projects/:id/payments')
  listPayments(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<Payment[]> {
    return this.service.listPayments(scope, id);
  }

  @Post('projects/:id/payments')
  @ApiOperation({ summary: 'Record a payment: amount > 0 (元, ≤ 2 decimals), a day of the project year, a line of this project (422 otherwise)' })
  createPayment(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: CreatePaymentDto): Promise<Payment> {
    return this.service.createPayment(scope, id, body);
  }

  @Post('projects/:id/payments/import')
  @UploadLimit(() => PAYMENT_IMPORT_MAX_BYTES, FileInterceptor('file', { limits: { fileSize: PAYMENT_IMPORT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportPaymentsDto })
  @ApiOperation({
    summary: 'Import payments from XLSX or CSV (日期, 金额(元), 资金来源/资金行, 功能分类科目, 经济分类科目, 摘要)',
    description: 'All or nothing: any bad row → 422 ROWS_REJECTED listing every row error (row + column + code + message + messageEn) and nothing is written; otherwise every row is inserted in one transaction.',
  })
  importPayments(
    @CurrentScope() scope: DivisionScope,
    @Param('id', uuid) id: string,
    @UploadedFile() file: UploadedXlsx | undefined,
  ): Promise<PaymentImportResult> {
    if (!file) throw fileMissing();
    return this.imports.importPayments(scope, id, { buffer: file.buffer, filename: decodeUploadFileName(file.originalname) });
  }

  @Patch('payments/:paymentId')
  updatePayment(@CurrentScope() scope: DivisionScope, @Param('paymentId', uuid) paymentId: string, @Body() body: UpdatePaymentDto): Promise<Payment> {
    return this.service.updatePayment(scope, paymentId, body);
  }

  @Delete('payments/:paymentId')
  @HttpCode(204)
  async deletePayment(@CurrentScope() scope: DivisionScope, @Param('paymentId', uuid) paymentId: string): Promise<void> {
    await this.service.deletePayment(scope, paymentId);
  }

  @Get('projects/:id/execution')
  @ApiOperation({
    summary: 'Execution by funding line, in total and cumulative by month, against 序时进度',
    description:
      'rate = executed ÷ adjusted budget. 序时进度: monthly m/12 (or the 用款计划) at the end of the last complete month, or daily (day of year ÷ days in year). ' +
      'gapPoints = rate − pace in percentage points; status green/yellow/red by BUDGET_PACE_* cut-offs (red at year end below 90%); projected year-end rate at the current pace.',
  })
  getExecution(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Query() query: QueryExecutionDto): Promise<ProjectExecution> {
    return this.service.getExecution(scope, id, query);
  }

  @Get('warnings')
  @ApiOperation({ summary: 'Warnings raised by budget-watch (?open=true for the open ones)' })
  listWarnings(@CurrentScope() scope: DivisionScope, @Query() query: QueryWarningsDto): Promise<BudgetWarning[]> {
    return this.watch.listWarnings(scope, query);
  }
}
