import ExcelJS from 'exceljs';
import request from 'supertest';
import { type EntityManager } from 'typeorm';
import { FactsChangedNotifier, type TouchedDay } from '../../apps/api/src/common/facts-changed.notifier.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { makeExe, makeJpegWithExif, makePdf, makePng } from './events-fixtures.js';

describe('Outreach events (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let leader: string;
  let city: string;
  let admin: string;
  let dongqu: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const base = {
    title: '科普进社区：防范电信诈骗',
    type: 'community',
    start: '2022-03-15',
    venue: '清香坪街道路北社区',
    audience: ['elderly', 'residents'],
    participants: 60,
    personTimes: 60,
    materials: 120,
  };
  const create = (token: string, body: Record<string, unknown> = {}) =>
    request(app.http).post('/api/v1/events').set(auth(token)).send({ ...base, ...body });
  const count = async (sql: string, params: unknown[] = []) => Number((await app.db.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    [staff, leader, city, admin, dongqu] = await Promise.all(
      ['xiqu-staff', 'xiqu-leader', 'panzhihua', 'admin', 'dongqu-staff'].map((u) => loginAs(app, u)),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('demo data', () => {
    it('should hold the seed’s West District 2021 events with about 4,000 leaflets and five 科普经费 events', async () => {
      const approved = await app.db.query(
        `SELECT count(*)::int AS n, sum(materials)::int AS materials FROM outreach_event WHERE division_code = '510403' AND start_date BETWEEN '2021-01-01' AND '2021-12-31'`,
      );
      expect(approved.rows[0].materials).toBeGreaterThanOrEqual(4000);
      expect(approved.rows[0].materials).toBeLessThan(4500);
      expect(await count(`SELECT count(*) AS n FROM outreach_event WHERE division_code = '510403' AND cost = 2000 AND start_date BETWEEN '2021-01-01' AND '2021-12-31'`)).toBe(5);
      // Each year's campaign events are paid from that year's 科普经费 (2021's and this year's demo projects).
      expect(await count(`SELECT count(*) AS n FROM outreach_event e JOIN budget_project p ON p.id = e.project_id WHERE p.year <> extract(year FROM e.start_date)`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM outreach_event WHERE venue = '清香坪街道杨家坪社区' AND type = 'anti_cult'`)).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM outreach_event WHERE venue = '清香坪街道路北社区' AND type = 'health'`)).toBe(1);
      expect(await count(`SELECT count(DISTINCT status) AS n FROM outreach_event WHERE division_code = '510403'`)).toBe(4);
      expect(await count(`SELECT count(DISTINCT division_code) AS n FROM outreach_event`)).toBe(5);
    });
  });

  describe('create, read, update, delete', () => {
    it('should create a draft with defaults, read it back and list it with filters when staff log an event', async () => {
      const created = await create(staff).expect(201);
      expect(created.body).toMatchObject({
        status: 'draft', division: '510403', divisionName: '西区', typeName: '科普进社区', end: '2022-03-15', cost: '0.00', attachmentCount: 0,
        can: { edit: true, submit: true, delete: true, approve: false, return: false },
      });
      expect(created.body.history).toEqual([expect.objectContaining({ action: 'created', toStatus: 'draft', actorName: '西区科协 工作人员' })]);

      const list = await request(app.http)
        .get('/api/v1/events')
        .query({ q: '电信诈骗', status: 'draft', from: '2022-03-01', to: '2022-03-31', type: 'community,health', sort: 'title', order: 'asc' })
        .set(auth(staff))
        .expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);
      expect(list.body.total).toBe(list.body.items.length);

      const patched = await request(app.http).patch(`/api/v1/events/${created.body.id}`).set(auth(staff)).send({ materials: 150, cost: '800.5', partners: ['路北社区', '路北社区 '] }).expect(200);
      expect(patched.body).toMatchObject({ materials: 150, cost: '800.50', partners: ['路北社区'], title: base.title });

      await request(app.http).delete(`/api/v1/events/${created.body.id}`).set(auth(staff)).expect(204);
      await request(app.http).get(`/api/v1/events/${created.body.id}`).set(auth(staff)).expect(404);
    });

    it('should answer 422, not 500, when a date filter is not a calendar day', async () => {
      const response = await request(app.http).get('/api/v1/events').query({ to: '2021-11-31' }).set(auth(staff)).expect(422);
      expect(response.body.errors[0].field).toBe('query.to');
    });

    it('should page and sort the list when asked for page 2 by start date ascending', async () => {
      const page1 = await request(app.http).get('/api/v1/events').query({ division: '510403', sort: 'start', order: 'asc', pageSize: 5 }).set(auth(leader)).expect(200);
      const page2 = await request(app.http).get('/api/v1/events').query({ division: '510403', sort: 'start', order: 'asc', pageSize: 5, page: 2 }).set(auth(leader)).expect(200);
      const starts = [...page1.body.items, ...page2.body.items].map((e: { start: string }) => e.start);
      expect(starts).toEqual([...starts].sort());
      expect(page1.body.items[0].start).toBe('2021-02-05');
      expect(page1.body.total).toBeGreaterThan(10);
    });

    it('should name every failing field in one 422 when an event breaks several rules', async () => {
      const response = await create(staff, { start: '2022-03-15', end: '2022-03-10', materials: -5, participants: 80, personTimes: 40, type: 'fireworks', cost: '-3' }).expect(422);
      const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['cost', 'end', 'materials', 'personTimes', 'type']);
      expect(response.body.errors.find((e: { field: string }) => e.field === 'end').message).toContain('结束日期不能早于开始日期');
      expect(await count(`SELECT count(*) AS n FROM outreach_event WHERE title = $1`, [base.title])).toBe(0);
    });

    it('should require title, type and start when they are missing', async () => {
      const response = await request(app.http).post('/api/v1/events').set(auth(staff)).send({}).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['start', 'title', 'type']);
    });

    it('should refuse with 403 when West District staff create an event in East District', async () => {
      const response = await create(staff, { division: '510402' }).expect(403);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'division' })]);
    });

    it('should refuse a budget project of another division and accept one of the same division', async () => {
      const present = (await app.db.query(`SELECT to_regclass('budget_project') IS NOT NULL AS p`)).rows[0].p;
      if (!present) await app.db.query(`CREATE TABLE budget_project (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), division_code char(6) NOT NULL, year int, code text, name text, category text, supervising_unit text, implementing_unit text)`);
      const insert = async (division: string, code: string) =>
        (
          await app.db.query(
            `INSERT INTO budget_project (division_code, year, code, name, category, supervising_unit, implementing_unit) VALUES ($1, 2022, $2, '科普经费', 'project', '财政局', '科协') RETURNING id`,
            [division, code],
          )
        ).rows[0].id as string;
      const east = await insert('510402', 'E2E-EAST');
      const west = await insert('510403', 'E2E-WEST');
      const refused = await create(staff, { projectId: east }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'projectId', message: expect.stringContaining('其他区划') })]);
      const unknown = await create(staff, { projectId: '00000000-0000-4000-8000-000000000000' }).expect(422);
      expect(unknown.body.errors[0].field).toBe('projectId');
      const ok = await create(staff, { projectId: west, title: '科普经费活动' }).expect(201);
      expect(ok.body.projectId).toBe(west);
    });
  });

  describe('workflow and counting', () => {
    it('should let only the division’s leader or the city approve and return, and tell the notifier which (division, day) changed', async () => {
      const notifier = app.app.get(FactsChangedNotifier);
      const calls: Array<{ touched: TouchedDay[]; approvedInside: number }> = [];
      const unsubscribe = notifier.subscribe(async (manager: EntityManager, touched) => {
        const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM outreach_event WHERE division_code = '510403' AND status = 'approved' AND start_date = '2022-04-20'`);
        calls.push({ touched, approvedInside: n });
      });
      try {
        const monthCount = async () =>
          (await request(app.http).get('/api/v1/events').query({ division: '510403', status: 'approved', from: '2022-04-01', to: '2022-04-30' }).set(auth(leader)).expect(200)).body.total as number;
        const before = await monthCount();
        const event = (await create(staff, { start: '2022-04-20', title: '健康科普讲座', type: 'health' }).expect(201)).body;

        await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(leader)).expect(409); // still a draft
        await request(app.http).post(`/api/v1/events/${event.id}/submit`).set(auth(staff)).expect(200);
        await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(staff)).expect(403);
        await request(app.http).get(`/api/v1/events/${event.id}`).set(auth(dongqu)).expect(403);
        await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(dongqu)).expect(403);
        await request(app.http).patch(`/api/v1/events/${event.id}`).set(auth(staff)).send({ materials: 1 }).expect(409); // submitted: locked
        expect(calls).toEqual([]);

        const approved = await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(leader)).expect(200);
        expect(approved.body).toMatchObject({ status: 'approved', reviewed: { byName: '西区科协 负责人' } });
        expect(calls).toEqual([{ touched: [{ divisionCode: '510403', day: '2022-04-20' }], approvedInside: 1 }]);
        expect(await monthCount()).toBe(before + 1);

        await request(app.http).post(`/api/v1/events/${event.id}/return`).set(auth(city)).send({ reason: '  ' }).expect(422);
        const returned = await request(app.http).post(`/api/v1/events/${event.id}/return`).set(auth(city)).send({ reason: '请补充签到表' }).expect(200);
        expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请补充签到表', can: { edit: false, approve: false } });
        expect(calls[1]).toEqual({ touched: [{ divisionCode: '510403', day: '2022-04-20' }], approvedInside: 0 });
        expect(await monthCount()).toBe(before);

        // Edited back and approved again on another day: only that day is touched.
        await request(app.http).patch(`/api/v1/events/${event.id}`).set(auth(staff)).send({ start: '2022-04-22' }).expect(200);
        await request(app.http).post(`/api/v1/events/${event.id}/submit`).set(auth(staff)).expect(200);
        await request(app.http).post(`/api/v1/events/${event.id}/return`).set(auth(leader)).send({ reason: '日期有误' }).expect(200);
        expect(calls).toHaveLength(2); // returning a submitted (never counted) event changes no count
        await request(app.http).post(`/api/v1/events/${event.id}/submit`).set(auth(staff)).expect(200);
        await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(admin)).expect(200);
        expect(calls[2].touched).toEqual([{ divisionCode: '510403', day: '2022-04-22' }]);

        const detail = await request(app.http).get(`/api/v1/events/${event.id}`).set(auth(leader)).expect(200);
        expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
          'created', 'submitted', 'approved', 'returned', 'updated', 'submitted', 'returned', 'submitted', 'approved',
        ]);
        await request(app.http).delete(`/api/v1/events/${event.id}`).set(auth(staff)).expect(409); // only drafts
        // The demo may hold events of its own that day: the day's totals rose by this event's.
        const [demoDay] = await app.db.query(
          `SELECT count(*)::int AS count, coalesce(sum(person_times), 0)::int AS "personTimes", coalesce(sum(materials), 0)::int AS materials
             FROM outreach_event WHERE division_code = '510403' AND status = 'approved' AND start_date = '2022-04-22' AND id <> $1`,
          [event.id],
        ).then((r) => r.rows);
        const totals = await app.app.get((await import('../../apps/api/src/events/events.service.js')).EventsService).approvedTotalsForDays([{ divisionCode: '510403', day: '2022-04-22' }]);
        expect(totals).toEqual([{ divisionCode: '510403', day: '2022-04-22', count: demoDay.count + 1, personTimes: demoDay.personTimes + 60, materials: demoDay.materials + 120 }]);
      } finally {
        unsubscribe();
      }
    });

    it('should roll the approval back when a listener fails inside the transaction', async () => {
      const notifier = app.app.get(FactsChangedNotifier);
      const event = (await create(staff, { title: '回滚测试' }).expect(201)).body;
      await request(app.http).post(`/api/v1/events/${event.id}/submit`).set(auth(staff)).expect(200);
      const unsubscribe = notifier.subscribe(() => {
        throw new Error('rollup refresh failed');
      });
      try {
        await request(app.http).post(`/api/v1/events/${event.id}/approve`).set(auth(leader)).expect(500);
      } finally {
        unsubscribe();
      }
      expect((await request(app.http).get(`/api/v1/events/${event.id}`).set(auth(leader)).expect(200)).body.status).toBe('submitted');
    });
  });

  describe('attachments', () => {
    let eventId: string;
    const attachmentRows = () => count(`SELECT count(*) AS n FROM event_attachment WHERE event_id = $1`, [eventId]);

    beforeAll(async () => {
      eventId = (await create(staff, { title: '附件测试' }).expect(201)).body.id;
    });

    it('should keep a photo with its EXIF time and a PDF, and serve them back only within scope', async () => {
      const jpeg = makeJpegWithExif('2022:03:15 09:41:07');
      const photo = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', jpeg, { filename: '签到表.jpg', contentType: 'image/jpeg' }).expect(201);
      expect(photo.body).toMatchObject({ kind: 'jpeg', contentType: 'image/jpeg', size: jpeg.length, takenAt: '2022-03-15T09:41:07', fileName: '签到表.jpg', hasThumbnail: false });

      const png = makePng(40, 30, [200, 40, 40]);
      const thumb = makePng(8, 6, [200, 40, 40]);
      const second = await request(app.http)
        .post(`/api/v1/events/${eventId}/attachments`)
        .set(auth(staff))
        .attach('file', png, { filename: 'photo.png' })
        .attach('thumbnail', thumb, { filename: 'thumb.png' })
        .expect(201);
      expect(second.body).toMatchObject({ kind: 'png', hasThumbnail: true, takenAt: null });
      // A PDF named .jpg is still a PDF: the content decides.
      const pdf = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', makePdf(), { filename: 'scan.jpg', contentType: 'image/jpeg' }).expect(201);
      expect(pdf.body).toMatchObject({ kind: 'pdf', contentType: 'application/pdf' });

      const list = await request(app.http).get(`/api/v1/events/${eventId}/attachments`).set(auth(leader)).expect(200);
      expect(list.body).toHaveLength(3);
      const download = await request(app.http).get(`/api/v1/events/${eventId}/attachments/${photo.body.id}`).set(auth(city)).buffer(true).parse(binary).expect(200);
      expect(download.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(download.body as Buffer, jpeg)).toBe(0);
      const preview = await request(app.http).get(`/api/v1/events/${eventId}/attachments/${second.body.id}?thumbnail=true`).set(auth(staff)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(preview.body as Buffer, thumb)).toBe(0);

      await request(app.http).get(`/api/v1/events/${eventId}/attachments/${photo.body.id}`).set(auth(dongqu)).expect(403);
      await request(app.http).get(`/api/v1/events/${eventId}/attachments`).set(auth(dongqu)).expect(403);
      await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(dongqu)).attach('file', jpeg, { filename: 'x.jpg' }).expect(403);
    });

    it('should refuse a 30 MB upload, a renamed executable and a zero-byte file with clear messages and write nothing', async () => {
      const before = await attachmentRows();
      const huge = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', Buffer.alloc(30 * 1024 * 1024, 0xff), { filename: 'big.jpg' }).expect(413);
      expect(huge.body).toMatchObject({ code: 'FILE_TOO_LARGE', params: { limitMb: 10 }, message: expect.stringContaining('10 MB') });
      const eleven = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', Buffer.concat([makeJpegWithExif(null), Buffer.alloc(11 * 1024 * 1024)]), { filename: 'big.jpg' }).expect(413);
      expect(eleven.body.errors[0].field).toBe('file');
      const exe = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', makeExe(), { filename: 'photo.jpg', contentType: 'image/jpeg' }).expect(415);
      expect(exe.body).toMatchObject({ code: 'UNSUPPORTED_FORMAT', messageEn: expect.stringContaining('Windows executable'), errors: [{ field: 'file', code: 'UNSUPPORTED_FORMAT' }] });
      const empty = await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).attach('file', Buffer.alloc(0), { filename: 'empty.png' }).expect(422);
      expect(empty.body.message).toContain('文件为空');
      await request(app.http).post(`/api/v1/events/${eventId}/attachments`).set(auth(staff)).expect(422);
      expect(await attachmentRows()).toBe(before);
    }, 30_000);

    it('should delete the attachments with the draft', async () => {
      expect(await attachmentRows()).toBeGreaterThan(0);
      await request(app.http).delete(`/api/v1/events/${eventId}`).set(auth(staff)).expect(204);
      expect(await attachmentRows()).toBe(0);
    });
  });

  describe('export and import', () => {
    const exportWest = async () =>
      (
        await request(app.http)
          .get('/api/v1/events/export.xlsx')
          .query({ division: '510403', from: '2021-01-01', to: '2021-12-31', sort: 'start', order: 'asc' })
          .set(auth(staff))
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    const importFile = (token: string, file: Buffer, mode?: string) => {
      const req = request(app.http).post('/api/v1/events/import').set(auth(token)).attach('file', file, { filename: '活动.xlsx' });
      return mode ? req.field('mode', mode) : req;
    };

    it('should re-import its own export to the same events (round trip), and update and insert what changed', async () => {
      const file = await exportWest();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['编号', '活动名称', '活动类型', '开始日期', '人次', '发放资料(份)', '经费(元)', '状态']));
      const total = await count(`SELECT count(*) AS n FROM outreach_event WHERE division_code = '510403' AND start_date BETWEEN '2021-01-01' AND '2021-12-31'`);
      expect(sheet.rowCount).toBe(total + 1);

      const same = await importFile(staff, file).expect(201);
      expect(same.body).toMatchObject({ rows: total, inserted: 0, updated: 0, unchanged: total, rejected: 0, errors: [] });

      // Change the draft (the last row: 2021-12-28) and add a new row without an id.
      const headers = sheet.getRow(1).values as string[];
      const col = (name: string) => headers.indexOf(name);
      const last = sheet.getRow(sheet.rowCount);
      expect(last.getCell(col('状态')).value).toBe('草稿');
      last.getCell(col('发放资料(份)')).value = 333;
      sheet.addRow(headers.slice(1).map((h) => ({ 活动名称: '新导入的讲座', 活动类型: '讲座', 区县: '西区', 开始日期: '2021-12-30', 参与人数: 30, 人次: 30, 受众: '青少年、老年人' })[h] ?? ''));
      const changed = await importFile(staff, Buffer.from(await workbook.xlsx.writeBuffer())).expect(201);
      expect(changed.body).toMatchObject({ inserted: 1, updated: 1, unchanged: total - 1, rejected: 0 });
      const imported = await app.db.query(`SELECT status, audience, type FROM outreach_event WHERE title = '新导入的讲座'`);
      expect(imported.rows).toEqual([{ status: 'draft', audience: ['youth', 'elderly'], type: 'lecture' }]);
    });

    it('should reject the whole file with every row error when one row is bad (all-or-nothing), and write the good rows in valid-rows mode', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('活动');
      sheet.addRow(['活动名称', '活动类型', '开始日期', '结束日期', '参与人数', '人次', '区划代码']);
      sheet.addRow(['好的一行', '讲座', '2022-05-01', '2022-05-01', 10, 10, '510403']);
      sheet.addRow(['坏的一行', '烟花', '2022-05-03', '2022-05-02', 10, 5, '510403']);
      sheet.addRow(['别区的一行', '讲座', '2022-05-04', '', -1, '', '510402']);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const before = await count(`SELECT count(*) AS n FROM outreach_event`);

      const rejected = await importFile(staff, file).expect(422);
      expect(rejected.body).toMatchObject({ rows: 3, inserted: 0, rejected: 2 });
      const cells = rejected.body.errors.map((e: { row: number; column: string }) => `${e.row} ${e.column}`);
      expect(cells).toEqual(expect.arrayContaining(['3 活动类型', '3 结束日期', '3 人次', '4 参与人数']));
      expect(rejected.body).toMatchObject({ code: 'ROWS_REJECTED', params: { rejected: 2 } });
      expect(rejected.body.errors.every((e: { code?: string; message?: string; messageEn?: string }) => e.code && e.message && e.messageEn)).toBe(true);
      expect(await count(`SELECT count(*) AS n FROM outreach_event`)).toBe(before);

      const partial = await importFile(staff, file, 'valid-rows').expect(201);
      expect(partial.body).toMatchObject({ inserted: 1, rejected: 2 });
      expect(await count(`SELECT count(*) AS n FROM outreach_event`)).toBe(before + 1);
    });

    it('should refuse a file that is not a table and rows of events outside the importer’s scope', async () => {
      await importFile(staff, makePdf()).expect(415);
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('x').addRow(['名称不对', '什么']);
      const noHeader = await importFile(staff, Buffer.from(await workbook.xlsx.writeBuffer())).expect(422);
      expect(noHeader.body.message).toContain('缺少必需的列');
      const eastFile = await request(app.http).get('/api/v1/events/export.xlsx').query({ division: '510402' }).set(auth(dongqu)).buffer(true).parse(binary).expect(200);
      const cross = await importFile(staff, eastFile.body as Buffer).expect(422);
      expect(cross.body.errors[0].message).toContain('其他区划');
    });
  });

  describe('event types', () => {
    it('should let only an admin add and retire a type, and refuse retired types on new events', async () => {
      const types = await request(app.http).get('/api/v1/event-types').set(auth(staff)).expect(200);
      expect(types.body.map((t: { nameZh: string }) => t.nameZh)).toEqual([
        '科技活动周', '全国科普日', '科技工作者日', '科普大篷车', '科普进社区', '科普进校园', '讲座', '展览', '竞赛', '培训', '反邪教宣传', '健康科普', '线上直播', '其他',
      ]);
      await request(app.http).post('/api/v1/event-types').set(auth(staff)).send({ code: 'science_month', nameZh: '科普活动月', nameEn: 'Science Month' }).expect(403);
      await request(app.http).post('/api/v1/event-types').set(auth(admin)).send({ code: 'science_month', nameZh: '科普活动月', nameEn: 'Science Month', sort: 5 }).expect(201);
      await create(staff, { type: '科普活动月', title: '科普活动月' }).expect(201);
      await request(app.http).patch('/api/v1/event-types/science_month').set(auth(admin)).send({ active: false }).expect(200);
      const refused = await create(staff, { type: 'science_month' }).expect(422);
      expect(refused.body.errors[0]).toMatchObject({ field: 'type', message: expect.stringContaining('已停用') });
    });
  });
});

// superagent hands the raw node response to a custom parser; its typings only know its own Response.
const binary = ((res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => binaryParser(res, callback)) as unknown as Parameters<request.Test['parse']>[0];

function binaryParser(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
