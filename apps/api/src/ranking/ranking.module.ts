import { Module } from '@nestjs/common';
import { MonthlyCloseJob } from './jobs/monthly-close.job.js';
import { RankingController } from './ranking.controller.js';
import { RankingRepository } from './ranking.repository.js';
import { RankingService } from './ranking.service.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { KpiModule } from '../kpi/kpi.module.js';
import { NoticeOutboxModule } from '../notify/outbox/notice-outbox.js';

@Module({
  imports: [KpiModule, DivisionsModule, NoticeOutboxModule],
  controllers: [RankingController],
  providers: [RankingRepository, RankingService, MonthlyCloseJob],
  exports: [RankingService, RankingRepository, MonthlyCloseJob],
})
export class RankingModule {}
