import { type EntityManager } from 'typeorm';
import { importSheet, type SheetRowValue } from './sheet-importer.js';
import { cellError, cellOk, defineSheet, type CellResult } from './sheet-spec.js';
import { FileRejection } from './file-rejection.js';

// A two-column sheet: 名称 (required text) and 数量 (a whole number), and a row rule across both.
const SPEC = defineSheet<{ max: number }>()({
  columns: {
    name: { zh: '名称', en: 'Name', aliases: ['品名'], parse: (text): CellResult<string> => (text ? cellOk(text) : cellError('REQUIRED', '名称不能为空', 'The name is required')) },
    count: {
      zh: '数量', en: 'Count',
      parse: (text): CellResult<number> => (/^\d+$/.test(text) ? cellOk(Number(text)) : cellError('INVALID_COUNT', '数量须为整数', 'The count must be a whole number')),
    },
    note: { zh: '备注', en: 'Note', optional: true, parse: (text) => cellOk(text) },
  },
  row: (values, { max }) =>
    values.count > max
      ? { ok: false, errors: [{ column: 'count', code: 'TOO_MANY', message: `数量不能超过 ${max}`, messageEn: `The count is at most ${max}` }] }
      : { ok: true, value: { name: values.name, count: values.count } },
});

const csv = (...lines: string[]) => ({ buffer: Buffer.from('\uFEFF' + lines.join('\r\n')), filename: 't.csv' });

async function run(file: { buffer: Buffer; filename: string }, mode: 'all-or-nothing' | 'valid-rows' = 'all-or-nothing', maxRows = 100) {
  const written: SheetRowValue<{ name: string; count: number }>[] = [];
  let transactions = 0;
  const result = await importSheet({
    file, spec: SPEC, context: { max: 10 }, mode, limits: { maxFileBytes: 1024 * 1024, maxRows },
    transaction: async (work) => {
      transactions++;
      return work({} as EntityManager);
    },
    write: async (rows) => {
      written.push(...rows);
      return { inserted: rows.length, updated: 0, unchanged: 0 };
    },
  });
  return { result, written, transactions };
}

async function refusal(promise: Promise<unknown>): Promise<FileRejection['body']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileRejection) return error.body;
    throw error;
  }
  throw new Error('not refused');
}

