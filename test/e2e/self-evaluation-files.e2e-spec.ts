// POST /api/v1/self-evaluations/check/files: 自评表 files as people send them (XLSX in the published layouts, a zip,
// this project's own export) read to the same table and the same result as the JSON check; what is not a 自评表
// says what was expected; the upload limits answer 413 saying the limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { type CheckIndicatorRow, type ConsistencyFinding, type SelfEvaluationFileCheck } from '@app/contracts';
import { type PrintedTableInput, normalisePrintedTable } from '@app/kpi-core';
import { CHECK_UPLOAD_LIMITS } from '../../apps/api/src/performance-check/sheets/unpack.js';
import { PUBLISHED_LAYOUTS, publishedWorkbook } from '../fixtures/self-evaluation/published-layouts.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const binary = ((res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test['parse']>[0];

const fixture = (name: string) => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/self-evaluation', `${name}.json`), 'utf8')) as { table: object; expected: { findings: ConsistencyFinding[] } };
const key = (f: Pick<ConsistencyFinding, 'rule' | 'severity' | 'path' | 'expected' | 'found'>) => [f.severity, f.rule, f.path, f.expected, f.found].join(' | ');
const names = Object.keys(PUBLISHED_LAYOUTS);

describe('POST /api/v1/self-evaluations/check/files (e2e)', () => {
  let app: TestApp;
  let staff: string;
  const upload = (files: Array<[Buffer, string]>) => {
    const req = request(app.http).post('/api/v1/self-evaluations/check/files').set('Authorization', `Bearer ${staff}`);
    for (const [buffer, name] of files) req.attach('files', buffer, name);
    return req;
  };
  const json = async (table: object) => (await request(app.http).post('/api/v1/self-evaluations/check').set('Authorization', `Bearer ${staff}`).send(table).expect(200)).body;

  beforeAll(async () => {
    app = await startTestApp();
    staff = await loginAs(app, 'xiqu-staff');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should read three published layouts at once (Sichuan, MoF, Hubei) to the same result as their JSON transcriptions', async () => {
    const files = await Promise.all(names.map(async (name) => [await publishedWorkbook(name), `${name}.xlsx`] as [Buffer, string]));
    const { body } = await upload(files).expect(200);
    expect(body.files.map((f: SelfEvaluationFileCheck) => [f.fileName, f.ok, f.layout])).toEqual([
      ['sichuan-qingshen-wage-2023.xlsx', true, 'sichuan'], ['yunnan-yongde-nutrition-2022.xlsx', true, 'mof'], ['hubei-ezhou-kexie-kepu-2022.xlsx', true, 'hubei'],
    ]);
    for (const [i, name] of names.entries()) {
      const read: SelfEvaluationFileCheck = body.files[i];
      const expected = await json(fixture(name).table);
      expect((read.result?.findings ?? []).map(key).sort()).toEqual(expected.findings.map(key).sort());
      expect([read.result?.execution.total, read.result?.total, read.result?.grade]).toEqual([expected.execution.total, expected.total, expected.grade]);
      const pick = (r: CheckIndicatorRow) => [r.level2, r.name, r.direction, r.target, r.actual, r.unit, r.weight, r.printedScore];
      expect(read.table?.indicators.map(pick)).toEqual(normalisePrintedTable(fixture(name).table as PrintedTableInput).indicators.map(pick));
    }
  });

  it('should give the review of checked files as a workbook: one typed line per file, every finding in words, in either language', async () => {
    const files = await Promise.all(names.map(async (name) => [await publishedWorkbook(name), `${name}.xlsx`] as [Buffer, string]));
    const checked = (await upload([...files, [Buffer.from('not a table'), 'notes.pdf']]).expect(200)).body.files as SelfEvaluationFileCheck[];
    const review = async (language: 'zh' | 'en') => {
      const response = await request(app.http)
        .post('/api/v1/self-evaluations/check/review.xlsx')
        .set('Authorization', `Bearer ${staff}`)
        .send({ language, files: checked.map((f) => ({ fileName: f.fileName, sheet: f.sheet, table: f.table, error: f.error })) })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      return { workbook, disposition: String(response.headers['content-disposition']) };
    };

    const { workbook, disposition } = await review('zh');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('自评表审阅清单.xlsx')}`);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['审阅清单', '全部问题']);
    const [lines, findings] = workbook.worksheets;
    expect((lines!.getRow(1).values as unknown[]).slice(1)).toEqual(['文件', '工作表', '项目名称', '实施单位', '金额单位', '重算总分', '等级', '错误', '提示', '说明']);
    expect(lines!.rowCount).toBe(checked.length + 1);
    for (const [i, file] of checked.entries()) {
      const row = lines!.getRow(i + 2);
      expect(row.getCell(1).value).toBe(file.fileName);
      if (file.result) {
        // The total is a number (2 decimals), the counts are numbers: the clerk can sort and sum them.
        expect(row.getCell(6).value).toBe(Number(file.result.total));
        expect(row.getCell(6).numFmt).toBe('0.00');
        expect(row.getCell(8).value).toBe(file.result.findings.filter((f) => f.severity === 'error').length);
      } else {
        expect(row.getCell(6).value).toBeNull();
        expect(String(row.getCell(10).value)).toBe(file.error!.message);
      }
    }
    const findingCount = checked.reduce((n, f) => n + (f.result?.findings.length ?? 0), 0);
    expect(findingCount).toBeGreaterThan(0);
    expect(findings!.rowCount).toBe(findingCount + 1);
    expect(['错误', '提示', '说明']).toContain(findings!.getRow(2).getCell(3).value);

    const english = await review('en');
    expect(english.workbook.worksheets.map((w) => w.name)).toEqual(['Review', 'Findings']);
    expect(english.workbook.worksheets[1]!.getRow(2).getCell(5).value).toBe(checked.find((f) => f.result?.findings.length)!.result!.findings[0]!.messageEn);
  });

  it('should read the same files out of one zip', async () => {
    const zip = new JSZip();
    for (const name of names) zip.file(`自评表/${name}.xlsx`, await publishedWorkbook(name));
    const { body } = await upload([[await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), '三张自评表.zip']]).expect(200);
    expect(body.files.map((f: SelfEvaluationFileCheck) => [f.fileName.replace(/^.*\//, ''), f.ok])).toEqual(names.map((n) => [`${n}.xlsx`, true]));
  });

  it('should read this project’s own 自评表 export back to the same table with no error', async () => {
    const evaluations = (await request(app.http).get('/api/v1/performance/self-evaluations?year=2021').set('Authorization', `Bearer ${staff}`).expect(200)).body as Array<{ id: string; projectName: string; computed: { total: string } }>;
    expect(evaluations.length).toBeGreaterThan(0);
    const exports = await Promise.all(evaluations.map(async (e) => [
      (await request(app.http).get(`/api/v1/performance/self-evaluations/${e.id}/export.xlsx`).set('Authorization', `Bearer ${staff}`).buffer(true).parse(binary).expect(200)).body as Buffer,
      `${e.projectName}.xlsx`,
    ] as [Buffer, string]));
    const { body } = await upload(exports).expect(200);
    for (const [i, e] of evaluations.entries()) {
      const read: SelfEvaluationFileCheck = body.files[i];
      expect([read.ok, read.layout, read.table?.project.name]).toEqual([true, 'own', e.projectName]);
      expect(read.result?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(read.result?.total).toBe(e.computed.total);
    }
  });

  it('should say what a 自评表 is when a file is not one, and read a pasted (tab-separated) table', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '电话'], ['张三', '13800000000']]);
    const pasted = ['项目名称\t科普讲座', '\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t10\t9\t10\t90%\t9'].join('\n');
    const { body } = await upload([[Buffer.from(await wb.xlsx.writeBuffer()), '名单.xlsx'], [Buffer.from(pasted), '粘贴的表格.tsv']]).expect(200);
    expect(body.files[0]).toMatchObject({ ok: false, error: { code: 'NOT_A_SELF_EVALUATION' } });
    expect(body.files[0].error.message).toContain('全年预算数');
    expect(body.files[1]).toMatchObject({ ok: true, result: { execution: { total: { rate: '90.00', score: '9.00' } }, executionOnly: true } });
  });

  it('should refuse a file past the size limit, too many files and a zip bomb with 413 saying the limit', async () => {
    const big = await upload([[Buffer.alloc(CHECK_UPLOAD_LIMITS.fileBytes + 1, 32), 'big.csv']]).expect(413);
    expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', params: { limitBytes: CHECK_UPLOAD_LIMITS.fileBytes } });
    const many = await upload(Array.from({ length: CHECK_UPLOAD_LIMITS.files + 1 }, (_, i) => [Buffer.from('a,b'), `t${i}.csv`] as [Buffer, string])).expect(413);
    expect(many.body).toMatchObject({ code: 'TOO_MANY_FILES', params: { maxFiles: CHECK_UPLOAD_LIMITS.files } });
    const bomb = new JSZip();
    bomb.file('bomb.csv', Buffer.alloc(CHECK_UPLOAD_LIMITS.zipUnpackedBytes + 1024, 48));
    const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bombBytes.length).toBeLessThan(CHECK_UPLOAD_LIMITS.fileBytes);
    const refused = await upload([[bombBytes, 'bomb.zip']]).expect(413);
    expect(refused.body).toMatchObject({ code: 'ZIP_TOO_LARGE_UNPACKED', params: { limitBytes: CHECK_UPLOAD_LIMITS.zipUnpackedBytes } });
    const crowded = new JSZip();
    for (let i = 0; i <= CHECK_UPLOAD_LIMITS.zipEntries; i++) crowded.file(`t${i}.csv`, 'a,b');
    const crowd = await upload([[await crowded.generateAsync({ type: 'nodebuffer' }), 'crowded.zip']]).expect(413);
    expect(crowd.body).toMatchObject({ code: 'TOO_MANY_ZIP_ENTRIES', params: { maxEntries: CHECK_UPLOAD_LIMITS.zipEntries } });
  });
});
