import { Module } from '@nestjs/common';
import { BriefBuilderService } from './brief-builder.service.js';
import { BriefPdfService } from './brief-pdf.service.js';
import { BriefSourcesRepository } from './brief-sources.repository.js';
import { BriefsController } from './briefs.controller.js';
import { BriefsRepository } from './briefs.repository.js';
import { BriefsService } from './briefs.service.js';
import { MonthlyBriefJob } from './jobs/monthly-brief.job.js';
import { BudgetModule } from '../budget/budget.module.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { NoticeOutboxModule } from '../notify/outbox/notice-outbox.js';
import { PanelsModule } from '../panels/panels.module.js';
import { RankingModule } from '../ranking/ranking.module.js';

@Module({
  imports: [PanelsModule, RankingModule, BudgetModule, DivisionsModule, NoticeOutboxModule],
  controllers: [BriefsController],
  providers: [BriefsRepository, BriefSourcesRepository, BriefBuilderService, BriefPdfService, BriefsService, MonthlyBriefJob],
  exports: [BriefsService, MonthlyBriefJob],
})
export class BriefsModule {}
