import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['编号', '类型', '区划代码', '成交日期', '成交金额(元)', '需求方', '服务方', '名称'];

type Row = Array<string | number>;

function dealRows(count: number, prefix: string, division = '510403'): Row[] {
  return Array.from({ length: count }, (_, i) => [
    `${prefix}-${String(i + 1).padStart(5, '0')}`,
    ['科技服务', '科技成果转化', '科研项目'][i % 3],
    division,
    `2021-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    `${1000 + i}.${String(i % 100).padStart(2, '0')}`,
    `攀枝花需求方${i % 7}`,
    i % 5 === 0 ? '' : `服务方"${i % 3}", 西区`,
    `钒钛技术服务 第${i + 1}项`,
  ]);
}

function toCsv(rows: Row[], header = HEADER): string {
  const quote = (cell: string | number) => {
    const text = String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

async function toXlsx(rows: unknown[][], header: unknown[] = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('成交明细');
  sheet.addRow(header);
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('Platform imports (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let dongqu: string;
  let city: string;
  let admin: string;

  const upload = (token: string, file: Buffer | string, fields: Record<string, string> = {}, name = 'deals.csv') => {
    const call = request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${token}`);
    for (const [key, value] of Object.entries({ dataset: 'deals', ...fields })) call.field(key, value);
    return call.attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8'), name);
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await app.db.query(sql, params)).rows[0].n);
  const fileDeals = () => count(`SELECT count(*) AS n FROM deal WHERE source = 'file'`);
  const snapshot = async (prefix: string) =>
    (
      await app.db.query(
        `SELECT kind, external_id, division_code, deal_date, amount::text, demander, provider, title FROM deal
         WHERE source = 'file' AND external_id LIKE $1 ORDER BY kind, external_id`,
        [`${prefix}-%`],
      )
    ).rows;

  beforeAll(async () => {
    app = await startTestApp();
    [staff, dongqu, city, admin] = await Promise.all([loginAs(app, 'xiqu-staff'), loginAs(app, 'dongqu-staff'), loginAs(app, 'panzhihua'), loginAs(app, 'admin')]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('should insert once and report every row unchanged when the same file is imported again', async () => {
    const file = utf8Bom(toCsv(dealRows(50, 'TWICE')));
    const first = await upload(staff, file).expect(201);
    expect(first.body).toEqual({ batchId: expect.any(String), dataset: 'deals', rows: 50, inserted: 50, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const second = await upload(staff, file).expect(201);
    expect(second.body).toMatchObject({ rows: 50, inserted: 0, updated: 0, unchanged: 50, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM deal WHERE external_id LIKE 'TWICE-%'`)).toBe(50);
    const { rows: [batch] } = await app.db.query(`SELECT status, touched, created_by_name, sha256 FROM import_batch WHERE id = $1`, [first.body.batchId]);
    expect(batch).toMatchObject({ status: 'succeeded', created_by_name: 'xiqu-staff', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(batch.touched).toContainEqual({ divisionCode: '510403', day: '2021-01-01' });
    const unchangedBatch = await app.db.query(`SELECT touched FROM import_batch WHERE id = $1`, [second.body.batchId]);
    expect(unchangedBatch.rows[0].touched).toEqual([]);
  });

  it('should give identical tables for a UTF-8-BOM CSV, a GBK CSV and an XLSX of the same rows', async () => {
    const rows = dealRows(30, 'ENC');
    await upload(staff, utf8Bom(toCsv(rows)), {}, 'utf8.csv').expect(201);
    const fromUtf8 = await snapshot('ENC');
    expect(fromUtf8).toHaveLength(30);
    expect(fromUtf8[0].demander).toMatch(/^攀枝花需求方/);

    const gbk = await upload(staff, iconv.encode(toCsv(rows), 'gbk'), {}, 'gbk.csv').expect(201);
    expect(gbk.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 30 });
    expect(await snapshot('ENC')).toEqual(fromUtf8);

    // Amounts as numbers and one date as a real Excel date cell, as Excel would save them.
    const xlsxRows = rows.map((row, i) => [row[0], row[1], row[2], i === 0 ? new Date(`${row[3]}T00:00:00Z`) : row[3], Number(row[4]), row[5], row[6], row[7]]);
    const xlsx = await upload(staff, await toXlsx(xlsxRows), {}, 'deals.xlsx').expect(201);
    expect(xlsx.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 30 });
    expect(await snapshot('ENC')).toEqual(fromUtf8);
  });

  it('should write nothing and report the row when one of 10,000 rows is bad (all-or-nothing)', async () => {
    const before = await fileDeals();
    const rows = dealRows(10_000, 'BULK');
    rows[7_654][4] = '12,34x';
    const started = Date.now();
    const response = await upload(staff, toCsv(rows)).expect(422);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.body).toMatchObject({ statusCode: 422, code: 'ROWS_REJECTED', dataset: 'deals', rows: 10_000, inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(response.body.errors).toEqual([
      { row: 7_656, column: '成交金额(元)', value: '12,34x', code: 'INVALID_AMOUNT', message: expect.any(String), messageEn: expect.any(String) },
    ]);
    expect(await fileDeals()).toBe(before);
    const { rows: [batch] } = await app.db.query(`SELECT status, rejected, error_count, jsonb_array_length(errors) AS kept FROM import_batch WHERE id = $1`, [response.body.batchId]);
    expect(batch).toEqual({ status: 'rejected', rejected: 1, error_count: 1, kept: 1 });
  }, 30_000);

  it('should import 10,000 good rows well under 10 seconds', async () => {
    const started = Date.now();
    const response = await upload(staff, toCsv(dealRows(10_000, 'FAST'))).expect(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.body).toMatchObject({ rows: 10_000, inserted: 10_000, rejected: 0 });
  }, 30_000);

  it('should write the good rows and report the bad ones in valid-rows mode', async () => {
    const rows = dealRows(5, 'VALID');
    rows[1][3] = '2021-02-30';
    rows[3][1] = '咨询';
    const response = await upload(staff, toCsv(rows), { mode: 'valid-rows' }).expect(201);
    expect(response.body).toMatchObject({ rows: 5, inserted: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(response.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[3, 'INVALID_DATE'], [5, 'UNKNOWN_KIND']]);
    expect((await snapshot('VALID')).map((r) => r.external_id).sort()).toEqual(['VALID-00001', 'VALID-00003', 'VALID-00005']);
    const { rows: [batch] } = await app.db.query(`SELECT status FROM import_batch WHERE id = $1`, [response.body.batchId]);
    expect(batch.status).toBe('partial');
  });

  it('should update a changed row and keep its old values in the audit log', async () => {
    const rows = dealRows(3, 'AUDIT');
    await upload(staff, toCsv(rows)).expect(201);
    rows[1][4] = '99999.99';
    rows[1][7] = '改过的名称';
    const response = await upload(staff, toCsv(rows)).expect(201);
    expect(response.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const { rows: [deal] } = await app.db.query(`SELECT id, amount::text, title FROM deal WHERE external_id = 'AUDIT-00002'`);
    expect(deal).toMatchObject({ amount: '99999.99', title: '改过的名称' });
    const { rows: audit } = await app.db.query(`SELECT actor_name, action, before, after FROM audit_log WHERE entity = 'deal' AND entity_id = $1`, [String(deal.id)]);
    expect(audit).toEqual([
      {
        actor_name: 'xiqu-staff',
        action: 'update',
        before: expect.objectContaining({ externalId: 'AUDIT-00002', amountYuan: '1001.01', title: '钒钛技术服务 第2项' }),
        after: expect.objectContaining({ externalId: 'AUDIT-00002', amountYuan: '99999.99', title: '改过的名称' }),
      },
    ]);
  });

  it("should reject rows of a division outside the importer's scope with the reason", async () => {
    const rows = [...dealRows(2, 'SCOPE'), ...dealRows(1, 'SCOPE-EAST', '510402')];
    const response = await upload(staff, toCsv(rows)).expect(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 4, column: '区划代码', value: '510402', code: 'OUT_OF_SCOPE', message: expect.stringContaining('不在您的权限范围内') }),
    ]);
    expect(await count(`SELECT count(*) AS n FROM deal WHERE external_id LIKE 'SCOPE%'`)).toBe(0);
    // The city covers both districts; a district name resolves like its code.
    const named = rows.map((row, i) => [row[0], row[1], i === 2 ? '攀枝花市东区' : '西区', ...row.slice(3)]);
    await upload(city, toCsv(named, HEADER.map((h) => (h === '区划代码' ? '区县' : h)))).expect(201);
    expect(await count(`SELECT count(*) AS n FROM deal WHERE external_id LIKE 'SCOPE%'`)).toBe(3);
  });

  describe('hostile files', () => {
    let before: number;
    beforeEach(async () => {
      before = await fileDeals();
    });
    afterEach(async () => {
      expect(await fileDeals()).toBe(before);
    });

    it('should refuse binary garbage with a 4xx', async () => {
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const response = await upload(staff, garbage, {}, 'deals.csv');
      expect([415, 422]).toContain(response.status);
      expect(response.body).toMatchObject({ statusCode: response.status, code: expect.any(String), message: expect.any(String) });
    });

    it('should refuse a PDF as an unsupported format (415)', async () => {
      const response = await upload(staff, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), {}, 'deals.xlsx').expect(415);
      expect(response.body.code).toBe('UNSUPPORTED_FORMAT');
    });

    it('should answer 413 with the limit for a 50 MB single line', async () => {
      const response = await upload(staff, Buffer.alloc(50 * 1024 * 1024, 'a')).expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'FILE_TOO_LARGE', message: expect.stringContaining('20 MB') });
    }, 30_000);

    it('should refuse 10,000 columns with a 422', async () => {
      const header = [...HEADER, ...Array.from({ length: 10_000 }, (_, i) => `extra${i}`)];
      const response = await upload(staff, toCsv([[...dealRows(1, 'WIDE')[0], ...Array(10_000).fill('x')]], header)).expect(422);
      expect(response.body.code).toBe('TOO_MANY_COLUMNS');
    });

    it('should report a formula without a cached value, 2021-02-30, 1e309 and -5 as row errors', async () => {
      const rows = dealRows(4, 'HOSTILE');
      const xlsxRows: unknown[][] = rows.map((row) => [...row]);
      xlsxRows[0][4] = { formula: 'SUM(E3:E5)' };
      xlsxRows[1][3] = '2021-02-30';
      xlsxRows[2][4] = '1e309';
      xlsxRows[3][4] = '-5';
      const response = await upload(staff, await toXlsx(xlsxRows), {}, 'hostile.xlsx').expect(422);
      expect(response.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
        [2, 'CELL_ERROR'], [3, 'INVALID_DATE'], [4, 'INVALID_AMOUNT'], [5, 'NEGATIVE_AMOUNT'],
      ]);
    });

    it('should keep a formula-looking CSV text as text, not evaluate it', async () => {
      const rows = dealRows(1, 'FORMULA');
      rows[0][7] = '=HYPERLINK("http://evil.example","x")';
      await upload(staff, toCsv(rows)).expect(201);
      const { rows: [deal] } = await app.db.query(`SELECT title FROM deal WHERE external_id = 'FORMULA-00001'`);
      expect(deal.title).toBe('=HYPERLINK("http://evil.example","x")');
      before += 1;
    });

    it('should refuse an empty file, a header-only file and a file without a known header', async () => {
      expect((await upload(staff, Buffer.from('')).expect((r) => expect([400, 422]).toContain(r.status))).body.statusCode).toBeGreaterThanOrEqual(400);
      expect((await upload(staff, toCsv([])).expect(422)).body.code).toBe('EMPTY_FILE');
      expect((await upload(staff, 'foo,bar\n1,2\n').expect(422)).body.code).toBe('NO_HEADER');
    });
  });

  it('should roll everything back when a later statement of the import fails', async () => {
    const before = await fileDeals();
    await app.db.query(`
      CREATE FUNCTION fail_batch_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
      CREATE TRIGGER fail_batch_update BEFORE UPDATE ON import_batch FOR EACH ROW EXECUTE FUNCTION fail_batch_update();`);
    try {
      const response = await upload(staff, toCsv(dealRows(20, 'ROLLBACK'))).expect(500);
      expect(response.body.message).not.toMatch(/injected/);
    } finally {
      await app.db.query(`DROP TRIGGER fail_batch_update ON import_batch; DROP FUNCTION fail_batch_update();`);
    }
    expect(await fileDeals()).toBe(before);
    const { rows } = await app.db.query(`SELECT status, message FROM import_batch WHERE status = 'failed'`);
    expect(rows).toEqual([expect.objectContaining({ status: 'failed', message: expect.stringContaining('nothing written') })]);
  });

  it('should import listings, registrations and 科普 counts, updating counts by their natural key', async () => {
    const listings = toCsv([['L-1', '科普共享基地', '西区', '2021-05-01'], ['L-2', '科研项目发布', '510403', '2021/5/2']], ['编号', '类型', '区县', '发布日期']);
    expect((await upload(staff, listings, { dataset: 'listings' }).expect(201)).body).toMatchObject({ inserted: 2 });
    const registrations = toCsv([['U-1', '科技工作者', '510403', '2021-05-01'], ['U-2', 'resident', '510403', '2021年5月3日']], ['编号', '用户类型', '区划代码', '注册日期']);
    expect((await upload(staff, registrations, { dataset: 'registrations' }).expect(201)).body).toMatchObject({ inserted: 2 });
    const popsciHeader = ['区划代码', '日期', '渠道', '服务户数', '服务人次'];
    expect((await upload(staff, toCsv([['510403', '2021-05-01', '微信', '10', '300']], popsciHeader), { dataset: 'popsci' }).expect(201)).body).toMatchObject({ inserted: 1 });
    expect((await upload(staff, toCsv([['510403', '2021-05-01', '微信', '12', '300']], popsciHeader), { dataset: 'popsci' }).expect(201)).body).toMatchObject({ inserted: 0, updated: 1 });
    const { rows } = await app.db.query(`SELECT households, person_times FROM popsci_service WHERE source = 'file'`);
    expect(rows).toEqual([{ households: 12, person_times: 300 }]);
  });

  it('should name the field when the dataset is unknown or the file is missing', async () => {
    const unknown = await upload(staff, toCsv(dealRows(1, 'X')), { dataset: 'weather' }).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'dataset' })]);
    const missing = await request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${staff}`).field('dataset', 'deals').expect(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const mode = await upload(staff, toCsv(dealRows(1, 'X')), { mode: 'some' }).expect(422);
    expect(mode.body.errors).toEqual([expect.objectContaining({ field: 'mode' })]);
  });

  it('should need a sign-in, and show each user only the history of their scope', async () => {
    await request(app.http).post('/api/v1/imports').field('dataset', 'deals').attach('file', Buffer.from(toCsv(dealRows(1, 'ANON'))), 'a.csv').expect(401);
    await request(app.http).get('/api/v1/imports').expect(401);

    const mine = await request(app.http).get('/api/v1/imports?pageSize=200').set('Authorization', `Bearer ${staff}`).expect(200);
    expect(mine.body.total).toBeGreaterThan(5);
    expect(new Set(mine.body.items.map((b: { createdByDivision: string }) => b.createdByDivision))).toEqual(new Set(['510403']));
    const theirs = await request(app.http).get('/api/v1/imports').set('Authorization', `Bearer ${dongqu}`).expect(200);
    expect(theirs.body.total).toBe(0);
    const cityView = await request(app.http).get('/api/v1/imports?pageSize=200').set('Authorization', `Bearer ${city}`).expect(200);
    expect(cityView.body.total).toBe(mine.body.total + 1); // plus the city's own import
    const all = await request(app.http).get('/api/v1/imports?status=rejected').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(all.body.items.every((b: { status: string }) => b.status === 'rejected')).toBe(true);

    const rejected = mine.body.items.find((b: { status: string; errorCount: number }) => b.status === 'rejected' && b.errorCount > 0);
    const detail = await request(app.http).get(`/api/v1/imports/${rejected.id}`).set('Authorization', `Bearer ${staff}`).expect(200);
    expect(detail.body.errors.length).toBeGreaterThan(0);
    await request(app.http).get(`/api/v1/imports/${rejected.id}`).set('Authorization', `Bearer ${dongqu}`).expect(403);
    await request(app.http).get('/api/v1/imports/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${staff}`).expect(404);
    await request(app.http).get('/api/v1/imports/not-a-uuid').set('Authorization', `Bearer ${staff}`).expect(422);
  });

  it('should serve templates that open in exceljs, and import them as they are', async () => {
    const xlsx = await request(app.http)
      .get('/api/v1/imports/templates/deals')
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '类型', '区划代码', '区县', '成交日期', '成交金额(元)', '需求方', '服务方', '名称']);
    expect(sheet.rowCount).toBe(2);
    expect((await upload(staff, xlsx.body as Buffer, {}, 'template.xlsx').expect(201)).body).toMatchObject({ inserted: 1 });

    for (const dataset of ['listings', 'registrations', 'popsci']) {
      const csv = await request(app.http).get(`/api/v1/imports/templates/${dataset}?format=csv`).set('Authorization', `Bearer ${staff}`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      expect((await upload(staff, Buffer.from(csv.text, 'utf8'), { dataset }, `${dataset}.csv`).expect(201)).body).toMatchObject({ rows: 1, rejected: 0 });
    }
    await request(app.http).get('/api/v1/imports/templates/weather').set('Authorization', `Bearer ${staff}`).expect(422);
  });
});
