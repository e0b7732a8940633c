import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { DivisionScope } from '../../apps/api/src/auth/division-scope.js';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { type ImportMode, type ImportSource } from '../../apps/api/src/imports/entities/import-batch.entity.js';
import { RollupsRepository } from '../../apps/api/src/kpi/rollups.repository.js';
import { withPlannerSettings } from '../../apps/api/src/database/planner-settings.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The streamed import inserts the rows step by step while it parses (50,000 rows a step) and falls
// back to the staging merge from the first step that meets an existing key or a key repeated in the
// file. These files are large enough to span several steps.
const HEADER = '编号,类型,区划代码,成交日期,成交金额(元),名称';
const KINDS = ['科技服务', '科技成果转化', '科研项目'];
const DIVISIONS = ['510402', '510403', '510411'];

interface Line {
  id: number;
  amount?: string;
}

const dealLine = ({ id, amount }: Line) =>
  `PM-${id},${KINDS[id % 3]},${DIVISIONS[id % 3]},2021-${String((id % 12) + 1).padStart(2, '0')}-${String((id % 28) + 1).padStart(2, '0')},` +
  `${amount ?? `${100 + (id % 9973)}.${String(id % 100).padStart(2, '0')}`},服务 ${id}`;

async function writeCsv(path: string, lines: Iterable<Line>): Promise<void> {
  const out = createWriteStream(path);
  let chunk = `${HEADER}\n`;
  for (const line of lines) {
    chunk += `${dealLine(line)}\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

function* ids(from: number, to: number, amounts: ReadonlyMap<number, string> = new Map()): Generator<Line> {
  for (let id = from; id <= to; id++) yield { id, amount: amounts.get(id) };
}

describe('Streamed CSV imports: pipelined inserts and the merge (e2e)', () => {
  let app: TestApp;
  let service: ImportsService;
  let dir: string;
  const importPath = (path: string, mode: ImportMode = 'all-or-nothing', source: ImportSource = 'inbox') =>
    service.importPath({
      dataset: 'deals', mode, source, fileName: 'merge.csv', path,
      importer: { id: null, name: 'e2e', divisionCode: '510400' }, scope: DivisionScope.unrestricted('admin', '510400'),
    });
  const count = async (source: string) =>
    Number((await app.db.query(`SELECT count(*) AS n FROM deal WHERE source = $1 AND external_id LIKE 'PM-%'`, [source])).rows[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    service = app.app.get(ImportsService);
    dir = mkdtempSync(join(tmpdir(), 'tianfu-merge-e2e-'));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should insert a first file of 120,000 rows, then report exact inserted, updated and unchanged counts and the old values for a partly overlapping file, with rollups equal to the facts', async () => {
    // A bad row after two steps went into the table: the transaction rolls them back.
    const bad = join(dir, 'bad.csv');
    await writeCsv(bad, ids(1, 120_000, new Map([[110_000, '-5']])));
    const rejection = await importPath(bad).then(
      () => null,
      (error: unknown) => error as { getStatus(): number; getResponse(): { rejected: number; errors: Array<{ row: number; code: string }> } },
    );
    expect(rejection?.getStatus()).toBe(422);
    expect(rejection?.getResponse()).toMatchObject({ rejected: 1, errors: [{ row: 110_001, code: 'NEGATIVE_AMOUNT' }] });
    expect(await count('file')).toBe(0);

    const first = join(dir, 'first.csv');
    await writeCsv(first, ids(1, 120_000));
    expect(await importPath(first)).toMatchObject({ rows: 120_000, inserted: 120_000, updated: 0, unchanged: 0, rejected: 0 });
    expect(await count('file')).toBe(120_000);
    // The planner's statistics were refreshed in the import's transaction (the rollup refresh planned with them).
    const statistics = await app.db.query(`SELECT reltuples::float8 AS counted FROM pg_class WHERE oid = 'deal'::regclass`);
    expect(statistics.rows[0].counted).toBeGreaterThanOrEqual(120_000);

    // 60,000 new rows (a whole step goes in while the file is read), then 30,000 known ones, ten of
    // them with a new amount: from the first known key on, the rows go through the merge.
    const changed = new Map([90_001, 100_000, 100_001, 110_000, 110_001, 115_000, 119_996, 119_997, 119_998, 119_999].map((id) => [id, '7.00']));
    const second = join(dir, 'second.csv');
    await writeCsv(second, [...ids(130_001, 190_000), ...ids(90_001, 120_000, changed)]);
    expect(await importPath(second)).toMatchObject({ rows: 90_000, inserted: 60_000, updated: 10, unchanged: 29_990, rejected: 0 });
    expect(await count('file')).toBe(180_000);
    const amounts = await app.db.query(`SELECT count(*) AS n FROM deal WHERE source = 'file' AND external_id LIKE 'PM-%' AND amount = 7`);
    expect(Number(amounts.rows[0].n)).toBe(10);
    const audit = await app.db.query(
      `SELECT a.before->>'amountYuan' AS before, a.after->>'amountYuan' AS after, d.external_id
         FROM audit_log a JOIN deal d ON d.id::text = a.entity_id WHERE a.entity = 'deal' AND d.external_id = 'PM-90001'`,
    );
    expect(audit.rows).toEqual([{ before: `${100 + (90_001 % 9973)}.01`, after: '7.00', external_id: 'PM-90001' }]);

    // The same file again changes nothing.
    expect(await importPath(second)).toMatchObject({ inserted: 0, updated: 0, unchanged: 90_000 });

    // Rollups of every day with deals equal a recomputation from the facts.
    const rollups = app.app.get(RollupsRepository);
    await app.app.get(DataSource).transaction(async (manager) => {
      const days = await rollups.findDaysWithData(manager, '2021-01-01', '2021-12-31');
      expect(days.length).toBeGreaterThan(300);
      expect(await rollups.findDifferences(manager, days)).toEqual([]);
    });
    const totals = await app.db.query(
      `SELECT (SELECT sum(value) FROM metric_daily WHERE metric_code = 'deals.total.count' AND day BETWEEN '2021-01-01' AND '2021-12-31')::text AS rolled,
              (SELECT count(*) FROM deal WHERE deal_date BETWEEN '2021-01-01' AND '2021-12-31')::text AS facts`,
    );
    expect(Number(totals.rows[0].rolled)).toBe(Number(totals.rows[0].facts));
  }, 240_000);

  it('should keep the first row of a key repeated across steps in valid-rows mode and report the later ones', async () => {
    // A new source: the first-import path. Row numbers are line numbers (header = line 1).
    const lines = [...ids(1, 70_000)];
    lines.splice(60_000, 0, { id: 5, amount: '1.00' }); // line 60,003 (after the next splice) repeats PM-5 (line 6), a step later
    lines.splice(20, 0, { id: 7, amount: '2.00' }); // line 22 repeats PM-7 (line 8), in the same step
    const path = join(dir, 'repeated.csv');
    await writeCsv(path, lines);
    const result = await importPath(path, 'valid-rows', 'feed');
    expect(result).toMatchObject({ rows: 70_002, inserted: 70_000, updated: 0, unchanged: 0, rejected: 2 });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 22, code: 'DUPLICATE_ID', value: 'PM-7', message: '编号与第 8 行重复' }),
      expect.objectContaining({ row: 60_003, code: 'DUPLICATE_ID', value: 'PM-5', message: '编号与第 6 行重复' }),
    ]);
    expect(await count('feed')).toBe(70_000);
    const kept = await app.db.query(`SELECT external_id, amount::text FROM deal WHERE source = 'feed' AND external_id IN ('PM-5', 'PM-7') ORDER BY 1`);
    expect(kept.rows).toEqual([
      { external_id: 'PM-5', amount: '105.05' },
      { external_id: 'PM-7', amount: '107.07' },
    ]);

    // In all-or-nothing mode the same file writes nothing.
    await importPath(path, 'all-or-nothing', 'feed').then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: unknown) => expect((error as { getStatus(): number }).getStatus()).toBe(422),
    );
    expect(await count('feed')).toBe(70_000);

    // The same file again, as a re-import (every step merged while the file is read): the repeated
    // rows are reported the same way, and their other amounts change nothing.
    const again = await importPath(path, 'valid-rows', 'feed');
    expect(again).toMatchObject({ rows: 70_002, inserted: 0, updated: 0, unchanged: 70_000, rejected: 2 });
    expect(again.errors).toEqual(result.errors);
    const still = await app.db.query(`SELECT external_id, amount::text FROM deal WHERE source = 'feed' AND external_id IN ('PM-5', 'PM-7') ORDER BY 1`);
    expect(still.rows).toEqual(kept.rows);
  }, 240_000);

  it('should merge a re-import step by step: a key repeated across steps keeps its first row (a change), new and changed rows counted exactly, all-or-nothing writes nothing', async () => {
    const first = join(dir, 'steps-first.csv');
    await writeCsv(first, ids(200_001, 260_000));
    expect(await importPath(first, 'valid-rows', 'upload')).toMatchObject({ inserted: 60_000 });
    // 55,000 stored rows (three changed, one of them again, differently, two steps later) and 10,000 new ones.
    const lines = [...ids(200_001, 255_000, new Map([[200_010, '9.00'], [230_000, '9.50'], [254_999, '8.00']])), ...ids(300_001, 310_000)];
    lines.push({ id: 200_010, amount: '1.00' }, { id: 300_005, amount: '2.00' });
    const path = join(dir, 'steps-second.csv');
    await writeCsv(path, lines);
    const rejected = await importPath(path, 'all-or-nothing', 'upload').then(
      () => null,
      (error: unknown) => error as { getStatus(): number; getResponse(): { rejected: number; errors: Array<{ row: number; code: string; message: string }> } },
    );
    expect(rejected?.getStatus()).toBe(422);
    expect(rejected?.getResponse()).toMatchObject({
      rejected: 2,
      errors: [
        { row: 65_002, code: 'DUPLICATE_ID', message: '编号与第 11 行重复' },
        { row: 65_003, code: 'DUPLICATE_ID', message: '编号与第 55006 行重复' },
      ],
    });
    const amountOf = async (id: number) =>
      (await app.db.query(`SELECT amount::text FROM deal WHERE source = 'file' AND external_id = $1`, [`PM-${id}`])).rows[0]?.amount ?? null;
    expect(await amountOf(200_010)).toBe(`${100 + (200_010 % 9973)}.10`);
    expect(await amountOf(300_001)).toBeNull();

    const result = await importPath(path, 'valid-rows', 'upload');
    expect(result).toMatchObject({ rows: 65_002, inserted: 10_000, updated: 3, unchanged: 54_997, rejected: 2 });
    expect([await amountOf(200_010), await amountOf(230_000), await amountOf(254_999), await amountOf(300_005)]).toEqual(['9.00', '9.50', '8.00', `${100 + (300_005 % 9973)}.05`]);
    const audited = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN deal d ON d.id::text = a.entity_id WHERE a.entity = 'deal' AND d.source = 'file' AND d.external_id ~ '^PM-[23][0-9]{5}$' AND a.action = 'update'`,
    );
    expect(audited.rows[0].n).toBe(3);
    const rollups = app.app.get(RollupsRepository);
    await app.app.get(DataSource).transaction(async (manager) => {
      expect(await rollups.findDifferences(manager, await rollups.findDaysWithData(manager, '2021-01-01', '2021-12-31'))).toEqual([]);
    });
  }, 240_000);

  it('should run a statement with changed planner settings and put the previous values back, also when it fails', async () => {
    const show = async (manager: EntityManager, name: string) => ((await manager.query(`SELECT current_setting($1) AS v`, [name])) as Array<{ v: string }>)[0].v;
    await app.app.get(DataSource).transaction(async (manager) => {
      await manager.query(`SET LOCAL jit = off`);
      const inside = await withPlannerSettings(manager, { enable_sort: 'off', jit: 'on' }, async () => [await show(manager, 'enable_sort'), await show(manager, 'jit')]);
      expect(inside).toEqual(['off', 'on']);
      expect([await show(manager, 'enable_sort'), await show(manager, 'jit')]).toEqual(['on', 'off']);
      await manager.query('SAVEPOINT planner');
      await expect(withPlannerSettings(manager, { enable_hashjoin: 'off' }, () => manager.query('SELECT 1 / 0'))).rejects.toThrow(/division by zero/);
      await manager.query('ROLLBACK TO SAVEPOINT planner');
      expect(await show(manager, 'enable_hashjoin')).toBe('on');
    });
  });
});

