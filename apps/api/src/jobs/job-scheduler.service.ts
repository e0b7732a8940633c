import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { JobRunner } from './job-runner.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SessionCleanupJob, SESSION_CLEANUP_JOB } from './session-cleanup.job.js';
import { RollupVerifyJob, ROLLUP_VERIFY_JOB } from '../kpi/jobs/rollup-verify.job.js';
import { MonthlyCloseJob, MONTHLY_CLOSE_JOB } from '../ranking/jobs/monthly-close.job.js';
import { PlatformSyncJob, PLATFORM_SYNC_JOB } from '../imports/jobs/platform-sync.job.js';
import { BudgetWatchJob, BUDGET_WATCH_JOB } from '../budget/jobs/budget-watch.job.js';
import { MonthlyBriefJob, MONTHLY_BRIEF_JOB } from '../briefs/jobs/monthly-brief.job.js';
import { NotifyDeliveryJob, NOTIFY_DELIVERY_JOB } from '../notify/jobs/notify-delivery.job.js';
import { type RunJobResult, type ScheduledJob } from '@app/contracts';

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/** A job as configured: what the API lists, and the work it runs. */
interface ScheduledJobDefinition extends ScheduledJob {
  handle(): Promise<{ rows?: number } | void>;
}

/**
 * Registers each enabled job's cron (Asia/Shanghai) from configuration, so schedules and
 * on/off switches are settings, not code. Every tick goes through JobRunner (lock, record, retry).
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulerService.name);
  private readonly jobs: ScheduledJobDefinition[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    sessionCleanup: SessionCleanupJob,
    rollupVerify: RollupVerifyJob,
    monthlyClose: MonthlyCloseJob,
    platformSync: PlatformSyncJob,
    budgetWatch: BudgetWatchJob,
    monthlyBrief: MonthlyBriefJob,
    notifyDelivery: NotifyDeliveryJob,
  ) {
    this.jobs = [
      { name: SESSION_CLEANUP_JOB, ...config.jobs.sessionCleanup, handle: () => sessionCleanup.handle() },
      { name: ROLLUP_VERIFY_JOB, ...config.jobs.rollupVerify, handle: () => rollupVerify.handle() },
      { name: MONTHLY_CLOSE_JOB, ...config.jobs.monthlyClose, handle: () => monthlyClose.handle() },
      { name: PLATFORM_SYNC_JOB, ...config.jobs.platformSync, handle: () => platformSync.handle() },
      { name: BUDGET_WATCH_JOB, ...config.jobs.budgetWatch, handle: () => budgetWatch.handle() },
      { name: MONTHLY_BRIEF_JOB, ...config.jobs.monthlyBrief, handle: () => monthlyBrief.handle() },
      { name: NOTIFY_DELIVERY_JOB, ...config.jobs.notifyDelivery, handle: () => notifyDelivery.handle() },
    ];
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) {
      this.logger.log('Scheduled jobs are switched off (JOBS_ENABLED=false)');
      return;
    }
    for (const job of this.jobs.filter((j) => j.enabled)) {
      const cron = CronJob.from({
        cronTime: job.cron,
        timeZone: SCHEDULE_TIME_ZONE,
        onTick: () => void this.runNow(job.name).catch((error) => this.logger.error({ err: error, job: job.name }, 'Job tick failed')),
        start: true,
      });
      this.registry.addCronJob(job.name, cron);
      this.logger.log({ job: job.name, cron: job.cron }, 'Job scheduled');
    }
  }

  runNow(name: string): Promise<RunJobResult> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`Unknown job ${name}`);
    return this.runner.run(job.name, () => job.handle());
  }

  list(): ScheduledJob[] {
    return this.jobs.map(({ name, cron, enabled }) => ({ name, cron, enabled: enabled && this.config.jobs.enabled }));
  }
}
