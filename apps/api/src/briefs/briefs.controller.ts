import { Body, Controller, Get, Header, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { BriefsService } from './briefs.service.js';
import { BriefFormatDto, CreateBriefDto, QueryBriefsDto } from './dto/brief.dto.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type Brief, type BriefSummaryItem } from '@app/contracts';

@ApiTags('briefs')
@ApiBearerAuth()
@Controller({ path: 'briefs', version: '1' })
export class BriefsController {
  constructor(private readonly service: BriefsService) {}

  @Get()
  @ApiOperation({ summary: 'Monthly briefs in the caller’s scope, newest first (every version)' })
  list(@CurrentScope() scope: DivisionScope, @Query() query: QueryBriefsDto): Promise<BriefSummaryItem[]> {
    return this.service.list(scope, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A brief: its stored figures and text' })
  get(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string): Promise<Brief> {
    return this.service.get(scope, id);
  }

  @Get(':id/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The brief as the A4 page the PDF is printed from' })
  html(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string, @Query() query: BriefFormatDto): Promise<string> {
    return this.service.html(scope, id, query.lang);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The brief as PDF (A4, fonts embedded); 503 when the server has no Chromium' })
  async pdf(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string, @Query() query: BriefFormatDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { brief, bytes } = await this.service.pdfOf(scope, id, query.lang);
    const name = `${brief.divisionName}-${brief.month}-月度工作简报-v${brief.version}.pdf`;
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', `attachment; filename="brief-${brief.division}-${brief.month}-v${brief.version}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return new StreamableFile(bytes);
  }

  @Post()
  @ApiOperation({ summary: 'Issue (or re-issue as a new version) the brief of a division and a closed month (city users, admin)' })
  create(@CurrentScope() scope: DivisionScope, @CurrentUser() user: AuthenticatedUser, @Body() body: CreateBriefDto): Promise<Brief> {
    return this.service.issueOnDemand(scope, body.division, body.month, user.username);
  }
}
