import { type DataSource } from 'typeorm';
import { addMonths, monthRange, shanghaiMonth } from '@app/kpi-core';
import { type RankingRepository } from '../../ranking/ranking.repository.js';
import { type RankingService } from '../../ranking/ranking.service.js';

// The city has published its ranking every month since 2022, a few days after the month, as the
// monthly close leaves them; the month just closed is left as a draft for it to publish in the
// demo. 2021 stays unpublished (the seed's year: the screens show what "not published" looks like).
const PUBLISHED_FROM = '2022-01';
const PUBLISHED_BY = 'panzhihua';

/** Publishes the demo's past rankings of every ranking city (after the rollups are built). */
export async function loadRankingDemo(dataSource: DataSource, ranking: RankingService, repository: RankingRepository, now = new Date()): Promise<number> {
  const lastClosed = addMonths(shanghaiMonth(now), -2);
  if (lastClosed < PUBLISHED_FROM) return 0;
  const months = monthRange(PUBLISHED_FROM, lastClosed);
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