describe('Streamed CSV imports: a first import that meets a repeated key after a step went in (e2e)', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'tianfu-first-e2e-'));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should insert the first step, then merge the rest: repeats of an inserted key, of a merged key and within a step reported, first rows kept; all-or-nothing writes nothing', async () => {
    const service = app.app.get(ImportsService);
    const importPath = (path: string, mode: ImportMode) =>
      service.importPath({
        dataset: 'deals', mode, source: 'inbox', fileName: 'first.csv', path,
        importer: { id: null, name: 'e2e', divisionCode: '510400' }, scope: DivisionScope.unrestricted('admin', '510400'),
      });
    // Line numbers once the three rows are in (header = line 1): PM-100 is line 101 (step 1), PM-60500
    // line 60,502 and PM-60600 line 60,602 (step 2).
    const lines: Line[] = [...ids(1, 120_000)];
    lines.splice(110_000, 0, { id: 60_500, amount: '3.00' }); // line 110,004: a key merged in step 2, repeated in step 3
    lines.splice(60_700, 0, { id: 60_600, amount: '2.00' }); // line 60,703: repeated in its own step (step 2)
    lines.splice(60_000, 0, { id: 100, amount: '1.00' }); // line 60,002: a key inserted in step 1, repeated in step 2
    const path = join(dir, 'first.csv');
    await writeCsv(path, lines);
    const count = async () => Number((await app.db.query(`SELECT count(*) AS n FROM deal WHERE source = 'file' AND external_id LIKE 'PM-%'`)).rows[0].n);

    const refused = await importPath(path, 'all-or-nothing').then(
      () => null,
      (error: unknown) => error as { getStatus(): number; getResponse(): { rejected: number } },
    );
    expect(refused?.getStatus()).toBe(422);
    expect(refused?.getResponse()).toMatchObject({ rejected: 3 });
    expect(await count()).toBe(0);

    const result = await importPath(path, 'valid-rows');
    expect(result).toMatchObject({ rows: 120_003, inserted: 120_000, updated: 0, unchanged: 0, rejected: 3 });
    expect(result.errors.map((e) => [e.row, e.value, e.message])).toEqual([
      [60_002, 'PM-100', '编号与第 101 行重复'],
      [60_703, 'PM-60600', '编号与第 60602 行重复'],
      [110_004, 'PM-60500', '编号与第 60502 行重复'],
    ]);
    expect(await count()).toBe(120_000);
    const amounts = await app.db.query(`SELECT external_id, amount::text FROM deal WHERE source = 'file' AND external_id IN ('PM-100', 'PM-60500', 'PM-60600') ORDER BY 1`);
    expect(amounts.rows).toEqual([
      { external_id: 'PM-100', amount: `${100 + 100}.00` },
      { external_id: 'PM-60500', amount: `${100 + (60_500 % 9973)}.00` },
      { external_id: 'PM-60600', amount: `${100 + (60_600 % 9973)}.00` },
    ]);
    const rollups = app.app.get(RollupsRepository);
    await app.app.get(DataSource).transaction(async (manager) => {
      expect(await rollups.findDifferences(manager, await rollups.findDaysWithData(manager, '2021-01-01', '2021-12-31'))).toEqual([]);
    });
  }, 240_000);
});
