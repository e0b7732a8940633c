import request from 'supertest';
import { RollupsService } from '../../apps/api/src/kpi/rollups.service.js';
import { MonthlyCloseJob } from '../../apps/api/src/ranking/jobs/monthly-close.job.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { addMonths, shanghaiMonth } from '@app/kpi-core';
import { METRIC_CATALOGUE, type MonthlyPanel, type PanelMetric, type Ranking, type RankingModelsResponse } from '@app/contracts';

const metricOf = (panel: MonthlyPanel, code: string): PanelMetric => {
  const metric = panel.metrics.find((m) => m.code === code);
  if (!metric) throw new Error(`no metric ${code}`);
  return metric;
};

describe('KPI panels, targets and rankings (e2e)', () => {
  let app: TestApp;
  let leader: string;
  let city: string;

  beforeAll(async () => {
    app = await startTestApp();
    leader = await loginAs(app, 'xiqu-leader');
    city = await loginAs(app, 'panzhihua');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('monthly panel', () => {
    it('should show the seed’s cumulative figures for West District at 2021-11 exactly', async () => {
      const { body } = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${leader}`).expect(200);
      const panel = body as MonthlyPanel;
      expect(panel).toMatchObject({ division: '510403', month: '2021-11' });
      expect(metricOf(panel, 'deals.tech_service.count').cumulative).toBe(216);
      expect(metricOf(panel, 'deals.tech_service.amount').cumulative).toBe('92708000.00');
      expect(metricOf(panel, 'deals.research_project.count').cumulative).toBe(12);
      expect(metricOf(panel, 'deals.research_project.amount').cumulative).toBe('417900000.00');
      expect(metricOf(panel, 'deals.achievement_transfer.count').cumulative).toBe(1);
      expect(metricOf(panel, 'deals.achievement_transfer.amount').cumulative).toBe('1500000.00');
      expect(metricOf(panel, 'registrations.total.count').cumulative).toBe(7585);
      expect(metricOf(panel, 'popsci.households').cumulative).toBe(1723);
      expect(metricOf(panel, 'popsci.person_times').cumulative).toBe(691200);
    });

    it('should compute month-on-month, year-to-date, target completion and pace from the rollups', async () => {
      const { body } = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${leader}`).expect(200);
      const deals = metricOf(body, 'deals.tech_service.count');
      const trend = await request(app.http).get('/api/v1/panels/trend?division=510403&month=2021-11&months=12&metrics=deals.tech_service.count').set('Authorization', `Bearer ${leader}`).expect(200);
      const values = trend.body.series[0].values as number[];
      expect(trend.body.months).toHaveLength(12);
      expect(values.at(-1)).toBe(deals.value);
      expect(values.at(-2)).toBe(deals.previous);
      const ytd = values.slice(1).reduce((a, b) => a + b, 0); // 2021-01 … 2021-11 are the last 11 of 12
      expect(deals.ytd).toBe(ytd);
      expect(deals.target).toBe(200);
      expect(deals.targetCompletion).toBeCloseTo((ytd / 200) * 100, 2);
      // West District's deals target follows a monthly plan: the pace is the plan's share to November.
      expect(deals.pace).toBeCloseTo((88 / 100) * 100, 2);
      expect(['green', 'yellow', 'red']).toContain(deals.status);
      expect(deals.projection).toMatchObject({ monthsLeft: 1 });
    });

    it('should aggregate a city as the sum of its divisions', async () => {
      const cityPanel = (await request(app.http).get('/api/v1/panels/monthly?division=510400&month=2021-11').set('Authorization', `Bearer ${city}`).expect(200)).body as MonthlyPanel;
      let sum = 0;
      for (const code of ['510402', '510403', '510411', '510421', '510422']) {
        const panel = (await request(app.http).get(`/api/v1/panels/monthly?division=${code}&month=2021-11`).set('Authorization', `Bearer ${city}`).expect(200)).body as MonthlyPanel;
        sum += metricOf(panel, 'deals.tech_service.count').value as number;
      }
      expect(metricOf(cityPanel, 'deals.tech_service.count').value).toBe(sum);
      expect(cityPanel.rank).toBeNull();
    });

    it('should refuse another district’s panel with 403 and a bad month with 422', async () => {
      await request(app.http).get('/api/v1/panels/monthly?division=510402&month=2021-11').set('Authorization', `Bearer ${leader}`).expect(403);
      const bad = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-13').set('Authorization', `Bearer ${leader}`).expect(422);
      // Query fields are named as such; each detail has a code, Chinese in message and English in messageEn.
      expect(bad.body.errors[0]).toMatchObject({ field: 'query.month', code: 'BAD_MONTH', message: expect.stringMatching(/[\u4e00-\u9fff]/), messageEn: expect.stringMatching(/YYYY-MM/) });
      const noDrill = await request(app.http).get('/api/v1/panels/facts?division=510403&month=2021-11&metric=popsci.no_such').set('Authorization', `Bearer ${leader}`).expect(422);
      expect(noDrill.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'query.metric', code: 'NO_DRILL_THROUGH', message: '该指标没有明细可查', messageEn: 'no drill-through for popsci.no_such' }] });
      // The metric's kind is part of the drill-through's SQL: anything but a catalogue code is refused first.
      const injected = encodeURIComponent("listings.need' OR '1'='1");
      const refused = await request(app.http).get(`/api/v1/panels/facts?division=510403&month=2021-11&metric=${injected}`).set('Authorization', `Bearer ${leader}`).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'query.metric' })]);
      await request(app.http).get('/api/v1/panels/facts?division=510403&month=2021-11&metric=listings.need_x').set('Authorization', `Bearer ${leader}`).expect(422);
    });

    it('should list the deals behind a card and export them as XLSX', async () => {
      const page = await request(app.http).get('/api/v1/panels/facts?division=510403&month=2021-11&metric=deals.tech_service.count').set('Authorization', `Bearer ${leader}`).expect(200);
      const { body: panel } = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${leader}`);
      expect(page.body.total).toBe(metricOf(panel, 'deals.tech_service.count').value);
      // The 合计 of every fact equals the card (issue 13 §5), the amount in 元 as the card's value.
      expect(page.body.totals.amount).toBe(metricOf(panel, 'deals.tech_service.amount').value);
      const people = await request(app.http).get('/api/v1/panels/facts?division=510403&month=2021-11&metric=popsci.person_times&pageSize=5').set('Authorization', `Bearer ${leader}`).expect(200);
      expect(Number(people.body.totals.personTimes)).toBe(Number(metricOf(panel, 'popsci.person_times').value));
      const xlsx = await request(app.http).get('/api/v1/panels/facts?division=510403&month=2021-11&metric=deals.tech_service.count&format=xlsx').set('Authorization', `Bearer ${leader}`).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    });
  });

  describe('events in the rollups', () => {
    it('should raise West District’s event count of the month when an event is approved and lower it when returned', async () => {
      const staff = await loginAs(app, 'xiqu-staff');
      const count = async () => {
        const { body } = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-08').set('Authorization', `Bearer ${leader}`).expect(200);
        return metricOf(body, 'events.count').value as number;
      };
      const before = await count();
      const created = await request(app.http)
        .post('/api/v1/events')
        .set('Authorization', `Bearer ${staff}`)
        .send({ title: '社区科普讲座（测试）', type: '讲座', start: '2021-08-12', venue: '清香坪街道', participants: 40, personTimes: 40 })
        .expect(201);
      await request(app.http).post(`/api/v1/events/${created.body.id}/submit`).set('Authorization', `Bearer ${staff}`).expect(200);
      await request(app.http).post(`/api/v1/events/${created.body.id}/approve`).set('Authorization', `Bearer ${leader}`).expect(200);
      expect(await count()).toBe(before + 1);
      await request(app.http).post(`/api/v1/events/${created.body.id}/return`).set('Authorization', `Bearer ${leader}`).send({ reason: '缺少签到表' }).expect(200);
      expect(await count()).toBe(before);
    });
  });

  describe('targets', () => {
    it('should let the city set a target that the district then reads, and refuse a district setting one', async () => {
      await request(app.http).put('/api/v1/targets/510403/2022/popsci.households').set('Authorization', `Bearer ${city}`).send({ annual: '1800' }).expect(200);
      const list = await request(app.http).get('/api/v1/targets?division=510403&year=2022').set('Authorization', `Bearer ${leader}`).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ metricCode: 'popsci.households', annual: 1800, divisionName: '西区' })]);
      await request(app.http).put('/api/v1/targets/510403/2022/popsci.households').set('Authorization', `Bearer ${leader}`).send({ annual: '1' }).expect(403);
      const bad = await request(app.http).put('/api/v1/targets/510403/2022/deals.tech_service.average_amount').set('Authorization', `Bearer ${city}`).send({ annual: '-1' }).expect(422);
      expect(bad.body.errors[0].field).toBe('annual');
    });
  });

  describe('ranking', () => {
    it('should rank the five Panzhihua divisions with scores equal to the sum of their contributions', async () => {
      const { body } = await request(app.http).get('/api/v1/rankings?city=510400&month=2021-11').set('Authorization', `Bearer ${city}`).expect(200);
      const ranking = body as Ranking;
      expect(ranking.entries.map((e) => e.division).sort()).toEqual(['510402', '510403', '510411', '510421', '510422']);
      expect(ranking.status).toBe('draft');
      for (const entry of ranking.entries) {
        const points = entry.contributions.reduce((total, c) => total + Math.round(c.points * 100), 0);
        expect(points).toBe(Math.round(entry.score * 100));
      }
      expect(ranking.disclaimer).toMatch(/not the|非/);
    });

    it('should rank the year to date on the sums of January to the month, as the panels show them', async () => {
      const ranking = (await request(app.http).get('/api/v1/rankings?city=510400&month=2021-11&basis=ytd').set('Authorization', `Bearer ${city}`).expect(200)).body as Ranking;
      expect(ranking.basis).toBe('ytd');
      const metrics = [...new Set(ranking.model.indicators.map((i) => i.metric))];
      expect(metrics.length).toBeGreaterThan(3);
      for (const input of ranking.inputs) {
        const panel = (await request(app.http).get(`/api/v1/panels/monthly?division=${input.division}&month=2021-11`).set('Authorization', `Bearer ${city}`).expect(200)).body as MonthlyPanel;
        for (const metric of metrics) expect([input.division, metric, Number(input.values[metric])]).toEqual([input.division, metric, Number(metricOf(panel, metric).ytd)]);
      }
    });

    it('should refuse publication by a leader or staff user and the unpublished ranking to a district', async () => {
      await request(app.http).post('/api/v1/rankings/publish').set('Authorization', `Bearer ${leader}`).send({ city: '510400', month: '2021-10' }).expect(403);
      const staff = await loginAs(app, 'xiqu-staff');
      await request(app.http).post('/api/v1/rankings/publish').set('Authorization', `Bearer ${staff}`).send({ city: '510400', month: '2021-10' }).expect(403);
      await request(app.http).get('/api/v1/rankings?city=510400&month=2021-10').set('Authorization', `Bearer ${leader}`).expect(404);
    });

    it('should freeze a published ranking and show a later correction as a new draft with its differences', async () => {
      const published = await request(app.http).post('/api/v1/rankings/publish').set('Authorization', `Bearer ${city}`).send({ city: '510400', month: '2021-10' }).expect(201);
      const before = published.body.find((r: Ranking) => r.basis === 'month') as Ranking;
      expect(before.status).toBe('published');
      const leaderView = await request(app.http).get('/api/v1/rankings?city=510400&month=2021-10').set('Authorization', `Bearer ${leader}`).expect(200);
      expect(leaderView.body.entries).toEqual(before.entries);

      // A correction: a large research-project deal for the last-ranked division in October.
      const last = before.entries.at(-1)!;
      const csv = `编号,类型,区划代码,成交日期,成交金额(元)\nCORR-1,科研项目,${last.division},2021-10-20,900000000\nCORR-2,科技服务,${last.division},2021-10-21,80000000\n`;
      const admin = await loginAs(app, 'admin');
      await request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${admin}`).field('dataset', 'deals').attach('file', Buffer.from(csv), 'correction.csv').expect(201);

      const after = (await request(app.http).get('/api/v1/rankings?city=510400&month=2021-10').set('Authorization', `Bearer ${city}`).expect(200)).body as Ranking;
      expect(after.status).toBe('published');
      expect(after.version).toBe(before.version);
      expect(after.entries).toEqual(before.entries);
      expect(after.draft).not.toBeNull();
      expect(after.draft!.version).toBeGreaterThan(before.version);
      expect(after.draft!.differences).toEqual(expect.arrayContaining([expect.objectContaining({ division: last.division, publishedRank: last.rank })]));
      const moved = after.draft!.differences.find((d) => d.division === last.division)!;
      expect(moved.draftRank).toBeLessThan(moved.publishedRank);

      // The panel's rank badge is the published rank once there is one, for districts and the city alike
      // (the draft's "rank would be" is shown on the ranking page); before publication only the city sees the draft's.
      const panelRank = async (token: string, division: string, month: string) =>
        ((await request(app.http).get(`/api/v1/panels/monthly?division=${division}&month=${month}`).set('Authorization', `Bearer ${token}`).expect(200)).body as MonthlyPanel).rank;
      const westPublished = before.entries.find((e) => e.division === '510403')!;
      expect(await panelRank(leader, '510403', '2021-10')).toEqual({ position: westPublished.rank, of: 5, score: westPublished.score, published: true });
      expect(await panelRank(city, last.division, '2021-10')).toEqual({ position: last.rank, of: 5, score: last.score, published: true });
      // A read stores nothing: the panel shows a draft's rank once the city (or the monthly close) has saved the drafts.
      const readBefore = (await app.db.query(`SELECT count(*)::int AS n FROM ranking_snapshot WHERE city_code = '510400' AND month = '2021-11'`)).rows[0].n;
      const draftNovember = (await request(app.http).get('/api/v1/rankings?city=510400&month=2021-11').set('Authorization', `Bearer ${city}`).expect(200)).body as Ranking;
      expect((await app.db.query(`SELECT count(*)::int AS n FROM ranking_snapshot WHERE city_code = '510400' AND month = '2021-11'`)).rows[0].n).toBe(readBefore);
      expect(await panelRank(city, '510403', '2021-11')).toBeNull();
      await request(app.http).post('/api/v1/rankings/drafts').set('Authorization', `Bearer ${city}`).send({ city: '510400', month: '2021-11' }).expect(201);
      const westDraft = draftNovember.entries.find((e) => e.division === '510403')!;
      expect(await panelRank(city, '510403', '2021-11')).toEqual({ position: westDraft.rank, of: 5, score: westDraft.score, published: false });
      expect(await panelRank(leader, '510403', '2021-11')).toBeNull();
    });

    it('should show a leader the demo’s published months with their ranks, and the month just closed to the city only, as a draft', async () => {
      const lastMonth = addMonths(shanghaiMonth(new Date()), -1);
      const monthBefore = addMonths(lastMonth, -1);
      const published = (await request(app.http).get(`/api/v1/rankings?city=510400&month=${monthBefore}`).set('Authorization', `Bearer ${leader}`).expect(200)).body as Ranking;
      expect(published).toMatchObject({ status: 'published', month: monthBefore, draft: null });
      expect(published.entries.map((e) => e.rank).sort()).toEqual([1, 2, 3, 4, 5]);
      const west = published.entries.find((e) => e.division === '510403')!;
      const panel = (await request(app.http).get(`/api/v1/panels/monthly?division=510403&month=${monthBefore}`).set('Authorization', `Bearer ${leader}`).expect(200)).body as MonthlyPanel;
      expect(panel.rank).toEqual({ position: west.rank, of: 5, score: west.score, published: true });
      const firstYear = (await request(app.http).get('/api/v1/rankings?city=510400&month=2022-01&basis=ytd').set('Authorization', `Bearer ${leader}`).expect(200)).body as Ranking;
      expect(firstYear.status).toBe('published');

      await request(app.http).get(`/api/v1/rankings?city=510400&month=${lastMonth}`).set('Authorization', `Bearer ${leader}`).expect(404);
      const draft = (await request(app.http).get(`/api/v1/rankings?city=510400&month=${lastMonth}`).set('Authorization', `Bearer ${city}`).expect(200)).body as Ranking;
      expect(draft.status).toBe('draft');
    });

    it('should close last month as drafts and catch up the months a missed close left open, once', async () => {
      const lastMonth = addMonths(shanghaiMonth(new Date()), -1);
      // An outage: the last two closes the demo recorded are lost (their rankings stay published).
      const missed = [addMonths(lastMonth, -2), addMonths(lastMonth, -1)];
      await app.db.query(`DELETE FROM monthly_close WHERE city_code = '510400' AND month = ANY($1::char(7)[])`, [missed]);
      const versionsBefore = (await app.db.query(`SELECT count(*)::int AS n FROM ranking_snapshot WHERE city_code = '510400' AND month = ANY($1::char(7)[])`, [missed])).rows[0].n;

      const job = app.app.get(MonthlyCloseJob);
      const first = await job.handle();
      expect(first.rows).toBe(3 * 2); // the two missed months and last month, both bases
      const closed = (await app.db.query(`SELECT month FROM monthly_close WHERE city_code = '510400' AND month >= $1 ORDER BY month`, [missed[0]])).rows.map((r) => r.month);
      expect(closed).toEqual([...missed, lastMonth]);
      // Unchanged data: the published months keep their one version; last month gets its drafts.
      expect((await app.db.query(`SELECT count(*)::int AS n FROM ranking_snapshot WHERE city_code = '510400' AND month = ANY($1::char(7)[])`, [missed])).rows[0].n).toBe(versionsBefore);
      const drafts = (await app.db.query(`SELECT basis, status FROM ranking_snapshot WHERE city_code = '510400' AND month = $1 ORDER BY basis`, [lastMonth])).rows;
      expect(drafts).toEqual([{ basis: 'month', status: 'draft' }, { basis: 'ytd', status: 'draft' }]);

      expect((await job.handle()).rows).toBe(0);
    });

    it('should store a closed month again only where its ranking changed, in month order, and close nothing after a month that fails', async () => {
      const months = ['2023-04', '2023-05', '2023-06'];
      const versions = async () => new Map(
        (await app.db.query(`SELECT month || ' ' || basis AS key, max(version)::int AS version FROM ranking_snapshot WHERE city_code = '510400' AND month = ANY($1::char(7)[]) GROUP BY 1`, [months])).rows.map((r) => [r.key, r.version]),
      );
      const closedMonths = async () => (await app.db.query(`SELECT month FROM monthly_close WHERE city_code = '510400' AND month = ANY($1::char(7)[]) ORDER BY month`, [months])).rows.map((r) => r.month);
      const job = app.app.get(MonthlyCloseJob);
      await job.closeMonths(months.map((month) => ({ city: '510400', month })));
      const before = await versions();
      expect(before.size).toBe(6);

      // A correction to West District's May (the rollup itself), and a close that cannot write June.
      const [{ value }] = (await app.db.query(`SELECT value::text FROM metric_monthly WHERE division_code = '510403' AND metric_code = 'deals.tech_service.amount' AND month = '2023-05'`)).rows;
      await app.db.query(`UPDATE metric_monthly SET value = value + 5000000 WHERE division_code = '510403' AND metric_code = 'deals.tech_service.amount' AND month = '2023-05'`);
      await app.db.query(`DELETE FROM monthly_close WHERE city_code = '510400' AND month = ANY($1::char(7)[])`, [months]);
      await app.db.query(`CREATE FUNCTION test_refuse_june() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.month = '2023-06' THEN RAISE EXCEPTION 'June cannot be closed'; END IF; RETURN NEW; END $$`);
      await app.db.query('CREATE TRIGGER test_refuse_june BEFORE INSERT ON monthly_close FOR EACH ROW EXECUTE FUNCTION test_refuse_june()');
      try {
        await expect(job.closeMonths(months.map((month) => ({ city: '510400', month })))).rejects.toThrow(/June cannot be closed/);
        // April unchanged (nothing stored), May stored again on both bases, June's new year-to-date draft rolled back with its close.
        const after = await versions();
        expect(Object.fromEntries(after)).toEqual({
          ...Object.fromEntries(before),
          '2023-05 month': before.get('2023-05 month')! + 1,
          '2023-05 ytd': before.get('2023-05 ytd')! + 1,
        });
        expect(await closedMonths()).toEqual(['2023-04', '2023-05']);
      } finally {
        await app.db.query('DROP TRIGGER test_refuse_june ON monthly_close');
        await app.db.query('DROP FUNCTION test_refuse_june()');
      }

      // The next close takes June up: its month ranking is as before (May's change is not in June's month), its year to date is not.
      const retry = await job.closeMonths([{ city: '510400', month: '2023-06' }]);
      expect(retry).toEqual({ prepared: 2, stored: 1 });
      expect((await versions()).get('2023-06 ytd')).toBe(before.get('2023-06 ytd')! + 1);
      expect(await closedMonths()).toEqual(months);
      await app.db.query(`UPDATE metric_monthly SET value = $1 WHERE division_code = '510403' AND metric_code = 'deals.tech_service.amount' AND month = '2023-05'`, [value]);
    });

    it('should validate a new model and refuse it from non-admins', async () => {
      const models = await request(app.http).get('/api/v1/rankings/models').set('Authorization', `Bearer ${city}`).expect(200);
      const admin = await loginAs(app, 'admin');
      const invalid = await request(app.http).post('/api/v1/rankings/models').set('Authorization', `Bearer ${admin}`).send({ ...models.body.active, version: 'v2', indicators: [] }).expect(422);
      expect(invalid.body.errors.length).toBeGreaterThan(0);
      await request(app.http).post('/api/v1/rankings/models').set('Authorization', `Bearer ${city}`).send({ ...models.body.active, version: 'v2' }).expect(403);
      await request(app.http).post('/api/v1/rankings/models').set('Authorization', `Bearer ${admin}`).send({ ...models.body.active, version: 'v2' }).expect(201);
      // The stored versions come with their model, switch and author (RankingModelsResponse in @app/contracts).
      const after = (await request(app.http).get('/api/v1/rankings/models').set('Authorization', `Bearer ${city}`).expect(200)).body as RankingModelsResponse;
      expect(after.active.version).toBe('v2');
      const v2 = after.versions.find((v) => v.version === 'v2');
      expect(v2).toEqual({ version: 'v2', model: after.active, active: true, createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), createdBy: 'admin' });
    });
  });

  // The panel reads this year's months, last year's month and the earlier years' totals (metric_yearly);
  // these tests hold it to the plain sums of the monthly rollups, which is what the figures mean.
  describe('panel read model', () => {
    const summable = METRIC_CATALOGUE.filter((m) => m.aggregation === 'sum');
    const asApiValue = (kind: string, value: string | null) => (kind === 'count' ? Number(value ?? 0) : Number(value ?? 0).toFixed(2));

    async function expectedFromMonths(divisionCodes: string[], month: string) {
      const year = month.slice(0, 4);
      const previous = month.endsWith('-01') ? `${Number(year) - 1}-12` : `${year}-${String(Number(month.slice(5)) - 1).padStart(2, '0')}`;
      const { rows } = await app.db.query(
        `SELECT metric_code,
                sum(value) FILTER (WHERE month = $2)::text AS value,
                sum(value) FILTER (WHERE month = $3)::text AS previous,
                sum(value) FILTER (WHERE month = $4)::text AS last_year,
                sum(value) FILTER (WHERE month >= $5)::text AS ytd,
                sum(value)::text AS cumulative
           FROM metric_monthly WHERE division_code = ANY($1::char(6)[]) AND month <= $2 GROUP BY metric_code`,
        [divisionCodes, month, previous, `${Number(year) - 1}${month.slice(4)}`, `${year}-01`],
      );
      return new Map(rows.map((row) => [row.metric_code as string, row]));
    }

    it.each([
      ['West District in January (previous month in the year before)', '510403', ['510403'], '2023-01'],
      ['West District in July', '510403', ['510403'], '2023-07'],
      ['the city', '510400', ['510402', '510403', '510411', '510421', '510422'], '2024-03'],
    ])('should give %s the sums of the monthly rollups: month, 环比 base, 同比 base, year to date and since the launch', async (_label, division, codes, month) => {
      const admin = await loginAs(app, 'admin');
      const panel = (await request(app.http).get(`/api/v1/panels/monthly?division=${division}&month=${month}`).set('Authorization', `Bearer ${admin}`).expect(200)).body as MonthlyPanel;
      const expected = await expectedFromMonths(codes, month);
      expect(expected.size).toBeGreaterThan(5);
      for (const definition of summable) {
        const row = expected.get(definition.code);
        const metric = metricOf(panel, definition.code);
        expect({ code: definition.code, value: metric.value, previous: metric.previous, lastYear: metric.lastYear, ytd: metric.ytd, cumulative: metric.cumulative }).toEqual({
          code: definition.code,
          value: asApiValue(definition.kind, row?.value),
          previous: asApiValue(definition.kind, row?.previous),
          lastYear: asApiValue(definition.kind, row?.last_year),
          ytd: asApiValue(definition.kind, row?.ytd),
          cumulative: asApiValue(definition.kind, row?.cumulative),
        });
      }
    });

    it('should keep the yearly totals in step with a correction to an earlier year, and the nightly check should repair a tampered total', async () => {
      const admin = await loginAs(app, 'admin');
      const panelAmount = async () =>
        metricOf((await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2024-06').set('Authorization', `Bearer ${admin}`).expect(200)).body, 'deals.tech_service.amount').cumulative;
      const before = await panelAmount();
      const csv = `编号,类型,区划代码,成交日期,成交金额(元)\nYEAR-1,科技服务,510403,2022-05-10,1234567.89\n`;
      await request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${admin}`).field('dataset', 'deals').attach('file', Buffer.from(csv), 'year.csv').expect(201);
      expect(await panelAmount()).toBe((Number(before) + 1234567.89).toFixed(2));

      const yearlyVersusMonths = `SELECT y.division_code, y.year, y.metric_code, y.value::text AS stored, m.value::text AS months
           FROM metric_yearly y FULL JOIN (SELECT division_code, left(month, 4)::smallint AS year, metric_code, sum(value) AS value FROM metric_monthly GROUP BY 1, 2, 3) m
             USING (division_code, year, metric_code)
          WHERE y.value IS DISTINCT FROM m.value`;
      expect((await app.db.query(yearlyVersusMonths)).rows).toEqual([]);

      // A write that bypassed the refresh: the nightly rollup-verify reports it and repairs it.
      const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
      await app.db.query(`UPDATE metric_yearly SET value = value + 1 WHERE division_code = '510403' AND year = $1 AND metric_code = 'deals.total.count'`, [thisYear]);
      const report = await app.app.get(RollupsService).verifyRecent();
      expect(report.yearlyDifferences).toEqual([expect.objectContaining({ divisionCode: '510403', year: thisYear, metricCode: 'deals.total.count' })]);
      expect(report.repaired).toBe(true);
      expect((await app.db.query(yearlyVersusMonths)).rows).toEqual([]);
    });
  });
});
