import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DivisionScope } from '../../apps/api/src/auth/division-scope.js';
import { ImportRowsRejectedException } from '../../apps/api/src/imports/import-errors.js';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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

  beforeAll(async () => {
    app = await startTestApp();
    service = app.app.get(ImportsService);
    dir = mkdtempSync(join(tmpdir(), 'tianfu-stream-e2e-'));
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
});
