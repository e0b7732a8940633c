import { Logger } from '@nestjs/common';
import { type BriefsService } from '../../briefs/briefs.service.js';
import { MONTHLY_BRIEF_JOB } from '../../briefs/jobs/monthly-brief.job.js';
import { type NotifyDeliveryService } from '../../notify/notify-delivery.service.js';
import { type RankingRepository } from '../../ranking/ranking.repository.js';
import { addMonths, monthRange, shanghaiMonth } from '@app/kpi-core';

const logger = new Logger('NoticesDemo');

/**
 * The demo's briefs and bells (issue 15): the briefs of every city and district for the closed
 * months of the current year, as the monthly-brief job would have issued them, and the notices the
 * demo's own changes caused (budget-watch's warnings, the briefs) fanned out to each demo user's
 * bell. No channel is configured, so nothing leaves the demo.
 *
 * The briefs take a while (each is built from the panel, ranking, budget and event services), so
 * outside tests they are issued in the background after start-up; the tests, which start the app
 * once per file, issue their own and only fan out what the demo load caused.
 */
export async function loadNoticesDemo(
  briefs: BriefsService,
  rankings: RankingRepository,
  delivery: NotifyDeliveryService,
  options: { issueBriefs: boolean },
  now = new Date(),
): Promise<void> {
  await delivery.run(now);
  if (!options.issueBriefs) return;
  void (async () => {
    const thisMonth = shanghaiMonth(now);
    const lastClosed = addMonths(thisMonth, -2); // the demo's closed months end with the month before last
    const from = `${thisMonth.slice(0, 4)}-01`;
    if (lastClosed < from) return;
    let issued = 0;
    for (const city of await rankings.findRankingCities()) {
      const divisions = [city, ...(await rankings.findCounties(city)).map((c) => c.code)];
      for (const month of monthRange(from, lastClosed)) {
        for (const division of divisions) {
          await briefs.issue(division, month, `job:${MONTHLY_BRIEF_JOB}`, now);
          issued++;
        }
      }
    }
    await delivery.run();
    logger.log({ issued }, 'Demo briefs issued');
  })().catch((error) => logger.warn({ err: error }, 'Demo briefs not issued'));
}
