import ExcelJS from 'exceljs';
import request from 'supertest';
import { DivisionsService } from '../../apps/api/src/divisions/divisions.service.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

// Every importer (platform data, events, payments, targets) answers alike: the same 422 body with
// row + column + code + message + messageEn, the same division lookup, the same IMPORT_MAX_ROWS.
const MAX_ROWS = 20;
const CJK = /[\u4e00-\u9fff]/;

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csv = (rows: Array<Array<string | number>>) => Buffer.from('\uFEFF' + rows.map((row) => row.join(',')).join('\r\n') + '\r\n');

/** The one body of a file refused for its rows, with one bad row named by row and column. */
function expectRowsRejected(body: Record<string, unknown>, row: number, column: string, code: string): void {
  expect(body).toMatchObject({
    statusCode: 422,
    code: 'ROWS_REJECTED',
    message: '1 行有错误，未写入任何数据',
    messageEn: '1 row(s) have errors; nothing was written',
    params: { rejected: 1 },
    rejected: 1,
    inserted: 0,
    errors: [{ row, column, code, message: expect.stringMatching(CJK), messageEn: expect.stringMatching(/[a-z]/) }],
    requestId: expect.any(String),
  });
  for (const error of body.errors as Array<{ message: string; messageEn: string }>) {
    expect(error.message).not.toContain(' / ');
    expect(error.messageEn).not.toMatch(/ \/ .*[\u4e00-\u9fff]/);
  }
}

/** The body of a response, once its status is the one expected. */
function status(response: { status: number; body: Record<string, unknown> }, expected: number): { body: Record<string, unknown> } {
  expect({ status: response.status, body: response.status === expected ? null : response.body }).toEqual({ status: expected, body: null });
  return response;
}

/** The one body of a file past IMPORT_MAX_ROWS. */
function expectTooManyRows(body: Record<string, unknown>): void {
  expect(body).toMatchObject({
    statusCode: 422,
    code: 'TOO_MANY_ROWS',
    message: `文件超过 ${MAX_ROWS} 行数据，请拆分后分批导入`,
    messageEn: `The file has more than ${MAX_ROWS} data rows; split it and import the parts`,
    params: { limit: MAX_ROWS },
    errors: [{ field: 'file', code: 'TOO_MANY_ROWS' }],
    requestId: expect.any(String),
  });
}

