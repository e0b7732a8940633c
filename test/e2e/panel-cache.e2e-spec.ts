import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { type MonthlyPanel } from '@app/contracts';
import { PanelReadRepository, type PanelReadQuery } from '../../apps/api/src/panels/panel-read.repository.js';

// The monthly panel is cached per (division, month) under the version of the data behind it
// (migration PanelVersion: triggers bump it in the writing transaction) and sent with that ETag.
describe('Panel versions, ETag and 304 (e2e)', () => {
  let app: TestApp;
  let leader: string;
  let city: string;
  let eastStaff: string;
  let westStaff: string;

  beforeAll(async () => {
    app = await startTestApp();
    [leader, city, eastStaff, westStaff] = await Promise.all(['xiqu-leader', 'panzhihua', 'dongqu-staff', 'xiqu-staff'].map((u) => loginAs(app, u)));
  });

  afterAll(async () => {
    await app?.close();
  });

  const panel = async (token: string, division: string, month: string) => {
    const response = await request(app.http).get(`/api/v1/panels/monthly?division=${division}&month=${month}`).set('Authorization', `Bearer ${token}`).expect(200);
    return { etag: response.headers.etag as string, body: response.body as MonthlyPanel, cacheControl: response.headers['cache-control'] as string };
  };
  const etagOf = async (token: string, division: string, month: string) => (await panel(token, division, month)).etag;
  const dealsAmount = (body: MonthlyPanel) => body.metrics.find((m) => m.code === 'deals.tech_service.amount')!.value;
  const importDeal = (token: string, id: string, division: string, day: string, amount: string) =>
    request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${token}`).field('dataset', 'deals')
      .attach('file', Buffer.from(`编号,类型,区划代码,成交日期,成交金额(元),需求方,服务方,名称\r\n${id},科技服务,${division},${day},${amount},需求方,服务方,缓存测试\r\n`, 'utf8'), 'deals.csv')
      .expect(201);

  it('should send an ETag to revalidate and answer a matching If-None-Match with 304 and no body', async () => {
    const first = await panel(leader, '510403', '2021-11');
    expect(first.etag).toMatch(/^"[0-9a-f]{20}-[0-9a-f]{8}-p"$/);
    expect(first.cacheControl).toBe('private, no-cache');
    expect(await etagOf(leader, '510403', '2021-11')).toBe(first.etag);
    const notModified = await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11')
      .set('Authorization', `Bearer ${leader}`).set('If-None-Match', `"other", ${first.etag}`).expect(304);
    expect(notModified.text ?? '').toBe('');
    expect(notModified.headers.etag).toBe(first.etag);
    await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${leader}`).set('If-None-Match', '"stale"').expect(200);
    // The scope is checked before any version: another district's panel stays 403 even with its ETag.
    const east = await etagOf(city, '510402', '2021-11');
    await request(app.http).get('/api/v1/panels/monthly?division=510402&month=2021-11').set('Authorization', `Bearer ${leader}`).set('If-None-Match', east).expect(403);
    // A city user sees draft ranks, a district user does not: their panels never share an ETag.
    expect(await etagOf(city, '510403', '2021-11')).not.toBe(first.etag);
  });

  it('should change the ETag of exactly the panels an import touches: the division, its city and later months', async () => {
    const before = {
      west: await panel(leader, '510403', '2021-11'), westLater: await etagOf(leader, '510403', '2021-12'), westEarlier: await etagOf(leader, '510403', '2021-10'),
      east: await etagOf(city, '510402', '2021-11'), city: await etagOf(city, '510400', '2021-11'),
    };
    await importDeal(eastStaff, 'CACHE-EAST-1', '510402', '2021-11-15', '1000.00');
    expect(await etagOf(city, '510402', '2021-11')).not.toBe(before.east);
    expect(await etagOf(city, '510400', '2021-11')).not.toBe(before.city);
    expect(await etagOf(leader, '510403', '2021-11')).toBe(before.west.etag);

    await importDeal(westStaff, 'CACHE-WEST-1', '510403', '2021-11-20', '2500.00');
    const after = await panel(leader, '510403', '2021-11');
    expect(after.etag).not.toBe(before.west.etag);
    expect(Number(dealsAmount(after.body)) - Number(dealsAmount(before.west.body))).toBeCloseTo(2500, 2);
    expect(await etagOf(leader, '510403', '2021-12')).not.toBe(before.westLater); // 年累计 and since the launch moved too
    expect(await etagOf(leader, '510403', '2021-10')).toBe(before.westEarlier);
    // The browser's copy of the old version is no longer current.
    await request(app.http).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${leader}`).set('If-None-Match', before.west.etag).expect(200);
  });

  it('should change the ETag when a target of the year changes, and not for another year', async () => {
    const before = await panel(leader, '510403', '2021-11');
    const otherYear = await etagOf(leader, '510403', '2020-11');
    await request(app.http).put('/api/v1/targets/510403/2021/popsci.households').set('Authorization', `Bearer ${city}`).send({ annual: '4321' }).expect(200);
    const after = await panel(leader, '510403', '2021-11');
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.metrics.find((m) => m.code === 'popsci.households')!.target).toBe(4321);
    expect(await etagOf(leader, '510403', '2020-11')).toBe(otherYear);
  });

  it('should change the ETag when the month’s ranking is published (the district now sees its rank)', async () => {
    const before = await panel(leader, '510403', '2021-09');
    expect(before.body.rank).toBeNull();
    await request(app.http).post('/api/v1/rankings/publish').set('Authorization', `Bearer ${city}`).send({ city: '510400', month: '2021-09' }).expect(201);
    const after = await panel(leader, '510403', '2021-09');
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.rank).toEqual(expect.objectContaining({ published: true, of: 5 }));
  });

  it('should never serve a cached panel after a write made outside this process', async () => {
    const before = await panel(leader, '510403', '2021-06');
    // Another worker, replica or psql: the trigger bumps the version in that transaction.
    await app.db.query(`UPDATE metric_monthly SET value = value + 7 WHERE division_code = '510403' AND month = '2021-06' AND metric_code = 'deals.tech_service.amount'`);
    const after = await panel(leader, '510403', '2021-06');
    expect(after.etag).not.toBe(before.etag);
    expect(Number(dealsAmount(after.body)) - Number(dealsAmount(before.body))).toBeCloseTo(7, 2);
  });

  it('should read a panel never computed here together with its version in one statement: the probe’s digest, the same data, for a county and a city, before and after a write', async () => {
    const reads = app.app.get(PanelReadRepository);
    const query = (codes: string[], rank: PanelReadQuery['rank']): PanelReadQuery => ({
      divisionCodes: codes, month: '2021-08', previousMonth: '2021-07', lastYearMonth: '2020-08', yearStartMonth: '2021-01', year: 2021, rank,
    });
    const county = { query: query(['510403'], { division: '510403', city: '510400', includeDrafts: false }), versionCodes: ['510403', '510400'] };
    const counties = ['510402', '510403', '510411', '510421', '510422'];
    const city = { query: query(counties, null), versionCodes: counties };
    const check = async ({ query: q, versionCodes }: { query: PanelReadQuery; versionCodes: string[] }) => {
      const { version, ...data } = await reads.readWithVersion(q, versionCodes);
      expect(version).toBe(await reads.readVersion(versionCodes, q.month));
      expect(data).toEqual(await reads.read(q));
      return version;
    };
    const before = [await check(county), await check(city)];
    await app.db.query(`UPDATE metric_monthly SET value = value + 3 WHERE division_code = '510403' AND month = '2021-08' AND metric_code = 'deals.tech_service.amount'`);
    const after = [await check(county), await check(city)];
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    // Over HTTP: the first answer (read with its version) and the next (probe, then the cache) agree.
    const first = await panel(leader, '510403', '2021-08');
    const second = await panel(leader, '510403', '2021-08');
    expect(second.etag).toBe(first.etag);
    expect(second.body).toEqual(first.body);
  });
});
