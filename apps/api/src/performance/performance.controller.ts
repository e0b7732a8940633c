import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { CreateIndicatorDto, CreateSelfEvaluationDto, QuerySelfEvaluationsDto, UpdateIndicatorDto, SubmitSelfEvaluationDto, UpdateSelfEvaluationDto } from './dto/performance.dto.js';
import { renderHtml, renderXlsx } from './export/self-evaluation-renderers.js';
import { buildSelfEvaluationSheet } from './export/self-evaluation-sheet.js';
import { IndicatorsService } from './indicators.service.js';
import { SelfEvaluationsService } from './self-evaluations.service.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type PerformanceIndicator, type SelfEvaluation, type SheetModel } from '@app/contracts';

const uuid = new ParseUuidPipe();
// Reviewers: the district leader signs off, the city may freeze or return its districts' tables.

@ApiTags('performance')
@ApiBearerAuth()
@Controller({ path: 'performance', version: '1' })
export class PerformanceController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly evaluations: SelfEvaluationsService,
  ) {}

  @Get('projects/:projectId/indicators')
  @ApiOperation({ summary: 'Indicators of a project, bound actuals computed on read (actualValue, actualSource with the records behind it)' })
  listIndicators(@CurrentScope() scope: DivisionScope, @Param('projectId', uuid) projectId: string): Promise<PerformanceIndicator[]> {
    return this.indicators.listIndicators(scope, projectId);
  }

  @Post('projects/:projectId/indicators')
  @ApiOperation({ summary: 'Add an indicator (level 2 from the fixed vocabulary; level 1 follows); 409 once the self-evaluation is submitted' })
  createIndicator(@CurrentScope() scope: DivisionScope, @Param('projectId', uuid) projectId: string, @Body() body: CreateIndicatorDto): Promise<PerformanceIndicator> {
    return this.indicators.createIndicator(scope, projectId, body);
  }

  @Patch('indicators/:id')
  updateIndicator(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: UpdateIndicatorDto): Promise<PerformanceIndicator> {
    return this.indicators.updateIndicator(scope, id, body);
  }

  @Delete('indicators/:id')
  @HttpCode(204)
  async deleteIndicator(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<void> {
    await this.indicators.deleteIndicator(scope, id);
  }

  @Get('self-evaluations')
  @ApiOperation({ summary: 'Self-evaluations in your scope (?year=&divisionCode=), each computed (or its frozen snapshot)' })
  listSelfEvaluations(@CurrentScope() scope: DivisionScope, @Query() query: QuerySelfEvaluationsDto): Promise<SelfEvaluation[]> {
    return this.evaluations.listEvaluations(scope, query);
  }

  @Post('self-evaluations')
  @ApiOperation({ summary: 'Start the self-evaluation of a project (template sichuan | mof | hubei | custom with customWeights)' })
  createSelfEvaluation(@CurrentScope() scope: DivisionScope, @Body() body: CreateSelfEvaluationDto): Promise<SelfEvaluation> {
    return this.evaluations.createEvaluation(scope, body);
  }

  @Get('self-evaluations/:id')
  @ApiOperation({ summary: 'The table: execution, every indicator’s completion and score, total, grade and the reasons still required' })
  getSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<SelfEvaluation> {
    return this.evaluations.getEvaluation(scope, id);
  }

  @Patch('self-evaluations/:id')
  @ApiOperation({ summary: 'Edit a draft: template, goals, execution and line reasons, sign-off fields (409 unless draft)' })
  updateSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: UpdateSelfEvaluationDto): Promise<SelfEvaluation> {
    return this.evaluations.updateEvaluation(scope, id, body);
  }

  @Delete('self-evaluations/:id')
  @HttpCode(204)
  async deleteSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<void> {
    await this.evaluations.deleteEvaluation(scope, id);
  }

  @Post('self-evaluations/:id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'draft → submitted; 422 listing every missing reason (execution < 90%, adjusted budgets, indicators short of target); 409 YEAR_IN_PROGRESS while the year is not over unless {early: true}',
  })
  submitSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Body() body: SubmitSelfEvaluationDto): Promise<SelfEvaluation> {
    return this.evaluations.submitEvaluation(scope, id, body?.early === true);
  }

  @Post('self-evaluations/:id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → frozen: the computed table is stored and never changes again' })
  freezeSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<SelfEvaluation> {
    return this.evaluations.freezeEvaluation(scope, id);
  }

  @Post('self-evaluations/:id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → draft (returned for corrections)' })
  reopenSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<SelfEvaluation> {
    return this.evaluations.reopenEvaluation(scope, id);
  }

  @Get('self-evaluations/:id/export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '项目支出绩效自评表 as XLSX (official layout: money in 万元, 2 decimals; merged level-1/level-2 cells)' })
  async exportSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string, @Res() reply: FastifyReply): Promise<void> {
    const evaluation = await this.evaluations.getEvaluation(scope, id);
    const buffer = await renderXlsx(buildSelfEvaluationSheet(evaluation));
    const fileName = `${evaluation.year}年${evaluation.projectName}绩效自评表.xlsx`;
    await reply
      .status(200)
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="self-evaluation-${evaluation.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(buffer);
  }

  @Get('self-evaluations/:id/print')
  @ApiOperation({ summary: 'Print model (JSON): the same cells and merged ranges as the XLSX, for the web print page' })
  async printSelfEvaluation(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<{ evaluation: SelfEvaluation; sheet: SheetModel }> {
    const evaluation = await this.evaluations.getEvaluation(scope, id);
    return { evaluation, sheet: buildSelfEvaluationSheet(evaluation) };
  }

  @Get('self-evaluations/:id/print.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Printable HTML page of the table (A4 landscape), rendered by the API from the same model' })
  async printSelfEvaluationHtml(@CurrentScope() scope: DivisionScope, @Param('id', uuid) id: string): Promise<string> {
    const evaluation = await this.evaluations.getEvaluation(scope, id);
    return renderHtml(buildSelfEvaluationSheet(evaluation), `${evaluation.projectName} 绩效自评表`);
  }
}
