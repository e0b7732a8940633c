import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { PanelFactsService } from './panel-facts.service.js';
import { PanelsService } from './panels.service.js';
import { QueryPanelDto, QueryPanelFactsDto, QueryTrendDto } from './dto/panel.dto.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type FactPage, type MetricTrend } from '@app/contracts';

@ApiTags('panels')
@ApiBearerAuth()
@Controller({ path: 'panels', version: '1' })
export class PanelsController {
  constructor(
    private readonly service: PanelsService,
    private readonly facts: PanelFactsService,
  ) {}

  @Get('monthly')
  @ApiOperation({ summary: 'The monthly KPI panel: value, 环比, 同比, 年累计, cumulative, target, 序时进度, status, projection, rank (ETag; 304 on a matching If-None-Match)' })
  @ApiOkResponse({ description: 'MonthlyPanel (@app/contracts)' })
  async getMonthlyPanel(
    @CurrentScope() scope: DivisionScope,
    @Query() query: QueryPanelDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.service.getMonthlyPanelAnswer(scope, query.division, query.month, ifNoneMatch);
    // Browsers keep the panel and revalidate it on every use (no-cache): a 304 costs no computation.
    reply.header('ETag', answer.etag).header('Cache-Control', 'private, no-cache');
    if (answer.body === null) {
      await reply.status(304).send();
      return;
    }
    // The JSON is sent as it was cached, neither serialised nor encoded again.
    await reply.status(200).type('application/json; charset=utf-8').send(answer.body);
  }

  @Get('trend')
  @ApiOperation({ summary: 'Monthly values of the last N months per metric (12-month trend)' })
  getTrend(@CurrentScope() scope: DivisionScope, @Query() query: QueryTrendDto): Promise<MetricTrend> {
    return this.service.getTrend(scope, query.division, query.month, query.months, query.metrics?.split(',').map((m) => m.trim()).filter(Boolean));
  }

  @Get('facts')
  @ApiOperation({
    summary: 'Drill-through: the facts behind a card (JSON page, or the whole list as XLSX/CSV)',
    description: 'Files are streamed, with a 合计 row equal to the card; more than EXPORT_MAX_ROWS rows → 422 EXPORT_TOO_LARGE (params.maxRows) before anything is written.',
  })
  async getPanelFacts(@CurrentScope() scope: DivisionScope, @Query() query: QueryPanelFactsDto, @Res() reply: FastifyReply): Promise<void> {
    if (query.format === 'json') {
      const page: FactPage = await this.facts.getPage(scope, query, query.page, query.pageSize);
      await reply.send(page);
      return;
    }
    await this.facts.export(scope, query, query.format, reply);
  }
}
