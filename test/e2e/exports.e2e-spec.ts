import { type AddressInfo } from 'node:net';
import { type Server } from 'node:http';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { type MonthlyPanel } from '@app/contracts';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function openXlsx(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** Sums exactly in 分: the cells are numbers with at most 2 decimals. */
const sumFen = (values: number[]) => values.reduce((total, v) => total + Math.round(v * 100), 0);
const fenToYuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

describe('Streamed, bounded exports (e2e)', () => {
  let app: TestApp;
  let leader: string;

  beforeAll(async () => {
    app = await startTestApp();
    leader = await loginAs(app, 'xiqu-leader');
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => request(app.http).get(path).set('Authorization', `Bearer ${leader}`);

  it('should export the drill-through as typed XLSX whose amounts sum to the card', async () => {
    const { body: panel } = (await get('/api/v1/panels/monthly?division=510403&month=2021-11').expect(200)) as { body: MonthlyPanel };
    const card = panel.metrics.find((m) => m.code === 'deals.tech_service.amount')!;
    const countCard = panel.metrics.find((m) => m.code === 'deals.tech_service.count')!;
    const response = await get('/api/v1/panels/facts?division=510403&month=2021-11&metric=deals.tech_service.amount&format=xlsx').buffer(true).parse(binary).expect(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="__-2021-11-__.xlsx"; filename*=UTF-8''${encodeURIComponent('西区-2021-11-明细.xlsx')}`);
    // The file is written on the Node response (streamed): the request's own headers go with it.
    expect(response.headers).toMatchObject({ 'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");

    const sheet = await openXlsx(response.body as Buffer);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['编号', '类型', '区划', '成交日期', '成交金额(元)', '名称', '需求方', '服务方']);
    // CJK headers get twice their character count.
    expect(sheet.getColumn(5).width).toBeGreaterThanOrEqual(14);

    const dataRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1 && row.getCell(1).value !== '合计') dataRows.push(row);
    });
    expect(dataRows).toHaveLength(countCard.value as number);
    const amounts = dataRows.map((row) => row.getCell(5).value);
    expect(amounts.every((v) => typeof v === 'number')).toBe(true);
    expect(fenToYuan(sumFen(amounts as number[]))).toBe(card.value);
    expect(dataRows.every((row) => row.getCell(4).value instanceof Date)).toBe(true);
    expect((dataRows[0].getCell(4).value as Date).toISOString().slice(0, 7)).toBe('2021-11');
    expect(new Set(dataRows.map((row) => row.getCell(2).value))).toEqual(new Set(['科技服务']));
    expect(dataRows[0].getCell(5).numFmt).toBe('#,##0.00"元"');

    const total = sheet.getRow(dataRows.length + 2);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(5).value).toMatchObject({ formula: `SUM(E2:E${dataRows.length + 1})` });
    expect(fenToYuan(Math.round((total.getCell(5).value as { result: number }).result * 100))).toBe(card.value);
  });

  it('should export events with real dates, numeric amounts and Chinese labels', async () => {
    const response = await get('/api/v1/events/export.xlsx?division=510403&from=2021-01-01&to=2021-12-31&sort=start&order=asc').buffer(true).parse(binary).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''%E7%A7%91%E6%99%AE%E6%B4%BB%E5%8A%A8-/);
    const sheet = await openXlsx(response.body as Buffer);
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1) rows.push(row);
    });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((row) => row.getCell(col('开始日期')).value instanceof Date)).toBe(true);
    expect(rows.every((row) => typeof row.getCell(col('经费(元)')).value === 'number')).toBe(true);
    expect(rows.every((row) => typeof row.getCell(col('人次')).value === 'number')).toBe(true);
    const statuses = new Set(rows.map((row) => row.getCell(col('状态')).value));
    expect([...statuses].every((s) => ['草稿', '待审核', '已通过', '已退回'].includes(String(s)))).toBe(true);
    expect(rows.every((row) => /[\u4e00-\u9fff]/.test(String(row.getCell(col('活动类型')).value)))).toBe(true);
    const { rows: [{ cost }] } = await app.db.query(
      `SELECT coalesce(sum(cost), 0)::text AS cost FROM outreach_event WHERE division_code = '510403' AND start_date BETWEEN '2021-01-01' AND '2021-12-31'`,
    );
    expect(fenToYuan(sumFen(rows.map((row) => row.getCell(col('经费(元)')).value as number)))).toBe(Number(cost).toFixed(2));
  });

  it('should write text that starts like a formula as text (XLSX) and quoted (CSV with BOM)', async () => {
    await app.db.query(
      `INSERT INTO deal (source, kind, external_id, division_code, deal_date, amount, title, demander)
       VALUES ('test', 'achievement_transfer', 'INJ-1', '510403', '2019-03-05', 12.5, '=HYPERLINK("http://x","点我")', '+86 123')`,
    );
    const xlsx = await get('/api/v1/panels/facts?division=510403&month=2019-03&metric=deals.achievement_transfer.count&format=xlsx').buffer(true).parse(binary).expect(200);
    const sheet = await openXlsx(xlsx.body as Buffer);
    const cell = sheet.getRow(2).getCell(6);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","点我")');
    expect(sheet.getRow(2).getCell(7).value).toBe('+86 123');

    const csv = await get('/api/v1/panels/facts?division=510403&month=2019-03&metric=deals.achievement_transfer.count&format=csv').buffer(true).parse(binary).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('编号,类型,区划,成交日期,成交金额(元),名称,需求方,服务方');
    expect(lines[1]).toBe(`INJ-1,科技成果转化,西区,2019-03-05,12.50,"'=HYPERLINK(""http://x"",""点我"")",'+86 123,`);
    expect(lines[2]).toBe('合计,,,,12.50,,,');
  });

  it('should stream an export at the limit in flat memory and refuse a larger one, /api/health answering throughout', async () => {
    // 400,000 deals of West District in one month, straight into the table (300,000 of one kind, 100,000 of another).
    // Without the foreign-key triggers (every code is West District's): a bulk load, as COPY would be.
    await app.db.query(`SET session_replication_role = replica`);
    await app.db.query(
      `INSERT INTO deal (source, kind, external_id, division_code, deal_date, amount, title, demander, provider)
       SELECT 'bulk', CASE WHEN n <= 100000 THEN 'research_project' ELSE 'tech_service' END, 'BULK-' || n, '510403',
              DATE '2019-06-01' + (n % 30), (n % 100000) / 100.0 + 1, '大批量成交第' || n || '项', '需求方' || (n % 97), '服务方' || (n % 89)
       FROM generate_series(1, 400000) AS n`,
    );
    await app.db.query(`SET session_replication_role = DEFAULT`);
    const server = app.http as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auth = { authorization: `Bearer ${leader}` };

    let polling = true;
    let slowest = 0;
    let polls = 0;
    let peakRss = 0;
    const rssBefore = process.memoryUsage().rss;
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const health = await fetch(`${base}/api/health`, { headers: { connection: 'close' } });
        expect(health.status).toBe(200);
        await health.arrayBuffer();
        slowest = Math.max(slowest, performance.now() - started);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        polls++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      // Too many rows: refused at once, with the limit and how to narrow the request.
      const refused = await fetch(`${base}/api/v1/panels/facts?division=510403&month=2019-06&metric=deals.total.count&format=xlsx`, { headers: auth });
      expect(refused.status).toBe(422);
      expect([refused.headers.get('content-type'), refused.headers.get('content-disposition')]).toEqual(['application/json; charset=utf-8', null]);
      expect(await refused.json()).toMatchObject({
        code: 'EXPORT_TOO_LARGE',
        params: { rows: 400000, maxRows: 100000 },
        message: expect.stringContaining('100000'),
        messageEn: expect.stringContaining('100000'),
      });

      // Exactly at the limit: the whole file, streamed.
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/panels/facts?division=510403&month=2019-06&metric=deals.research_project.count&format=xlsx`, { headers: auth });
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      const seconds = (performance.now() - started) / 1000;
      polling = false;
      await poller;
      expect(seconds).toBeLessThan(60);
      // Read back with exceljs's streaming reader (after polling: reading here is this process's work too).
      let rows = 0;
      let last: unknown;
      for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), {})) {
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          rows++;
          last = row.getCell(1).value;
        }
      }
      expect(rows).toBe(100_002); // header + 100,000 + 合计
      expect(last).toBe('合计');
    } finally {
      polling = false;
      await poller;
    }
    expect(polls).toBeGreaterThan(5);
    // The failure this guards against is a server that stops answering for minutes (it did: 2 min). The
    // test shares its process and the machine with the export and other test files, so it allows a few
    // seconds; the quiet-machine figure (health within 1 s throughout) is `npm run bench -- export`.
    expect(slowest).toBeLessThan(5000);
    // The server shares this process with the test, whose own copy of the file is ~5 MB.
    expect((peakRss - rssBefore) / 1024 / 1024).toBeLessThan(300);
  }, 180_000);
});
