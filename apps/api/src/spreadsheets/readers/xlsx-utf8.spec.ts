import ExcelJS from 'exceljs';
import { readTable } from './read-table.js';
import { utf8Aligned } from './xlsx.js';

async function collect(chunks: Array<Uint8Array | string>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of utf8Aligned((async function* () { yield* chunks; })())) out.push(chunk);
  return out;
}

describe('utf8Aligned', () => {
  it('should move a character split between two chunks into the next chunk', async () => {
    const bytes = Buffer.from('科技服务', 'utf8'); // 12 bytes, 3 per character
    const chunks = await collect([bytes.subarray(0, 4), bytes.subarray(4, 8), bytes.subarray(8)]);
    expect(chunks.map((c) => c.toString('utf8'))).toEqual(['科', '技', '服务']);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('should keep ASCII, 2- and 4-byte characters and whole chunks as they are', async () => {
    const text = 'a é 𠀀 b';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const chunks = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(chunks.every((c) => !c.toString('utf8').includes('\uFFFD'))).toBe(true);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    }
  });
});

describe('XLSX with Chinese text beyond one read chunk', () => {
  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('should read every character of a large sheet exactly (%s)', async (_label, useSharedStrings) => {
    const names = Array.from({ length: 8_000 }, (_, i) => `攀枝花市西区钒钛技术服务第${i + 1}项`);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('成交明细');
    sheet.addRow(['编号', '类型', '区划代码', '成交日期', '成交金额(元)', '名称']);
    names.forEach((name, i) => sheet.addRow([`U-${i + 1}`, '科技服务', '510403', '2021-05-01', 100, name]));
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
    const table = await readTable(buffer, { filename: 'cjk.xlsx' });
    expect(table.rows).toHaveLength(names.length);
    expect(table.rows.map((r) => r.cells[5])).toEqual(names);
    expect(table.rows.every((r) => r.cells[1] === '科技服务')).toBe(true);
  });
});
