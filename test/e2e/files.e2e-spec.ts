import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('One rejection for files, and the event rules around them (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let leader: string;
  let city: string;
  let admin: string;
  let projectId: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const base = { title: '科普讲座：四眼原则', type: 'lecture', start: '2022-04-10', participants: 20, personTimes: 20 };
  const event = base;

  beforeAll(async () => {
    app = await startTestApp();
    [staff, leader, city, admin] = await Promise.all(['xiqu-staff', 'xiqu-leader', 'panzhihua', 'admin'].map((u) => loginAs(app, u)));
    const { rows } = await app.db.query(`SELECT p.id FROM budget_project p JOIN budget_funding_line l ON l.project_id = p.id WHERE p.division_code = '510403' ORDER BY p.year DESC LIMIT 1`);
    projectId = rows[0].id;
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('the one 413 and 422 of every upload route', () => {
    it('should answer a file past the route’s limit with the same 413 body naming that limit', async () => {
      const { body: created } = await request(app.http).post('/api/v1/events').set(auth(staff)).send(event).expect(201);
      const routes: Array<[string, string, number, number]> = [
        [staff, '/api/v1/imports', 21, 20],
        [staff, '/api/v1/events/import', 21, 20],
        [staff, `/api/v1/events/${created.id}/attachments`, 11, 10],
        [staff, `/api/v1/budget/projects/${projectId}/payments/import`, 6, 5],
        [city, '/api/v1/targets/import', 6, 5],
      ];
      for (const [token, path, sizeMb, limitMb] of routes) {
        const response = await request(app.http).post(path).set(auth(token)).field('dataset', 'deals').attach('file', Buffer.alloc(sizeMb * 1024 * 1024, 'a'), 'big.csv');
        expect({ path, status: response.status }).toEqual({ path, status: 413 });
        expect(response.body).toMatchObject({
          statusCode: 413,
          code: 'FILE_TOO_LARGE',
          message: `文件超过 ${limitMb} MB 的上限，请拆分或压缩后再上传`,
          messageEn: `The file is larger than the limit of ${limitMb} MB; split or compress it and upload again`,
          params: { limitBytes: limitMb * 1024 * 1024, limitMb },
          errors: [{ field: 'file', code: 'FILE_TOO_LARGE' }],
          requestId: expect.any(String),
        });
      }
    }, 60_000);

    it('should answer a request without a file with the same 422 on every route', async () => {
      const { body: created } = await request(app.http).post('/api/v1/events').set(auth(staff)).send(event).expect(201);
      for (const [token, path] of [
        [staff, '/api/v1/imports'],
        [staff, '/api/v1/events/import'],
        [staff, `/api/v1/events/${created.id}/attachments`],
        [staff, `/api/v1/budget/projects/${projectId}/payments/import`],
        [city, '/api/v1/targets/import'],
      ]) {
        const response = await request(app.http).post(path).set(auth(token)).field('dataset', 'deals');
        expect({ path, status: response.status, body: response.body }).toMatchObject({
          path,
          status: 422,
          body: { code: 'FILE_REQUIRED', errors: [{ field: 'file', code: 'FILE_REQUIRED', message: '请选择要上传的文件' }] },
        });
      }
    });

    it('should list row errors as row + column + code + message + messageEn, for the platform and the events import alike', async () => {
      const csv = '\uFEFF成交编号,类型,区划代码,成交日期,成交金额(元)\r\nR-1,科技服务,510403,2021-02-30,100\r\n';
      const platform = await request(app.http).post('/api/v1/imports').set(auth(staff)).field('dataset', 'deals').attach('file', Buffer.from(csv), 'deals.csv').expect(422);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('活动');
      sheet.addRow(['活动名称', '活动类型', '开始日期']);
      sheet.addRow(['坏日期', '讲座', '2021-02-30']);
      const events = await request(app.http).post('/api/v1/events/import').set(auth(staff)).attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), '活动.xlsx').expect(422);
      for (const body of [platform.body, events.body]) {
        expect(body).toMatchObject({ statusCode: 422, code: 'ROWS_REJECTED', params: { rejected: 1 }, message: '1 行有错误，未写入任何数据', messageEn: '1 row(s) have errors; nothing was written' });
        const dateError = body.errors.find((e: { column: string }) => e.column.includes('日期'));
        expect(dateError).toMatchObject({ row: 2, value: '2021-02-30', code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fff]/), messageEn: expect.stringMatching(/[a-z]/) });
        expect(dateError.message).not.toContain(' / ');
      }
    });
  });

  describe('four eyes on events', () => {
    it('should refuse the submitter’s own approval, let another reviewer approve, and record an admin’s override', async () => {
      const { body: mine } = await request(app.http).post('/api/v1/events').set(auth(leader)).send(event).expect(201);
      await request(app.http).post(`/api/v1/events/${mine.id}/submit`).set(auth(leader)).expect(200);
      const refused = await request(app.http).post(`/api/v1/events/${mine.id}/approve`).set(auth(leader)).expect(403);
      expect(refused.body).toMatchObject({ code: 'SELF_APPROVAL_FORBIDDEN', message: expect.stringContaining('不能由您本人审核'), messageEn: expect.stringContaining('cannot approve') });
      expect((await app.db.query(`SELECT status FROM outreach_event WHERE id = $1`, [mine.id])).rows[0].status).toBe('submitted');
      await request(app.http).post(`/api/v1/events/${mine.id}/approve`).set(auth(city)).expect(200);

      // An admin who submitted an event (while still a leader) may approve it: allowed, and recorded as an override.
      const { body: theirs } = await request(app.http).post('/api/v1/events').set(auth(leader)).send({ ...event, title: '管理员越权审核' }).expect(201);
      await request(app.http).post(`/api/v1/events/${theirs.id}/submit`).set(auth(leader)).expect(200);
      const { rows: [adminUser] } = await app.db.query(`SELECT id FROM app_user WHERE username = 'admin'`);
      await app.db.query(`UPDATE outreach_event SET submitted_by = $1 WHERE id = $2`, [adminUser.id, theirs.id]);
      await request(app.http).post(`/api/v1/events/${theirs.id}/approve`).set(auth(admin)).expect(200);
      const audit = await app.db.query(`SELECT actor_name, after FROM audit_log WHERE action = 'override' AND entity_id = $1`, [theirs.id]);
      expect(audit.rows).toEqual([{ actor_name: expect.any(String), after: { rule: 'four-eyes', submittedBy: adminUser.id, approvedBy: adminUser.id } }]);
      const history = await app.db.query(`SELECT reason FROM event_history WHERE event_id = $1 AND action = 'approved'`, [theirs.id]);
      expect(history.rows[0].reason).toContain('四眼原则');
    });
  });

  describe('an event’s performance indicators', () => {
    it('should accept only indicators that exist and belong to the event’s project (or its division)', async () => {
      // An event of the project's year (a project links only events of its own year).
      const { rows: [{ year }] } = await app.db.query(`SELECT year FROM budget_project WHERE id = $1`, [projectId]);
      const event = { ...base, start: `${year}-04-10` };
      const { rows: own } = await app.db.query(`SELECT id FROM performance_indicator WHERE project_id = $1 LIMIT 1`, [projectId]);
      const { rows: other } = await app.db.query(
        `SELECT i.id FROM performance_indicator i JOIN budget_project p ON p.id = i.project_id WHERE p.division_code = '510403' AND p.id <> $1 LIMIT 1`,
        [projectId],
      );
      const unknown = '00000000-0000-4000-8000-000000000001';
      const missing = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...event, projectId, indicatorIds: [unknown] }).expect(422);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'indicatorIds', code: 'INDICATOR_NOT_FOUND', params: { id: unknown } })]);
      const foreign = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...event, projectId, indicatorIds: [other[0].id] }).expect(422);
      expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'indicatorIds', code: 'INDICATOR_OF_OTHER_PROJECT' })]);
      // Another district's indicator, with no project given.
      const { rows: [east] } = await app.db.query(
        `INSERT INTO budget_project (division_code, year, code, name, category, supervising_unit, implementing_unit) VALUES ('510402', $1, 'E2E-EAST-IND', '东区项目', 'project', '财政局', '科协') RETURNING id`,
        [year],
      );
      const { rows: [eastIndicator] } = await app.db.query(
        `INSERT INTO performance_indicator (project_id, level1, level2, name, direction, target_value) VALUES ($1, 'output', 'quantity', '东区指标', '>=', 1) RETURNING id`,
        [east.id],
      );
      const otherDistrict = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...event, indicatorIds: [eastIndicator.id] }).expect(422);
      expect(otherDistrict.body.errors).toEqual([expect.objectContaining({ field: 'indicatorIds', code: 'INDICATOR_OF_OTHER_PROJECT' })]);
      const before = Number((await app.db.query(`SELECT count(*) AS n FROM event_indicator`)).rows[0].n);
      const ok = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...event, projectId, indicatorIds: [own[0].id] }).expect(201);
      expect(ok.body.indicatorIds).toEqual([own[0].id]);
      expect(Number((await app.db.query(`SELECT count(*) AS n FROM event_indicator`)).rows[0].n)).toBe(before + 1);
    });
  });
});
