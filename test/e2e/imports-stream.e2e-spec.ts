import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DivisionScope } from '../../apps/api/src/auth/division-scope.js';
import { ImportRowsRejectedException } from '../../apps/api/src/imports/import-errors.js';
import { ImportUploads } from '../../apps/api/src/imports/import-uploads.js';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = '编号,类型,区划代码,成交日期,成交金额(元),需求方,服务方,名称';

function dealsCsv(count: number, prefix: string, badRow?: number): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const amount = i === badRow ? '-5' : `${1000 + (i % 997)}.${String(i % 100).padStart(2, '0')}`;
    const provider = i % 7 === 0 ? `"服务方""${i % 3}"", 西区\n二部"` : `服务方${i % 3}`;
    lines.push(`${prefix}-${String(i + 1).padStart(6, '0')},${['科技服务', '科技成果转化', '科研项目'][i % 3]},${['510402', '510403', '510411'][i % 3]},2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${amount},需求方${i % 11},${provider},技术服务 第${i + 1}项`);
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** A compact deals CSV of `count` rows (about 50 bytes a row), written line by line to `path`. */
async function writeLargeDealsCsv(path: string, count: number, prefix: string, badRow?: number): Promise<void> {
  const out = createWriteStream(path);
  const kinds = ['科技服务', '科技成果转化', '科研项目'];
  let chunk = `${HEADER}\n`;
  for (let i = 0; i < count; i++) {
    const amount = i === badRow ? '1e309' : `${100 + (i % 9973)}.${String(i % 100).padStart(2, '0')}`;
    chunk += `${prefix}-${i + 1},${kinds[i % 3]},510403,2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${amount}\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

describe('Streamed CSV imports (e2e)', () => {
  let app: TestApp;
  let service: ImportsService;
  let dir: string;
  const fileDeals = async (prefix: string) =>
    Number((await app.db.query(`SELECT count(*) AS n FROM deal WHERE source = 'file' AND external_id LIKE $1`, [`${prefix}-%`])).rows[0].n);
  const importPath = (path: string) =>
    service.importPath({
      dataset: 'deals', mode: 'all-or-nothing', source: 'inbox', fileName: 'stream.csv', path,
      importer: { id: null, name: 'e2e', divisionCode: '510400' }, scope: DivisionScope.unrestricted('admin', '510400'),
    });

  let staff: string;
  let uploadDir: string;

  beforeAll(async () => {
    app = await startTestApp();
    service = app.app.get(ImportsService);
    dir = mkdtempSync(join(tmpdir(), 'tianfu-stream-e2e-'));
    staff = await loginAs(app, 'xiqu-staff');
    uploadDir = app.app.get(ImportUploads).dir;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should write nothing and report the row when one of 20,000 streamed rows is bad, then write all rows when none is', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, dealsCsv(20_000, 'ST', 12_345));
    const error = await importPath(bad).then(
      () => null,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(ImportRowsRejectedException);
    const body = (error as ImportRowsRejectedException).getResponse() as { rows: number; rejected: number; errors: Array<{ row: number; column: string }> };
    expect(body).toMatchObject({ rows: 20_000, rejected: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ row: 12_347, column: '成交金额(元)' })]);
    expect(await fileDeals('ST')).toBe(0);
    const [rejectedBatch] = (await app.db.query(`SELECT status, rows, error_count FROM import_batch ORDER BY started_at DESC LIMIT 1`)).rows;
    expect(rejectedBatch).toEqual({ status: 'rejected', rows: 20_000, error_count: 1 });

    const good = join(dir, 'good.csv');
    writeFileSync(good, dealsCsv(20_000, 'ST'));
    const result = await importPath(good);
    expect(result).toMatchObject({ rows: 20_000, inserted: 20_000, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await fileDeals('ST')).toBe(20_000);
    const [deal] = (await app.db.query(`SELECT provider, amount::text FROM deal WHERE external_id = 'ST-000008'`)).rows;
    expect(deal).toEqual({ provider: '服务方"1", 西区\n二部', amount: '1007.07' });
    const again = await importPath(good);
    expect(again).toMatchObject({ inserted: 0, unchanged: 20_000 });
  }, 120_000);

  it('should report a duplicated external id found in the staging table and write nothing', async () => {
    const path = join(dir, 'dup.csv');
    const csv = dealsCsv(50, 'DUP');
    writeFileSync(path, csv + csv.split('\r\n')[5] + '\r\n');
    const error = await importPath(path).then(
      () => null,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(ImportRowsRejectedException);
    const body = (error as ImportRowsRejectedException).getResponse() as { errors: Array<{ row: number; code: string; value: string; message: string }> };
    expect(body.errors).toEqual([expect.objectContaining({ row: 52, code: 'DUPLICATE_ID', value: 'DUP-000005', message: '编号与第 6 行重复' })]);
    expect(await fileDeals('DUP')).toBe(0);
  }, 60_000);

  it('should import a file given as bytes in memory the same way as the file on disk (one import path)', async () => {
    const path = join(dir, 'buffer.csv');
    const csv = dealsCsv(100, 'BUF');
    writeFileSync(path, csv);
    const request = {
      dataset: 'deals' as const, mode: 'all-or-nothing' as const, source: 'inbox' as const, fileName: 'buffer.csv',
      importer: { id: null, name: 'e2e', divisionCode: '510400' }, scope: DivisionScope.unrestricted('admin', '510400'),
    };
    const first = await service.import({ ...request, input: { buffer: Buffer.from(csv) } });
    expect(first).toMatchObject({ rows: 100, inserted: 100, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await fileDeals('BUF')).toBe(100);
    const again = await importPath(path);
    expect(again).toMatchObject({ rows: 100, inserted: 0, unchanged: 100 });
    const { rows } = await app.db.query(`SELECT id, sha256 FROM import_batch WHERE id = ANY($1::uuid[])`, [[first.batchId, again.batchId]]);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row: { sha256: string }) => row.sha256)).size).toBe(1);
  }, 60_000);

  describe('uploads over HTTP', () => {
    const upload = (file: string, fields: Record<string, string> = {}, name = 'big.csv') => {
      const call = request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${staff}`);
      for (const [key, value] of Object.entries({ dataset: 'deals', ...fields })) call.field(key, value);
      return call.attach('file', file, name);
    };

    it('should keep uploads in a private temp dir', () => {
      expect(uploadDir.startsWith(tmpdir())).toBe(true);
      expect(statSync(uploadDir).mode & 0o777).toBe(0o700);
      expect(readdirSync(uploadDir)).toEqual([]);
    });

    it('should import a 200,000-row CSV uploaded from disk, then find every row unchanged', async () => {
      const path = join(dir, 'big.csv');
      await writeLargeDealsCsv(path, 200_000, 'BIG');
      const response = await upload(path).expect(201);
      expect(response.body).toEqual({ batchId: expect.any(String), dataset: 'deals', rows: 200_000, inserted: 200_000, updated: 0, unchanged: 0, rejected: 0, errors: [] });
      expect(await fileDeals('BIG')).toBe(200_000);
      const [batch] = (await app.db.query(`SELECT status, rows, sha256, file_name FROM import_batch WHERE id = $1`, [response.body.batchId])).rows;
      // The digest of the whole file, computed while it streamed from disk.
      expect(batch).toEqual({ status: 'succeeded', rows: 200_000, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), file_name: 'big.csv' });
      expect(readdirSync(uploadDir)).toEqual([]);

      const again = await upload(path).expect(201);
      expect(again.body).toMatchObject({ rows: 200_000, inserted: 0, updated: 0, unchanged: 200_000 });
      expect(readdirSync(uploadDir)).toEqual([]);
    }, 180_000);

    it('should stream the rows of the named XLSX sheet in batches: a bad row far down refuses all, a good file imports all', async () => {
      const writeXlsx = async (path: string, badRow?: number) => {
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
        workbook.addWorksheet('说明').addRow(['西区科技服务成交明细']).commit();
        const sheet = workbook.addWorksheet('成交明细');
        sheet.addRow(['2021 年西区科技服务成交明细']).commit(); // a title row above the header
        sheet.addRow(['编号', '类型', '区划代码', '成交日期', '成交金额(元)']).commit();
        for (let i = 0; i < 30_000; i++) {
          sheet.addRow([`XLSX-${i + 1}`, '科技服务', '510403', new Date(Date.UTC(2021, i % 12, (i % 28) + 1)), i === badRow ? -5 : 1000 + (i % 997)]).commit();
        }
        await workbook.commit();
      };
      const bad = join(dir, 'bad.xlsx');
      await writeXlsx(bad, 29_990);
      const refused = await upload(bad, { sheet: '成交明细' }, 'bad.xlsx').expect(422);
      // Row numbers are the sheet's: title, header, then data from row 3.
      expect(refused.body).toMatchObject({ code: 'ROWS_REJECTED', rows: 30_000, rejected: 1, errors: [expect.objectContaining({ row: 29_993, code: 'NEGATIVE_AMOUNT' })] });
      expect(await fileDeals('XLSX')).toBe(0);

      const good = join(dir, 'good.xlsx');
      await writeXlsx(good);
      const imported = await upload(good, { sheet: '成交明细' }, 'good.xlsx').expect(201);
      expect(imported.body).toMatchObject({ rows: 30_000, inserted: 30_000, rejected: 0 });
      const [first] = (await app.db.query(`SELECT deal_date::text AS day, amount::text FROM deal WHERE source = 'file' AND external_id = 'XLSX-2'`)).rows;
      expect(first).toEqual({ day: '2021-02-02', amount: '1001.00' });
      // Without `sheet` the first sheet is read, and it has no deals header.
      expect((await upload(good, {}, 'good.xlsx').expect(422)).body.code).toBe('NO_HEADER');
      expect(readdirSync(uploadDir)).toEqual([]);
    }, 120_000);

    it('should leave the temp dir empty after a 422 for a bad row, a refused field and a refused file, and after a 413', async () => {
      const bad = join(dir, 'bad-row.csv');
      await writeLargeDealsCsv(bad, 30_000, 'BADROW', 29_000);
      const rejected = await upload(bad).expect(422);
      expect(rejected.body).toMatchObject({ code: 'ROWS_REJECTED', rows: 30_000, rejected: 1, errors: [expect.objectContaining({ row: 29_002, code: 'INVALID_AMOUNT' })] });
      expect(await fileDeals('BADROW')).toBe(0);
      expect(readdirSync(uploadDir)).toEqual([]);

      // Refused by validation after multer stored the file: the handler never runs.
      const field = await upload(bad, { dataset: 'weather' }).expect(422);
      expect(field.body.errors).toEqual([expect.objectContaining({ field: 'dataset' })]);
      expect(readdirSync(uploadDir)).toEqual([]);

      const pdf = join(dir, 'not.pdf');
      writeFileSync(pdf, '%PDF-1.7\n1 0 obj');
      expect((await upload(pdf, {}, 'deals.xlsx').expect(415)).body.code).toBe('UNSUPPORTED_FORMAT');
      expect(readdirSync(uploadDir)).toEqual([]);

      const huge = join(dir, 'huge.csv');
      writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 'a'));
      expect((await upload(huge).expect(413)).body).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('20 MB') });
      expect(readdirSync(uploadDir)).toEqual([]);
    }, 60_000);

    it('should delete the partial file when the client aborts the upload', async () => {
      const server = app.http as Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const boundary = 'abort-boundary';
      const call = httpRequest({
        host: '127.0.0.1', port, method: 'POST', path: '/api/v1/imports',
        headers: { authorization: `Bearer ${staff}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10 * 1024 * 1024) },
      });
      call.on('error', () => undefined); // the abort below
      call.write(`--${boundary}\r\nContent-Disposition: form-data; name="dataset"\r\n\r\ndeals\r\n`);
      call.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="abort.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}\r\n`);
      call.write(Buffer.alloc(1024 * 1024, 'x'));
      const waitFor = async (test: () => boolean) => {
        for (const started = Date.now(); !test(); await new Promise((resolve) => setTimeout(resolve, 20))) {
          if (Date.now() - started > 10_000) throw new Error(`temp dir not as expected: ${readdirSync(uploadDir).join(', ')}`);
        }
      };
      await waitFor(() => readdirSync(uploadDir).length === 1);
      call.destroy();
      await waitFor(() => readdirSync(uploadDir).length === 0);
      expect(readdirSync(uploadDir)).toEqual([]);
    }, 30_000);
  });
});

describe('IMPORT_MAX_ROWS (e2e)', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ IMPORT_MAX_ROWS: '100' });
    admin = await loginAs(app, 'admin');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const upload = (csv: string) =>
    request(app.http).post('/api/v1/imports').set('Authorization', `Bearer ${admin}`).field('dataset', 'deals').attach('file', Buffer.from(csv), 'rows.csv');

  it('should refuse an upload with more data rows than IMPORT_MAX_ROWS and accept one at the limit', async () => {
    // The reader allows for up to 10 title rows above the header, so 150 rows is surely over a limit of 100.
    const refused = await upload(dealsCsv(150, 'MAXROWS')).expect(422);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ROWS', message: expect.stringContaining('100') });
    expect(Number((await app.db.query(`SELECT count(*) AS n FROM deal WHERE external_id LIKE 'MAXROWS-%'`)).rows[0].n)).toBe(0);
    const accepted = await upload(dealsCsv(100, 'MAXROWS')).expect(201);
    expect(accepted.body).toMatchObject({ rows: 100, inserted: 100 });
  });
});