describe(importSheet.name, () => {
  it('should find the header below a title row, accept aliases and write every valid row in one transaction', async () => {
    const { result, written, transactions } = await run(csv('2021 年明细', '品名,数量', '甲,1', '乙,2'));
    expect(result).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(written).toEqual([{ row: 3, value: { name: '甲', count: 1 } }, { row: 4, value: { name: '乙', count: 2 } }]);
    expect(transactions).toBe(1);
  });

  it('should refuse the file with every row error (cell parsers and row rule) and write nothing, all-or-nothing', async () => {
    const body = await refusal(run(csv('名称,数量', '甲,1', ',x', '丙,11')));
    expect(body).toMatchObject({
      statusCode: 422, code: 'ROWS_REJECTED', params: { rejected: 2 }, rows: 3, inserted: 0, rejected: 2,
      errors: [
        { row: 3, column: '名称', value: '', code: 'REQUIRED', message: '名称不能为空', messageEn: 'The name is required' },
        { row: 3, column: '数量', value: 'x', code: 'INVALID_COUNT' },
        { row: 4, column: '数量', value: '11', code: 'TOO_MANY', message: '数量不能超过 10' },
      ],
    });
  });

  it('should write the valid rows and list the errors in valid-rows mode', async () => {
    const { result, written } = await run(csv('名称,数量', '甲,1', '乙,x'), 'valid-rows');
    expect(result).toMatchObject({ rows: 2, inserted: 1, rejected: 1, errors: [{ row: 3, code: 'INVALID_COUNT' }] });
    expect(written).toHaveLength(1);
  });

  it('should refuse missing columns, a header without rows, too many rows and a file that is not a table', async () => {
    expect(await refusal(run(csv('名称,备注', '甲,x')))).toMatchObject({
      statusCode: 422, code: 'MISSING_COLUMNS', errors: [{ row: 1, column: '数量', code: 'MISSING_COLUMN', messageEn: 'missing column "Count"' }],
    });
    expect(await refusal(run(csv('名称,数量')))).toMatchObject({ statusCode: 422, code: 'NO_DATA_ROWS' });
    expect(await refusal(run(csv('名称,数量', '甲,1', '乙,2', '丙,3'), 'all-or-nothing', 2))).toMatchObject({ statusCode: 422, code: 'TOO_MANY_ROWS', params: { limit: 2 }, errors: [{ field: 'file', code: 'TOO_MANY_ROWS' }] });
    expect(await refusal(run({ buffer: Buffer.from('%PDF-1.4 ...'), filename: 'a.pdf' }))).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_FORMAT' });
  });

  it('should refuse a file naming one column twice', async () => {
    expect(await refusal(run(csv('名称,品名,数量', '甲,乙,1')))).toMatchObject({ statusCode: 422, code: 'DUPLICATE_COLUMN', errors: [{ row: 1, column: '品名', code: 'DUPLICATE_COLUMN' }] });
  });

  it('should give an absent optional column its `absent` value, an empty cell its parsed one', async () => {
    const spec = defineSheet<null>()({
      columns: { name: { zh: '名称', en: 'Name', parse: (t) => cellOk(t) }, note: { zh: '备注', en: 'Note', optional: true, absent: () => undefined, parse: (t) => cellOk(t === '' ? null : t) } },
      row: (values) => ({ ok: true, value: values }),
    });
    const values: unknown[] = [];
    const importOf = (file: { buffer: Buffer; filename: string }) => importSheet({
      file, spec, context: null, mode: 'all-or-nothing', limits: { maxFileBytes: 1024, maxRows: 10 },
      transaction: (work) => work({} as EntityManager),
      write: async (rows) => {
        values.push(...rows.map((r) => r.value));
        return { inserted: rows.length, updated: 0, unchanged: 0 };
      },
    });
    await importOf(csv('名称', '甲'));
    await importOf(csv('名称,备注', '乙,'));
    expect(values).toEqual([{ name: '甲', note: undefined }, { name: '乙', note: null }]);
  });

  it('should run a checking writer even when rows were refused, join its errors and roll back (all-or-nothing)', async () => {
    let rolledBack = false;
    const request = (mode: 'all-or-nothing' | 'valid-rows') => importSheet({
      file: csv('名称,数量', '甲,1', '乙,x', '丙,2'), spec: SPEC, context: { max: 10 }, mode, limits: { maxFileBytes: 1024, maxRows: 10 }, writerChecksRows: true,
      transaction: async (work) => {
        try {
          return await work({} as EntityManager);
        } catch (error) {
          rolledBack = true;
          throw error;
        }
      },
      write: async (rows, _manager, { columnOf, rejected }) => {
        expect(rejected).toBe(1);
        const taken = rows.filter((r) => r.value.name === '丙');
        return { inserted: rows.length - taken.length, updated: 0, unchanged: 0, rejected: taken.length, errors: taken.map((r) => ({ row: r.row, column: columnOf('name'), value: '丙', code: 'TAKEN', message: '已存在', messageEn: 'taken' })) };
      },
    });
    expect(await refusal(request('all-or-nothing'))).toMatchObject({ code: 'ROWS_REJECTED', rejected: 2, errors: [{ row: 3, code: 'INVALID_COUNT' }, { row: 4, column: '名称', code: 'TAKEN' }] });
    expect(rolledBack).toBe(true);
    expect(await request('valid-rows')).toMatchObject({ rows: 3, inserted: 1, rejected: 2, errors: [{ row: 3 }, { row: 4 }] });
  });
});

