import { Controller, Get, Headers, Query, Res, StreamableFile, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import ExcelJS from 'exceljs';
import { type Response } from 'express';
import { PanelFactsRepository } from './panel-facts.repository.js';
import { PanelsService } from './panels.service.js';
import { QueryPanelDto, QueryPanelFactsDto, QueryTrendDto } from './dto/panel.dto.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { firstDayOfMonth, lastDayOfMonth } from '@app/kpi-core';
import { type FactPage, type MetricTrend } from '@app/contracts';

@ApiTags('panels')
@ApiBearerAuth()
@Controller({ path: 'panels', version: '1' })
export class PanelsController {
  constructor(
    private readonly service: PanelsService,
    private readonly facts: PanelFactsRepository,
    private readonly divisions: DivisionsService,
  ) {}

  @Get('monthly')
  @ApiOperation({ summary: 'The monthly KPI panel: value, 环比, 同比, 年累计, cumulative, target, 序时进度, status, projection, rank (ETag; 304 on a matching If-None-Match)' })
  @ApiOkResponse({ description: 'MonthlyPanel (@app/contracts)' })
  async getMonthlyPanel(
    @CurrentScope() scope: DivisionScope,
    @Query() query: QueryPanelDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const answer = await this.service.getMonthlyPanelAnswer(scope, query.division, query.month, ifNoneMatch);
    // Browsers keep the panel and revalidate it on every use (no-cache): a 304 costs no computation.
    response.setHeader('ETag', answer.etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (answer.json === null) {
      response.status(304).end();
      return;
    }
    // The JSON text is sent as it was cached, not serialised again.
    response.status(200).type('application/json').send(answer.json);
  }

  @Get('trend')
  @ApiOperation({ summary: 'Monthly values of the last N months per metric (12-month trend)' })
  getTrend(@CurrentScope() scope: DivisionScope, @Query() query: QueryTrendDto): Promise<MetricTrend> {
    return this.service.getTrend(scope, query.division, query.month, query.months, query.metrics?.split(',').map((m) => m.trim()).filter(Boolean));
  }

  @Get('facts')
  @ApiOperation({ summary: 'Drill-through: the facts behind a card (JSON page, or the whole list as XLSX)' })
  async getPanelFacts(@CurrentScope() scope: DivisionScope, @Query() query: QueryPanelFactsDto, @Res({ passthrough: true }) response: Response): Promise<FactPage | StreamableFile> {
    scope.assertCovers(query.division);
    if (!this.facts.supports(query.metric)) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'metric', message: `no drill-through for ${query.metric} / 该指标没有明细可查` }] });
    }
    const codes = await this.divisions.subtreeCodes(query.division);
    const from = firstDayOfMonth(query.month);
    const to = lastDayOfMonth(query.month);
    if (query.format === 'xlsx') {
      const page = await this.facts.findPage(query.metric, codes, from, to, 0, null);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(query.month);
      sheet.columns = page.columns.map((c) => ({ header: c.zh, key: c.key, width: 18 }));
      for (const row of page.rows) sheet.addRow(row);
      sheet.getRow(1).font = { bold: true };
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.setHeader('Content-Disposition', `attachment; filename="${query.division}-${query.month}-${query.metric}.xlsx"`);
      return new StreamableFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    }
    const page = await this.facts.findPage(query.metric, codes, from, to, (query.page - 1) * query.pageSize, query.pageSize);
    return { ...page, page: query.page, pageSize: query.pageSize };
  }
}
