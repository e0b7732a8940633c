import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUuidPipe, ParseYearPipe } from '../common/params.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from './accounts.service.js';
import {
  AccountsCheckResponseDto, AccountsFigureDto, AccountsFindingDto, AccountsStatementDto, DecideFindingDto, QueryFindingsDto,
} from './dto/accounts.dto.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionCodePipe } from '../common/division-code.pipe.js';

const yearPipe = new ParseYearPipe();

// Every role may read and check the accounts of the divisions in its scope (leader/staff: their own; city, admin).
@ApiTags('accounts')
@ApiBearerAuth()
@Controller({ path: 'accounts', version: '1' })
export class AccountsController {
  constructor(private readonly service: AccountsService) {}

  @Get(':division/:year/figures')
  @ApiOperation({ summary: 'Line items of the year’s final accounts, as printed (and in 元)' })
  listAccountsFigures(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', yearPipe) year: number,
  ): Promise<AccountsFigureDto[]> {
    return this.service.listFigures(scope, division, year);
  }

  @Get(':division/:year/statements')
  @ApiOperation({ summary: 'Figures the published narrative states, and where they stand' })
  listAccountsStatements(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', yearPipe) year: number,
  ): Promise<AccountsStatementDto[]> {
    return this.service.listStatements(scope, division, year);
  }

  @Post(':division/:year/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the consistency rules; the open findings are replaced, confirmed and dismissed ones kept' })
  checkAccounts(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', yearPipe) year: number,
  ): Promise<AccountsCheckResponseDto> {
    return this.service.checkAccounts(scope, division, year);
  }

  @Get(':division/:year/findings')
  @ApiOperation({ summary: 'Findings of the last check, filtered by rule, severity, status or IC id' })
  listAccountsFindings(
    @CurrentScope() scope: DivisionScope,
    @Param('division', DivisionCodePipe) division: string,
    @Param('year', yearPipe) year: number,
    @Query() query: QueryFindingsDto,
  ): Promise<AccountsFindingDto[]> {
    return this.service.listFindings(scope, division, year, query);
  }

  @Patch('findings/:id')
  @ApiOperation({ summary: 'Confirm or dismiss a finding (a note is required to dismiss)' })
  decideFinding(
    @CurrentScope() scope: DivisionScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUuidPipe()) id: string,
    @Body() body: DecideFindingDto,
  ): Promise<AccountsFindingDto> {
    return this.service.decideFinding(scope, id, body, user.id);
  }
}
