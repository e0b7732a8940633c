import { type DataSource } from 'typeorm';
import { addMonths, monthRange, shanghaiMonth } from '@app/kpi-core';
import { type RankingRepository } from '../../ranking/ranking.repository.js';
import { type RankingService } from '../../ranking/ranking.service.js';

// The city has published its ranking of every month since 2022 on the 5th of the month after.
// The month just closed is left to it (the monthly close prepares it as a draft), and 2021, the
// seed's year, stays unpublished, so the screens also show what "not published yet" looks like.
const PUBLISHED_FROM = '2022-01';
const PUBLISHED_BY = 'panzhihua';

/** Publishes the demo's past rankings of every ranking city (after the rollups are built). */
export async function loadRankingDemo(dataSource: DataSource, ranking: RankingService, repository: RankingRepository, now = new Date()): Promise<number> {
  const lastPublished = addMonths(shanghaiMonth(now), -2);
  if (lastPublished < PUBLISHED_FROM) return 0;
  const months = monthRange(PUBLISHED_FROM, lastPublished);
  const cities = await repository.findRankingCities();
  let published = 0;
  await dataSource.transaction(async (manager) => {
    for (const basis of ['month', 'ytd'] as const) {
      // One bulk read of the rollups for every city and month.
      const live = await ranking.computeMany(cities, months, basis);
      for (const city of cities) {
        for (const month of months) {
          const { model, inputs, entries } = live.get(`${city}|${month}`)!;
          const publishedAt = new Date(`${addMonths(month, 1)}-05T10:00:00+08:00`);
          await repository.insertNextVersion(
            { cityCode: city, month, basis, status: 'published', modelVersion: model.version, model, inputs, entries, publishedAt, publishedBy: PUBLISHED_BY },
            manager,
          );
          published++;
        }
      }
    }
    for (const city of cities) {
      await manager.query(`INSERT INTO monthly_close (city_code, month) SELECT $1, m FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`, [city, months]);
    }
  });
  return published;
}
