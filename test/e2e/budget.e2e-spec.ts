import ExcelJS from 'exceljs';
import request from 'supertest';
import { todayInShanghai } from '../../apps/api/src/budget/budget-dates.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('支付明细');
  sheet.addRow(['西区科协 2021 年支付明细']);
  sheet.addRow(['日期', '金额(元)', '资金来源/资金行', '功能分类科目', '经济分类科目', '摘要']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('Budget (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let leader: string;
  let dongqu: string;
  let city: string;
  let admin: string;
  let projects: Array<{ id: string; code: string; name: string }>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const byCode = (code: string) => projects.find((p) => p.code === code) as { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    [staff, leader, dongqu, city, admin] = await Promise.all(['xiqu-staff', 'xiqu-leader', 'dongqu-staff', 'panzhihua', 'admin'].map((u) => loginAs(app, u)));
    projects = (await request(app.http).get('/api/v1/budget/projects?year=2021').set(auth(staff)).expect(200)).body;
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('seed projects (West District 2021)', () => {
    it('should hold the three projects of 附件2–4 with the seed figures when the demo is loaded', () => {
      expect(projects.map((p) => p.name).sort()).toEqual(['全民科学素质行动计划', '攀枝花市西区天府科技云服务中心运维服务项目', '科普经费'].sort());
    });

    it('should compute the cloud project as 上级 87.05%, 本级 0% and total 45.46% of 344702 元 when read at year end', async () => {
      const { body } = await request(app.http).get(`/api/v1/budget/projects/${byCode('510403-2021-KJY').id}/execution`).set(auth(leader)).expect(200);
      expect(body.lines.map((l: { source: string; adjustedBudget: string; executed: string; ratePercent: string }) => [l.source, l.adjustedBudget, l.executed, l.ratePercent])).toEqual([
        ['superior', '180000.00', '156688.30', '87.05'],
        ['local', '164702.00', '0.00', '0.00'],
      ]);
      expect(body.total).toMatchObject({ adjustedBudget: '344702.00', executed: '156688.30', ratePercent: '45.46' });
      expect(body.months).toHaveLength(12);
      expect(body.months[11]).toMatchObject({ month: '2021-12', cumulativeExecuted: '156688.30', cumulativeRatePercent: '45.46', expectedPercent: '100.00', gapPoints: '-54.54' });
      expect(body.months[5]).toMatchObject({ month: '2021-06', cumulativeExecuted: '76360.00', expectedPercent: '50.00' });
      expect(body.progress).toMatchObject({ asOf: '2021-12-31', paceMode: 'monthly', month: 12, ratePercent: '45.46', status: 'red', isYearEnd: true });
    });

    it('should compute 100% for 全民科学素质 (5000 元) and 科普经费 (10000 元)', async () => {
      for (const [code, budget] of [['510403-2021-QMKXSZ', '5000.00'], ['510403-2021-KPJF', '10000.00']]) {
        const { body } = await request(app.http).get(`/api/v1/budget/projects/${byCode(code).id}/execution`).set(auth(staff)).expect(200);
        expect(body.total).toMatchObject({ adjustedBudget: budget, executed: budget, ratePercent: '100.00' });
        expect(body.progress.status).toBe('green');
      }
    });

    it('should measure against the daily pace and a mid-year day when asked', async () => {
      const { body } = await request(app.http)
        .get(`/api/v1/budget/projects/${byCode('510403-2021-KJY').id}/execution?asOf=2021-07-02&pace=daily`)
        .set(auth(staff))
        .expect(200);
      // 183 of 365 days = 50.14%; executed to 2 July = 76360.00 / 344702 = 22.15%.
      expect(body.progress).toMatchObject({ paceMode: 'daily', asOf: '2021-07-02', executed: '76360.00', ratePercent: '22.15', expectedPercent: '50.14', status: 'red', projectedBelowThreshold: true });
      expect(body.progress.projectedYearEndPercent).toBe('44.18');
      await request(app.http).get(`/api/v1/budget/projects/${byCode('510403-2021-KJY').id}/execution?asOf=2022-01-01`).set(auth(staff)).expect(422);
    });
  });

  describe('CRUD, validation and scope', () => {
    let projectId: string;
    let lineId: string;

    beforeAll(async () => {
      const project = await request(app.http)
        .post('/api/v1/budget/projects')
        .set(auth(staff))
        .send({ divisionCode: '510403', year: 2022, code: 'T-2022-1', name: '测试项目', aliases: ['测试'], category: 'project', supervisingUnit: '西区财政局', implementingUnit: '西区科协' })
        .expect(201);
      projectId = project.body.id;
      const line = await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/funding-lines`)
        .set(auth(staff))
        .send({ source: 'local', fundType: 'general', initialBudget: '10000', adjustedBudget: '12000.50' })
        .expect(201);
      lineId = line.body.id;
      expect(line.body).toMatchObject({ initialBudget: '10000.00', adjustedBudget: '12000.50', carriedIn: '0.00', executed: '0.00' });
    });

    it('should refuse a second project with the same code in the same division and year (409)', async () => {
      const { body } = await request(app.http)
        .post('/api/v1/budget/projects')
        .set(auth(leader))
        .send({ divisionCode: '510403', year: 2022, code: 'T-2022-1', name: '重复', category: 'basic', supervisingUnit: 'x', implementingUnit: 'y' })
        .expect(409);
      expect(body.errors[0].field).toBe('code');
    });

    it('should record a valid payment and show it in the line’s executed amount', async () => {
      const { body } = await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/payments`)
        .set(auth(staff))
        .send({ fundingLineId: lineId, paidOn: '2022-03-15', amount: '1234.5', functionalCode: '2060702', economicCode: '30227', memo: '测试' })
        .expect(201);
      expect(body).toMatchObject({ amount: '1234.50', paidOn: '2022-03-15' });
      const lines = await request(app.http).get(`/api/v1/budget/projects/${projectId}/funding-lines`).set(auth(staff)).expect(200);
      expect(lines.body[0].executed).toBe('1234.50');
    });

    it.each([
      ['a zero amount', { amount: '0' }, 'amount'],
      ['a negative amount', { amount: '-5' }, 'amount'],
      ['three decimals', { amount: '1.234' }, 'amount'],
      ['a day outside the project year', { paidOn: '2021-12-31' }, 'paidOn'],
      ['a day that does not exist', { paidOn: '2022-02-30' }, 'paidOn'],
      ['a 4-digit functional code', { functionalCode: '2060' }, 'functionalCode'],
      ['a 4-digit economic code', { economicCode: '3022' }, 'economicCode'],
    ])('should answer 422 naming the field when a payment has %s', async (_label, patch, field) => {
      const { body } = await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/payments`)
        .set(auth(staff))
        .send({ fundingLineId: lineId, paidOn: '2022-03-15', amount: '10', functionalCode: '206', economicCode: '302', ...patch })
        .expect(422);
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should answer 422 when the payment names a funding line of another project', async () => {
      const cloudLines = await request(app.http).get(`/api/v1/budget/projects/${byCode('510403-2021-KJY').id}/funding-lines`).set(auth(staff)).expect(200);
      const { body } = await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/payments`)
        .set(auth(staff))
        .send({ fundingLineId: cloudLines.body[0].id, paidOn: '2022-03-15', amount: '10', functionalCode: '206', economicCode: '302' })
        .expect(422);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'fundingLineId' })]);
    });

    it('should forbid another district to read or write the project (403) and let the city read but not write', async () => {
      await request(app.http).get(`/api/v1/budget/projects/${projectId}`).set(auth(dongqu)).expect(403);
      await request(app.http).get(`/api/v1/budget/projects/${projectId}/execution`).set(auth(dongqu)).expect(403);
      await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/payments`)
        .set(auth(dongqu))
        .send({ fundingLineId: lineId, paidOn: '2022-03-15', amount: '10', functionalCode: '206', economicCode: '302' })
        .expect(403);
      await request(app.http)
        .post('/api/v1/budget/projects')
        .set(auth(dongqu))
        .send({ divisionCode: '510403', year: 2022, code: 'X-1', name: '越权', category: 'project', supervisingUnit: 'x', implementingUnit: 'y' })
        .expect(403);
      const dongquList = await request(app.http).get('/api/v1/budget/projects').set(auth(dongqu)).expect(200);
      expect(dongquList.body.every((p: { divisionCode: string }) => p.divisionCode === '510402')).toBe(true);
      await request(app.http).get(`/api/v1/budget/projects/${projectId}`).set(auth(city)).expect(200);
      await request(app.http).patch(`/api/v1/budget/projects/${projectId}`).set(auth(city)).send({ name: '改名' }).expect(403);
      await request(app.http).patch(`/api/v1/budget/projects/${projectId}`).set(auth(admin)).send({ name: '测试项目（改）' }).expect(200);
    });

    it('should refuse to delete a project that has payments (409) and delete an empty line', async () => {
      await request(app.http).delete(`/api/v1/budget/projects/${projectId}`).set(auth(staff)).expect(409);
      const extra = await request(app.http)
        .post(`/api/v1/budget/projects/${projectId}/funding-lines`)
        .set(auth(staff))
        .send({ source: 'other', fundType: 'other', initialBudget: '0', adjustedBudget: '0' })
        .expect(201);
      await request(app.http).delete(`/api/v1/budget/funding-lines/${extra.body.id}`).set(auth(staff)).expect(204);
    });

    it('should import nothing when one row is bad and list every row error (all-or-nothing)', async () => {
      const file = await xlsx([
        ['2022-04-01', 100, '本级财政资金', '2060702', '30227', '好的一行'],
        ['2022-13-01', 0, '上级财政资金', '20607021', '3', '坏的一行'],
      ]);
      const { body } = await request(app.http).post(`/api/v1/budget/projects/${projectId}/payments/import`).set(auth(staff)).attach('file', file, 'payments.xlsx').expect(422);
      // Row errors are row + column (the one shape of every import); the same cells as "第N行 列名".
      const fields = body.errors.map((e: { row: number; column: string }) => `第${e.row}行 ${e.column}`);
      expect(fields).toEqual(expect.arrayContaining(['第4行 日期', '第4行 金额(元)', '第4行 资金来源/资金行', '第4行 功能分类科目', '第4行 经济分类科目']));
      expect(fields.some((f: string) => f.startsWith('第3行'))).toBe(false);
      const payments = await request(app.http).get(`/api/v1/budget/projects/${projectId}/payments`).set(auth(staff)).expect(200);
      expect(payments.body).toHaveLength(1);
    });

    it('should import every row in one go when all rows are valid', async () => {
      const file = await xlsx([
        ['2022-04-01', 100, '本级财政资金', '2060702', '30227', '导入一'],
        ['2022/05/02', '200.25', '本级', 2060702, 30202, '导入二'],
      ]);
      const { body } = await request(app.http).post(`/api/v1/budget/projects/${projectId}/payments/import`).set(auth(staff)).attach('file', file, 'payments.xlsx').expect(201);
      expect(body).toMatchObject({ status: 'succeeded', inserted: 2, total: '300.25' });
      const execution = await request(app.http).get(`/api/v1/budget/projects/${projectId}/execution?asOf=2022-12-31`).set(auth(staff)).expect(200);
      expect(execution.body.total.executed).toBe('1534.75');
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'budget_payment' AND action = 'insert'`);
      expect(rows[0].n).toBeGreaterThanOrEqual(3);
    });

    it('should refuse a file that is not an XLSX workbook (422)', async () => {
      await request(app.http).post(`/api/v1/budget/projects/${projectId}/payments/import`).set(auth(staff)).attach('file', Buffer.from('日期,金额\n'), 'p.csv').expect(422);
    });
  });

  describe('the demo’s year in progress', () => {
    it('should hold this year’s three West District projects, paid only up to today, with the warnings budget-watch raised for those behind 序时进度', async () => {
      const today = todayInShanghai();
      const year = Number(today.slice(0, 4));
      const current = (await request(app.http).get(`/api/v1/budget/projects?year=${year}`).set(auth(leader)).expect(200)).body as Array<{ id: string; code: string }>;
      expect(current.map((p) => p.code).sort()).toEqual([`510403-${year}-KJY`, `510403-${year}-KPJF`, `510403-${year}-QMKXSZ`]);
      for (const project of current) {
        const payments = (await request(app.http).get(`/api/v1/budget/projects/${project.id}/payments`).set(auth(leader)).expect(200)).body as Array<{ paidOn: string }>;
        expect(payments.every((p) => p.paidOn >= `${year}-01-01` && p.paidOn <= today)).toBe(true);
        const { body: execution } = await request(app.http).get(`/api/v1/budget/projects/${project.id}/execution`).set(auth(leader)).expect(200);
        const open = (await request(app.http).get(`/api/v1/budget/warnings?open=true&projectId=${project.id}`).set(auth(leader)).expect(200)).body as Array<{ kind: string }>;
        const behind = execution.progress.status !== null && execution.progress.status !== 'green';
        expect([project.code, open.some((w) => w.kind === 'behind_pace' || w.kind === 'year_end_below_threshold')]).toEqual([project.code, behind]);
      }
    });
  });

  describe('budget-watch', () => {
    it('should raise a warning for a project behind 序时进度 and clear it once the money is spent', async () => {
      const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
      const project = await request(app.http)
        .post('/api/v1/budget/projects')
        .set(auth(staff))
        .send({ divisionCode: '510403', year, code: `WATCH-${year}`, name: '序时进度测试', category: 'project', supervisingUnit: 'x', implementingUnit: 'y' })
        .expect(201);
      const line = await request(app.http)
        .post(`/api/v1/budget/projects/${project.body.id}/funding-lines`)
        .set(auth(staff))
        .send({ source: 'local', fundType: 'general', initialBudget: '100000', adjustedBudget: '100000' })
        .expect(201);

      const first = await request(app.http).post('/api/v1/jobs/budget-watch/run').set(auth(admin)).expect(201);
      expect(first.body.status).toBe('succeeded');
      const open = await request(app.http).get(`/api/v1/budget/warnings?open=true&projectId=${project.body.id}`).set(auth(staff)).expect(200);
      expect(open.body.map((w: { kind: string }) => w.kind)).toContain('behind_pace');
      expect(open.body[0]).toMatchObject({ projectName: '序时进度测试', divisionCode: '510403', clearedAt: null });
      await request(app.http).get(`/api/v1/budget/warnings?open=true&projectId=${project.body.id}`).set(auth(dongqu)).expect(200).expect((r) => expect(r.body).toEqual([]));

      // Run again: nothing new is raised for a warning still open.
      await request(app.http).post('/api/v1/jobs/budget-watch/run').set(auth(admin)).expect(201);
      const still = await request(app.http).get(`/api/v1/budget/warnings?projectId=${project.body.id}`).set(auth(staff)).expect(200);
      expect(still.body).toHaveLength(open.body.length);

      await request(app.http)
        .post(`/api/v1/budget/projects/${project.body.id}/payments`)
        .set(auth(staff))
        .send({ fundingLineId: line.body.id, paidOn: `${year}-01-01`, amount: '100000', functionalCode: '206', economicCode: '302' })
        .expect(201);
      await request(app.http).post('/api/v1/jobs/budget-watch/run').set(auth(admin)).expect(201);
      const after = await request(app.http).get(`/api/v1/budget/warnings?projectId=${project.body.id}`).set(auth(staff)).expect(200);
      expect(after.body.length).toBe(open.body.length);
      expect(after.body.every((w: { clearedAt: string | null }) => w.clearedAt !== null)).toBe(true);
      await request(app.http).get(`/api/v1/budget/warnings?open=true&projectId=${project.body.id}`).set(auth(staff)).expect(200).expect((r) => expect(r.body).toEqual([]));
    });
  });
});
