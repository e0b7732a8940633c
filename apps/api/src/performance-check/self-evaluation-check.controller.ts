import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SelfEvaluationCheckService } from './self-evaluation-check.service.js';
import { SelfEvaluationCheckDto, SelfEvaluationCheckResponseDto } from './dto/self-evaluation-check.dto.js';

@ApiTags('self-evaluations')
@ApiBearerAuth()
@Controller({ path: 'self-evaluations', version: '1' })
export class SelfEvaluationCheckController {
  constructor(private readonly service: SelfEvaluationCheckService) {}

  // Any signed-in role: nothing is read or stored, the table comes in the request.
  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a filled 项目支出绩效自评表 as printed: recomputed rates, scores, total and grade, and every disagreement' })
  checkSelfEvaluationTable(@Body() body: SelfEvaluationCheckDto): SelfEvaluationCheckResponseDto {
    return this.service.checkTable(body);
  }
}
