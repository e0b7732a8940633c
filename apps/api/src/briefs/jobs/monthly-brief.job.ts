import { Injectable, Logger } from '@nestjs/common';
import { BriefsRepository } from '../briefs.repository.js';
import { BriefsService } from '../briefs.service.js';
import { RankingRepository } from '../../ranking/ranking.repository.js';
import { addMonths, shanghaiMonth } from '@app/kpi-core';
import { type JobName } from '@app/contracts';

export const MONTHLY_BRIEF_JOB: JobName = 'monthly-brief';
// Missed runs are caught up within a year; older months are left to POST /briefs.
const CATCH_UP_MONTHS = 12;

/**
 * After the monthly close (JOB_MONTHLY_BRIEF_CRON, the 3rd at 08:00 Beijing time by default):
 * issues the brief of every city and each of its districts for each month the close has closed
 * that has none yet. A brief already issued is left alone (a re-issue is POST /briefs).
 */
@Injectable()
export class MonthlyBriefJob {
  private readonly logger = new Logger(MonthlyBriefJob.name);

  constructor(
    private readonly repository: BriefsRepository,
    private readonly briefs: BriefsService,
    private readonly rankings: RankingRepository,
  ) {}

  async handle(now = new Date()): Promise<{ rows: number }> {
    const lastMonth = addMonths(shanghaiMonth(now), -1);
    let issued = 0;
    for (const city of await this.rankings.findRankingCities()) {
      const divisions = [city, ...(await this.rankings.findCounties(city)).map((c) => c.code)];
      // From the month after the city's newest brief (a missed run is caught up), or just last month the first time.
      const newest = await this.repository.newestMonth(city);
      const earliest = addMonths(lastMonth, -(CATCH_UP_MONTHS - 1));
      const from = newest ? (addMonths(newest, 1) > earliest ? addMonths(newest, 1) : earliest) : lastMonth;
      for (const month of await this.repository.findClosedMonths(city, from)) {
        if (month > lastMonth) continue;
        for (const division of divisions) {
          if (await this.repository.exists(division, month)) continue;
          await this.briefs.issue(division, month, `job:${MONTHLY_BRIEF_JOB}`, now);
          issued++;
        }
      }
    }
    if (issued > 0) this.logger.log({ issued }, 'Monthly briefs issued');
    return { rows: issued };
  }
}
