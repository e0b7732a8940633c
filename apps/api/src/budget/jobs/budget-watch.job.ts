import { Injectable } from '@nestjs/common';
import { BudgetWatchService } from '../budget-watch.service.js';
import { type JobName } from '@app/contracts';

export const BUDGET_WATCH_JOB: JobName = 'budget-watch';

/** Daily by default (JOB_BUDGET_WATCH_CRON, 07:00 Asia/Shanghai): execution against 序时进度 → budget_warning rows. */
@Injectable()
export class BudgetWatchJob {
  constructor(private readonly watch: BudgetWatchService) {}

  async handle(): Promise<{ rows: number }> {
    const { raised, cleared } = await this.watch.watch();
    return { rows: raised + cleared };
  }
}
