import { Injectable, Logger } from '@nestjs/common';
import { RankingRepository } from '../ranking.repository.js';
import { RankingService } from '../ranking.service.js';
import { addMonths, monthRange, shanghaiMonth } from '@app/kpi-core';

export const MONTHLY_CLOSE_JOB = 'monthly-close';
// A long outage is caught up, but never further back than this.
const MAX_CATCH_UP_MONTHS = 24;

/**
 * The 1st of the month, 02:00 Asia/Shanghai: prepares last month's rankings of every city as
 * drafts for the city to publish, and catches up any month a missed run left open.
 */
@Injectable()
export class MonthlyCloseJob {
  private readonly logger = new Logger(MonthlyCloseJob.name);

  constructor(
    private readonly repository: RankingRepository,
    private readonly ranking: RankingService,
  ) {}

  async handle(now = new Date()): Promise<{ rows: number }> {
    const lastMonth = addMonths(shanghaiMonth(now), -1);
    let prepared = 0;
    for (const city of await this.repository.findRankingCities()) {
      const closed = new Set(await this.repository.findClosedMonths(city));
      const latestClosed = [...closed].sort().at(-1);
      const start = latestClosed && latestClosed < lastMonth ? addMonths(latestClosed, 1) : lastMonth;
      const months = monthRange(start < addMonths(lastMonth, -(MAX_CATCH_UP_MONTHS - 1)) ? addMonths(lastMonth, -(MAX_CATCH_UP_MONTHS - 1)) : start, lastMonth);
      for (const month of months.filter((m) => !closed.has(m))) {
        for (const basis of ['month', 'ytd'] as const) {
          await this.ranking.prepareDraft(city, month, basis);
          prepared++;
        }
        await this.repository.markClosed(city, month);
      }
    }
    if (prepared > 0) this.logger.log({ prepared }, 'Monthly close prepared draft rankings');
    return { rows: prepared };
  }
}
