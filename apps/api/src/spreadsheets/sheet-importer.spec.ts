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
});
