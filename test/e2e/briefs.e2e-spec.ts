import request from 'supertest';
import { MonthlyBriefJob } from '../../apps/api/src/briefs/jobs/monthly-brief.job.js';
import { MonthlyCloseJob } from '../../apps/api/src/ranking/jobs/monthly-close.job.js';
import { addMonths, groupDigits, parseMonthKey, shanghaiMonth } from '@app/kpi-core';
import { type Brief, type BriefSummaryItem, type MonthlyPanel, type Ranking } from '@app/contracts';
import { readPdf } from '../support/pdf-text.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const PANZHIHUA = ['510400', '510402', '510403', '510411', '510421', '510422'];

describe('Monthly briefs (e2e)', () => {
  let app: TestApp;
  let city: string;
  const month = addMonths(shanghaiMonth(new Date()), -1);
  const get = (path: string, token: string) => request(app.http).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await startTestApp();
    city = await loginAs(app, 'panzhihua');
    // What the scheduler does: the monthly close, then the briefs of the months it closed.
    await app.app.get(MonthlyCloseJob).handle();
    await app.app.get(MonthlyBriefJob).handle();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('should issue the brief of every Panzhihua division for the last closed month, once', async () => {
    const list = (await get(`/api/v1/briefs?month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    expect(list.map((b) => b.division).sort()).toEqual(PANZHIHUA);
    expect(list.every((b) => b.version === 1 && b.latest && b.issuedBy === 'job:monthly-brief')).toBe(true);
    // A second run finds nothing left to do.
    expect(await app.app.get(MonthlyBriefJob).handle()).toEqual({ rows: 0 });
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM notice WHERE kind = 'brief_issued' AND period LIKE $1`, [`${month}#%`]);
    expect(rows[0].n).toBe(6);
  });

  it('should store the figures the panel and the ranking serve for that month', async () => {
    const [item] = (await get(`/api/v1/briefs?division=510403&month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    const brief = (await get(`/api/v1/briefs/${item.id}`, city).expect(200)).body as Brief;
    const panel = (await get(`/api/v1/panels/monthly?division=510403&month=${month}`, city).expect(200)).body as MonthlyPanel;
    expect(brief.figures.cards.length).toBeGreaterThanOrEqual(4);
    for (const card of brief.figures.cards) {
      const metric = panel.metrics.find((m) => m.code === card.code)!;
      expect({ value: card.value, mom: card.mom, yoy: card.yoy, ytd: card.ytd, target: card.target, status: card.status }).toEqual({
        value: metric.value, mom: metric.mom, yoy: metric.yoy, ytd: metric.ytd, target: metric.target, status: metric.status,
      });
    }
    expect(brief.figures.events.count).toBe(panel.metrics.find((m) => m.code === 'events.count')!.value);
    const ranking = (await get(`/api/v1/rankings?city=510400&month=${month}&basis=month`, city).expect(200)).body as Ranking;
    const entry = ranking.entries.find((e) => e.division === '510403')!;
    expect(brief.figures.rank).toMatchObject({ rank: entry.rank, score: entry.score, of: ranking.entries.length, status: ranking.status, version: ranking.version });
    expect(brief.figures.rank!.status).toBe('draft'); // the city has not published the month yet
    expect(brief.figures.summary.zh).toContain('排名为草稿');
    expect(brief.figures.trend.months).toHaveLength(12);
    expect(brief.figures.trend.series.length).toBeGreaterThanOrEqual(2);

    const cityBrief = (await get(`/api/v1/briefs?division=510400&month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    const cityFigures = ((await get(`/api/v1/briefs/${cityBrief[0].id}`, city).expect(200)).body as Brief).figures;
    expect(cityFigures.districts!.map((d) => [d.code, d.rank, d.score]).sort()).toEqual(ranking.entries.map((e) => [e.division, e.rank, e.score]).sort());
  });

  it('should serve a PDF of 1–2 A4 pages whose text carries the division, the month and the figures in Chinese', async () => {
    const [item] = (await get(`/api/v1/briefs?division=510403&month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    const brief = (await get(`/api/v1/briefs/${item.id}`, city).expect(200)).body as Brief;
    const response = await get(`/api/v1/briefs/${item.id}/pdf`, city).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.body as Buffer;
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.pages).toBeLessThanOrEqual(2);
    // Searchable and copyable as the characters themselves (no Kangxi radicals for 月, 工, 用…).
    expect(pdf.text).not.toMatch(/[\u2e80-\u2fdf]/);
    const text = pdf.text.replace(/\s+/g, '');
    const { year, month: m } = parseMonthKey(month);
    expect(text).toContain('西区');
    expect(text).toContain(`${year}年${m}月`);
    expect(text).toContain('月度工作简报');
    for (const card of brief.figures.cards.slice(0, 3)) {
      expect(text).toContain(card.name);
      if (card.value !== null) expect(text).toContain(groupDigits(card.value));
    }
  }, 60_000);

  it('should keep briefs in scope and let only city users and admins re-issue, as a new version', async () => {
    const leader = await loginAs(app, 'xiqu-leader');
    const mine = (await get(`/api/v1/briefs?month=${month}`, leader).expect(200)).body as BriefSummaryItem[];
    expect(mine.map((b) => b.division)).toEqual(['510403']);
    const other = (await get(`/api/v1/briefs?division=510402&month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    await get(`/api/v1/briefs/${other[0].id}`, leader).expect(403);
    await request(app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${leader}`).send({ division: '510403', month }).expect(403);
    const current = await request(app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${city}`).send({ division: '510403', month: shanghaiMonth(new Date()) }).expect(422);
    expect(current.body.errors[0]).toMatchObject({ field: 'month', code: 'MONTH_NOT_CLOSED' });
    await request(app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${city}`).send({ division: '5104', month }).expect(422);

    const again = await request(app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${city}`).send({ division: '510403', month }).expect(201);
    expect(again.body).toMatchObject({ division: '510403', month, version: 2, latest: true, issuedBy: 'panzhihua' });
    const versions = (await get(`/api/v1/briefs?division=510403&month=${month}`, city).expect(200)).body as BriefSummaryItem[];
    expect(versions.map((v) => [v.version, v.latest])).toEqual([[2, true], [1, false]]);
    // Issued means final, down to the database.
    await expect(app.db.query(`UPDATE monthly_brief SET issued_by = 'x' WHERE id = $1`, [versions[1].id])).rejects.toThrow(/cannot be changed/);
  });
});
