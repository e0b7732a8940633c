import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ParseYearPipe } from '../common/params.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DivisionsService } from './divisions.service.js';
import { DenominatorResponseDto, DivisionResponseDto, QueryDivisionsDto, UpsertDenominatorDto } from './dto/division.dto.js';
import { CurrentScope } from '../auth/auth.decorators.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionCodePipe } from '../common/division-code.pipe.js';

@ApiTags('divisions')
@ApiBearerAuth()
@Controller({ path: 'divisions', version: '1' })
export class DivisionsController {
  constructor(private readonly service: DivisionsService) {}

  @Get()
  @ApiOperation({ summary: 'List administrative divisions (GB/T 2260), e.g. ?parent=510400 for Panzhihua’s five' })
  listDivisions(@CurrentScope() scope: DivisionScope, @Query() query: QueryDivisionsDto): Promise<DivisionResponseDto[]> {
    return this.service.listDivisions(scope, query);
  }

  @Get(':code')
  getDivision(@CurrentScope() scope: DivisionScope, @Param('code', DivisionCodePipe) code: string): Promise<DivisionResponseDto> {
    return this.service.getDivision(scope, code);
  }

  @Get(':code/denominators')
  @ApiOperation({ summary: 'Denominators (population, households, villages, 规上企业) of a division in scope, by year' })
  listDenominators(@CurrentScope() scope: DivisionScope, @Param('code', DivisionCodePipe) code: string): Promise<DenominatorResponseDto[]> {
    return this.service.listDenominators(scope, code);
  }

  @Put(':code/denominators/:year')
  @ApiOperation({ summary: 'Create or update the denominators of a division and year (admin)' })
  upsertDenominator(
    @Param('code', DivisionCodePipe) code: string,
    @Param('year', new ParseYearPipe()) year: number,
    @Body() body: UpsertDenominatorDto,
  ): Promise<DenominatorResponseDto> {
    return this.service.upsertDenominator(code, year, body);
  }
}
