import { Injectable, Logger } from '@nestjs/common';
import { RankingRepository } from '../ranking.repository.js';
import { RankingService } from '../ranking.service.js';
import { addMonths, monthRange, shanghaiMonth } from '@app/kpi-core';
import { type JobName } from '@app/contracts';

export const MONTHLY_CLOSE_JOB: JobName = 'monthly-close';
// A long outage is caught up, but never further back than this.
const MAX_CATCH_UP_MONTHS = 24;

/**
 * The 1st of the month, 02:00 Asia/Shanghai: prepares last month's rankings of every city as
 * drafts for the city to publish, and catches up any month a missed run left open.
 *
 * The work goes through the bulk path (`RankingService.closeMonths`: one read of the rollups for
 * every city and month, one transaction per month), which is also what bench:panels times as
 * `jobRankAndStoreSeconds`. A step added to the close (a monthly brief, …) belongs in `handle`,
 * after `closeMonths`, taking the same `open` pairs.
 */
@Injectable()
export class MonthlyCloseJob {
  private readonly logger = new Logger(MonthlyCloseJob.name);

  constructor(
    private readonly repository: RankingRepository,
    private readonly ranking: RankingService,
  ) {}

  async handle(now = new Date()): Promise<{ rows: number }> {
    const open = await this.openMonths(now);
    const { prepared, stored } = await this.closeMonths(open);
    if (prepared > 0) this.logger.log({ prepared, stored }, 'Monthly close prepared draft rankings');
    return { rows: prepared };
  }

  /** Ranks both bases of each (city, month) pair, stores those that changed as drafts and marks the pairs closed. */
  closeMonths(pairs: ReadonlyArray<{ city: string; month: string }>): Promise<{ prepared: number; stored: number }> {
    return this.ranking.closeMonths(pairs);
  }

  /** Last month and the months a missed run left open (at most MAX_CATCH_UP_MONTHS back), per city. */
  async openMonths(now = new Date()): Promise<Array<{ city: string; month: string }>> {
    const lastMonth = addMonths(shanghaiMonth(now), -1);
    const earliest = addMonths(lastMonth, -(MAX_CATCH_UP_MONTHS - 1));
    const open: Array<{ city: string; month: string }> = [];
    for (const city of await this.repository.findRankingCities()) {
      const closed = new Set(await this.repository.findClosedMonths(city));
      const latestClosed = [...closed].sort().at(-1);
      const start = latestClosed && latestClosed < lastMonth ? addMonths(latestClosed, 1) : lastMonth;
      for (const month of monthRange(start < earliest ? earliest : start, lastMonth)) if (!closed.has(month)) open.push({ city, month });
    }
    return open;
  }
}
