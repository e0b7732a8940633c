import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RankingService } from './ranking.service.js';
import { PublishRankingDto, QueryRankTrendDto, QueryRankingDto } from './dto/ranking.dto.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type RankTrendMonth, type Ranking, type RankingModel, type RankingModelsResponse } from '@app/contracts';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller({ path: 'rankings', version: '1' })
export class RankingController {
  constructor(private readonly service: RankingService) {}

  @Get()
  @ApiOperation({ summary: "A city's ranking of its districts for a month (our transparent index, not the official formula)" })
  getRanking(@CurrentScope() scope: DivisionScope, @Query() query: QueryRankingDto): Promise<Ranking> {
    return this.service.getRanking(scope, query.city, query.month, query.basis);
  }

  @Get('trend')
  @ApiOperation({ summary: 'Rank of every division per month' })
  getRankTrend(@CurrentScope() scope: DivisionScope, @Query() query: QueryRankTrendDto): Promise<RankTrendMonth[]> {
    return this.service.rankTrend(scope, query.city, query.from, query.to, query.basis);
  }

  @Post('publish')
  @ApiOperation({ summary: 'Publish (freeze) the month’s ranking of a city: values, ranks and model version (city users)' })
  publishRanking(@CurrentScope() scope: DivisionScope, @CurrentUser() user: AuthenticatedUser, @Body() body: PublishRankingDto): Promise<Ranking[]> {
    return this.service.publish(scope, user, body.city, body.month);
  }

  @Post('drafts')
  @ApiOperation({ summary: 'Store the month’s live rankings (both bases) as draft versions where they changed (city users); reads never store' })
  saveDrafts(@CurrentScope() scope: DivisionScope, @Body() body: PublishRankingDto): Promise<Ranking[]> {
    return this.service.saveDrafts(scope, body.city, body.month);
  }

  @Get('models')
  @ApiOperation({ summary: 'The active ranking model and the stored versions' })
  listModels(): Promise<RankingModelsResponse> {
    return this.service.listModels();
  }

  @Post('models')
  @ApiOperation({ summary: 'Store a new model version and make it active (admin); validated field by field' })
  createModel(@Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser): Promise<RankingModel> {
    return this.service.createModel(body, user);
  }
}
