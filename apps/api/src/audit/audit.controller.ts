import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service.js';
import { QueryAuditDto } from './audit.dto.js';
import { type AuditEntry, type Page } from '@app/contracts';

@ApiTags('audit')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of every write: who, when, what, before/after (admin)' })
  listAuditEntries(@Query() query: QueryAuditDto): Promise<Page<AuditEntry>> {
    return this.service.listEntries(query);
  }
}
