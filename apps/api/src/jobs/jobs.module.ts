import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobRunEntity } from './entities/job-run.entity.js';
import { JobRunner } from './job-runner.service.js';
import { JobRunsRepository } from './job-runs.repository.js';
import { JobSchedulerService } from './job-scheduler.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { SessionCleanupJob } from './session-cleanup.job.js';
import { AuthModule } from '../auth/auth.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { KpiModule } from '../kpi/kpi.module.js';
import { RankingModule } from '../ranking/ranking.module.js';
import { UsersModule } from '../users/users.module.js';
import { BudgetModule } from '../budget/budget.module.js';
import { BriefsModule } from '../briefs/briefs.module.js';
import { NotifyModule } from '../notify/notify.module.js';
import { NoticeOutboxModule } from '../notify/outbox/notice-outbox.js';

@Module({
  imports: [TypeOrmModule.forFeature([JobRunEntity]), AuthModule, UsersModule, ImportsModule, KpiModule, RankingModule, BudgetModule, BriefsModule, NotifyModule, NoticeOutboxModule],
  controllers: [JobsController],
  providers: [JobRunner, JobRunsRepository, JobSchedulerService, JobsService, SessionCleanupJob],
  exports: [JobRunner],
})
export class JobsModule {}
