import request from 'supertest';
import { type AccountsCheckResponse, type AccountsFinding } from '@app/contracts';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('Department final accounts and consistency findings (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let other: string;
  const base = '/api/v1/accounts/510403/2021';
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await startTestApp();
    [staff, other] = await Promise.all([loginAs(app, 'xiqu-staff'), loginAs(app, 'dongqu-staff')]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should carry the seed’s 2021 figures as printed and in 元, and the narrative’s statements with where they stand', async () => {
    const figures = await request(app.http).get(`${base}/figures`).set(as(staff)).expect(200);
    const gpb = figures.body.find((f: { section: string; code: string }) => f.section === 'gpb' && f.code === 'total');
    expect(gpb).toMatchObject({ amount: '73.94', unitAsPrinted: '万元', amountYuan: '739400.00' });
    const events = figures.body.find((f: { code: string }) => f.code === 'events_held');
    expect(events).toMatchObject({ amount: '5.00', unitAsPrinted: '次', amountYuan: null });
    const statements = await request(app.http).get(`${base}/statements`).set(as(staff)).expect(200);
    expect(statements.body.find((s: { id: string }) => s.id === 'p2-5-3-gpb')).toMatchObject({ kind: 'amount', figureKey: 'gpb.total', valueAsPrinted: '73.44', location: '第二部分 五(三)' });
  });

  it('should come with the findings of a first check in the demo, all open, before anybody runs one', async () => {
    const findings = (await request(app.http).get(`${base}/findings`).set(as(staff)).expect(200)).body as AccountsFinding[];
    expect(findings.length).toBeGreaterThan(18);
    expect(findings.map((f) => f.icId)).toEqual(expect.arrayContaining(['IC-01', 'IC-09', 'IC-19']));
    expect(findings.every((f) => f.status === 'open')).toBe(true);
  });

  it('should keep another district’s staff out of West District’s accounts and findings (403)', async () => {
    await request(app.http).get(`${base}/figures`).set(as(other)).expect(403);
    await request(app.http).get(`${base}/statements`).set(as(other)).expect(403);
    await request(app.http).post(`${base}/check`).set(as(other)).expect(403);
    await request(app.http).get(`${base}/findings`).set(as(other)).expect(403);
  });

  it('should answer 422 for a malformed division or year and 404 for a year without accounts', async () => {
    await request(app.http).get('/api/v1/accounts/xiqu/2021/figures').set(as(staff)).expect(422);
    await request(app.http).get('/api/v1/accounts/510403/1999/figures').set(as(staff)).expect(422);
    const admin = await loginAs(app, 'admin');
    await request(app.http).post('/api/v1/accounts/510402/2021/check').set(as(admin)).expect(404);
  });

  describe('check and review', () => {
    let first: AccountsCheckResponse;
    const byPath = (findings: AccountsFinding[], path: string) => findings.find((f) => f.path === path);

    beforeAll(async () => {
      first = (await request(app.http).post(`${base}/check`).set(as(staff)).expect(200)).body;
    });

    it('should find IC-01, IC-03, IC-05, IC-06, IC-07, IC-09, IC-10 and IC-12 among the seed’s inconsistencies, each labelled', () => {
      const ids = new Set(first.findings.map((f) => f.icId));
      for (const id of ['IC-01', 'IC-02', 'IC-03', 'IC-04', 'IC-05', 'IC-06', 'IC-07', 'IC-08', 'IC-09', 'IC-10', 'IC-11', 'IC-12', 'IC-13', 'IC-14', 'IC-15', 'IC-16', 'IC-17', 'IC-19']) {
        expect(ids).toContain(id);
      }
      expect(first.open).toBe(first.findings.length);
      expect(first.decided).toBe(0);
      expect(byPath(first.findings, 'statements.p2-5-3-gpb')).toMatchObject({ icId: 'IC-01', severity: 'error', expected: '73.94', found: '73.44', unit: '万元', status: 'open' });
      expect(byPath(first.findings, 'statements.p2-5-3-gpb-rate')).toMatchObject({ icId: 'IC-03', expected: '102.15', found: '100.00' });
      expect(byPath(first.findings, 'annex[附件1].indicators[3].printedCompletion')).toMatchObject({ icId: 'IC-12', rule: 'reverse_breached_full', expected: '97.89' });
    });

    it('should filter the findings by rule, severity, status and IC id', async () => {
      const count = await request(app.http).get(`${base}/findings?rule=narrative_count`).set(as(staff)).expect(200);
      expect(count.body.map((f: AccountsFinding) => [f.icId, f.expected, f.found])).toEqual([['IC-09', '5.00', '4.00']]);
      const info = await request(app.http).get(`${base}/findings?severity=info&icId=IC-05`).set(as(staff)).expect(200);
      expect(info.body.map((f: AccountsFinding) => f.path)).toEqual(['statements.p2-2-fund-share']);
      const errors = await request(app.http).get(`${base}/findings?severity=error&status=open`).set(as(staff)).expect(200);
      expect(errors.body.length).toBe(first.findings.filter((f) => f.severity === 'error').length);
      await request(app.http).get(`${base}/findings?severity=fatal`).set(as(staff)).expect(422);
    });

    it('should confirm and dismiss findings (a note required to dismiss) and keep them with their notes across a re-run', async () => {
      const wrong = byPath(first.findings, 'statements.p2-5-3-gpb') as AccountsFinding;
      const coverage = byPath(first.findings, 'statements.a2-coverage') as AccountsFinding;
      const noNote = await request(app.http).patch(`/api/v1/accounts/findings/${coverage.id}`).set(as(staff)).send({ status: 'dismissed' }).expect(422);
      expect(noNote.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
      await request(app.http).patch(`/api/v1/accounts/findings/${coverage.id}`).set(as(other)).send({ status: 'confirmed' }).expect(403);

      const leader = await loginAs(app, 'xiqu-leader');
      const confirmed = await request(app.http).patch(`/api/v1/accounts/findings/${wrong.id}`).set(as(leader)).send({ status: 'confirmed', note: '第五部分（三）笔误，应为73.94' }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', note: '第五部分（三）笔误，应为73.94', decidedAt: expect.any(String) });
      const city = await loginAs(app, 'panzhihua');
      await request(app.http).patch(`/api/v1/accounts/findings/${coverage.id}`).set(as(city)).send({ status: 'dismissed', note: '30%为目标值而非实际覆盖率' }).expect(200);

      const second: AccountsCheckResponse = (await request(app.http).post(`${base}/check`).set(as(city)).expect(200)).body;
      expect(second.decided).toBe(2);
      expect(second.open).toBe(first.open - 2);
      expect(second.findings.filter((f) => f.path === 'statements.p2-5-3-gpb')).toEqual([expect.objectContaining({ id: wrong.id, status: 'confirmed', note: '第五部分（三）笔误，应为73.94' })]);
      expect(second.findings.filter((f) => f.path === 'statements.a2-coverage')).toEqual([expect.objectContaining({ status: 'dismissed', note: '30%为目标值而非实际覆盖率' })]);
      // Open findings are replaced by the run, not accumulated.
      const open = await request(app.http).get(`${base}/findings?status=open`).set(as(staff)).expect(200);
      expect(open.body).toHaveLength(second.open);
      expect(new Set(open.body.map((f: AccountsFinding) => f.id)).size).toBe(second.open);
    });

    it('should record the decisions in the audit log', async () => {
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'consistency_finding' AND action = 'update'`);
      expect(rows[0].n).toBeGreaterThanOrEqual(2);
    });

    it('should answer 404 for an unknown finding and 422 for a status other than confirmed or dismissed', async () => {
      await request(app.http).patch('/api/v1/accounts/findings/00000000-0000-4000-8000-000000000000').set(as(staff)).send({ status: 'confirmed' }).expect(404);
      const any = first.findings[0];
      const bad = await request(app.http).patch(`/api/v1/accounts/findings/${any.id}`).set(as(staff)).send({ status: 'open' }).expect(422);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    });
  });
});