describe('One importer: the same error body, division lookup and row limit on every import (e2e)', () => {
  let app: TestApp;
  let admin: string;
  let staff: string;
  let city: string;
  let projectId: string;
  let projectYear: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const many = (make: (i: number) => Array<string | number>) => Array.from({ length: 31 }, (_, i) => make(i));

  beforeAll(async () => {
    app = await startTestApp({ IMPORT_MAX_ROWS: String(MAX_ROWS) });
    // A second 东区 (under 泸州市) makes the bare name ambiguous, as it is in the national code list.
    // Through the panel-version trigger (a division added bumps its panels and its parent's: migration
    // DivisionPanelVersionFix, before which any change of a division failed on an untyped literal).
    await app.db.query(`INSERT INTO division (code, name, level, parent_code, valid_from) VALUES ('510599', '东区', 'county', '510500', '2000-01-01') ON CONFLICT DO NOTHING`);
    const bumped = await app.db.query(`SELECT division_code FROM panel_version WHERE division_code IN ('510599', '510500') AND month = '0000-00' ORDER BY 1`);
    expect(bumped.rows.map((r: { division_code: string }) => r.division_code)).toEqual(['510500', '510599']);
    app.app.get(DivisionsService).invalidateCache();
    [admin, staff, city] = await Promise.all(['admin', 'xiqu-staff', 'panzhihua'].map((u) => loginAs(app, u)));
    const { rows } = await app.db.query(`SELECT p.id, p.year FROM budget_project p JOIN budget_funding_line l ON l.project_id = p.id WHERE p.division_code = '510403' AND l.source = 'local' ORDER BY p.year DESC LIMIT 1`);
    [{ id: projectId, year: projectYear }] = rows;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('platform data (POST /imports)', () => {
    const header = ['成交编号', '类型', '区县', '成交日期', '成交金额(元)'];
    const post = (rows: Array<Array<string | number>>) =>
      request(app.http).post('/api/v1/imports').set(auth(admin)).field('dataset', 'deals').attach('file', csv([header, ...rows]), 'deals.csv');

    it('should accept 510403, 西区 and 攀枝花市西区 and refuse the ambiguous 东区 naming its row and column', async () => {
      const refused = await post([['SI-P1', '科技服务', '510403', '2021-03-01', 100], ['SI-P2', '科技服务', '西区', '2021-03-01', 100], ['SI-P3', '科技服务', '攀枝花市西区', '2021-03-01', 100], ['SI-P4', '科技服务', '东区', '2021-03-01', 100]]).expect(422);
      expectRowsRejected(refused.body, 5, '区县', 'DIVISION_AMBIGUOUS');
      expect(refused.body.errors[0].message).toContain('510402、510599');
      const accepted = await post([['SI-P1', '科技服务', '510403', '2021-03-01', 100], ['SI-P2', '科技服务', '西区', '2021-03-01', 100], ['SI-P3', '科技服务', '攀枝花市西区', '2021-03-01', 100]]).expect(201);
      expect(accepted.body).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
      const { rows } = await app.db.query(`SELECT DISTINCT division_code FROM deal WHERE external_id LIKE 'SI-P%'`);
      expect(rows).toEqual([{ division_code: '510403' }]);
    });

    it('should refuse a file past IMPORT_MAX_ROWS', async () => {
      expectTooManyRows((await post(many((i) => [`SI-PX${i}`, '科技服务', '510403', '2021-03-01', 1])).expect(422)).body);
    });
  });

  describe('events (POST /events/import)', () => {
    const header = ['活动名称', '活动类型', '开始日期', '区县'];
    const post = async (rows: Array<Array<string | number>>) =>
      request(app.http).post('/api/v1/events/import').set(auth(staff)).attach('file', await xlsx([header, ...rows]), '活动.xlsx');

    it('should accept 510403, 西区 and 攀枝花市西区 and refuse the ambiguous 东区 naming its row and column', async () => {
      const refused = status(await post([['统一导入一', '讲座', '2021-04-01', '510403'], ['统一导入二', '讲座', '2021-04-02', '西区'], ['统一导入三', '讲座', '2021-04-03', '攀枝花市西区'], ['统一导入四', '讲座', '2021-04-04', '东区']]), 422);
      expectRowsRejected(refused.body, 5, '区县', 'DIVISION_AMBIGUOUS');
      const accepted = status(await post([['统一导入一', '讲座', '2021-04-01', '510403'], ['统一导入二', '讲座', '2021-04-02', '西区'], ['统一导入三', '讲座', '2021-04-03', '攀枝花市西区']]), 201);
      expect(accepted.body).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
      const { rows } = await app.db.query(`SELECT DISTINCT division_code FROM outreach_event WHERE title LIKE '统一导入%'`);
      expect(rows).toEqual([{ division_code: '510403' }]);
    });

    it('should refuse a file past IMPORT_MAX_ROWS', async () => {
      expectTooManyRows((status(await post(many((i) => [`超限${i}`, '讲座', '2021-04-01', '西区'])), 422)).body);
    });
  });

  describe('payments (POST /budget/projects/:id/payments/import)', () => {
    const header = ['日期', '金额(元)', '资金来源/资金行', '功能分类科目', '经济分类科目', '摘要'];
    const post = async (rows: Array<Array<string | number>>) =>
      request(app.http).post(`/api/v1/budget/projects/${projectId}/payments/import`).set(auth(staff)).attach('file', await xlsx([['支付明细'], header, ...rows]), 'payments.xlsx');

    it('should list a bad row with the same body, and import a file of valid rows with the same counts', async () => {
      const day = `${projectYear}-03-01`;
      const refused = status(await post([[day, 10, '本级财政资金', '2060702', '30227', '好'], [day, 10, '本级财政资金', '2060702', '3', '坏']]), 422);
      expectRowsRejected(refused.body, 4, '经济分类科目', 'INVALID_ECONOMIC_CODE');
      const accepted = status(await post([[day, 10, '本级财政资金', '2060702', '30227', '统一导入']]), 201);
      expect(accepted.body).toMatchObject({ status: 'succeeded', rows: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, errors: [], total: '10.00' });
    });

    it('should refuse a file past IMPORT_MAX_ROWS', async () => {
      expectTooManyRows((status(await post(many(() => [`${projectYear}-03-01`, 1, '本级财政资金', '2060702', '30227', ''])), 422)).body);
    });
  });

  describe('targets (POST /targets/import)', () => {
    const header = ['区县', '年度', '指标代码', '年度目标'];
    const post = (rows: Array<Array<string | number>>) => request(app.http).post('/api/v1/targets/import').set(auth(city)).attach('file', csv([header, ...rows]), 'targets.csv');
    const ok = [['510403', 2031, 'deals.total.count', 10], ['西区', 2031, 'deals.total.amount', 1000], ['攀枝花市西区', 2031, 'registrations.total.count', 5], ['攀枝花市', 2031, 'deals.total.count', 50]];

    it('should accept 510403, 西区, 攀枝花市西区 (and the city, a level targets take) and refuse the ambiguous 东区 naming its row and column', async () => {
      const refused = await post([...ok, ['东区', 2031, 'deals.total.count', 1]]).expect(422);
      expectRowsRejected(refused.body, 6, '区县', 'DIVISION_AMBIGUOUS');
      expect(refused.body).toMatchObject({ rows: 5 });
      const accepted = await post(ok).expect(201);
      expect(accepted.body).toMatchObject({ rows: 4, inserted: 4, updated: 0, unchanged: 0, rejected: 0, saved: 4, errors: [] });
      const again = await post(ok).expect(201);
      expect(again.body).toMatchObject({ rows: 4, inserted: 0, unchanged: 4, saved: 4 });
      const { rows } = await app.db.query(`SELECT division_code FROM kpi_target WHERE year = 2031 ORDER BY division_code, metric_code`);
      expect(rows.map((r: { division_code: string }) => r.division_code)).toEqual(['510400', '510403', '510403', '510403']);
    });

    it('should refuse a division outside the user’s scope with the lookup’s code', async () => {
      expectRowsRejected((await post([['泸州东区', 2031, 'deals.total.count', 1]]).expect(422)).body, 2, '区县', 'OUT_OF_SCOPE');
    });

    it('should refuse a file past IMPORT_MAX_ROWS', async () => {
      expectTooManyRows((await post(many((i) => ['西区', 2040 + (i % 10), 'deals.total.count', i])).expect(422)).body);
    });
  });
});
