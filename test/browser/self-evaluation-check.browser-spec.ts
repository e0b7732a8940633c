// 自评表检查 with the files people send: three published layouts uploaded at once give a review list, one click
// opens a table's findings in plain Chinese, and the review exports to XLSX.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { PUBLISHED_LAYOUTS, publishedWorkbook } from '../fixtures/self-evaluation/published-layouts.js';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/self-evaluation-check';

describe('自评表检查: several files at once (Chromium)', () => {
  const harness = useBrowserHarness();

  it('should review three uploaded tables, open one, read a finding in plain Chinese and export the review', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-self-evaluation-check').click();
    await page.waitForURL(/\/self-evaluation-check/);

    const names = Object.keys(PUBLISHED_LAYOUTS);
    const files = await Promise.all(names.map(async (name) => ({
      name: `${name}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await publishedWorkbook(name),
    })));
    await page.getByTestId('check-sheet-files').setInputFiles(files);

    const review = page.getByTestId('check-review');
    await review.waitFor();
    await page.getByTestId('check-review-row-2').waitFor();
    await review.getByText('义务教育营养改善计划专项资金').waitFor();
    await review.getByText('科学普及经费').waitFor();
    await page.screenshot({ path: `${SHOTS}/review-zh-1440.png`, fullPage: true });

    // 永德 (MoF form): the 政策知晓率 row printed 9 where 98/100 × 10 gives 9.80.
    await page.getByTestId('check-review-open-1').click();
    const list = page.getByTestId('check-findings');
    await list.getByText('绩效指标第6行“政策知晓率”“得分”栏印为9分，按 98/100×10 应为 9.80分（印数系直接截尾，未按四舍五入）').waitFor();
    expect(await list.innerText()).not.toMatch(/indicators\[|budget\.|printed[A-Z]|printedTotal/);
    await page.screenshot({ path: `${SHOTS}/findings-zh-1440.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('check-review-export').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审阅清单');
    expect(sheet?.rowCount).toBe(1 + names.length);
    expect(sheet?.getRow(3).getCell(3).value).toBe('义务教育营养改善计划专项资金');
    expect(workbook.getWorksheet('全部问题')?.getColumn(5).values.some((v) => typeof v === 'string' && v.includes('按 98/100×10 应为 9.80'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('should read the review on a phone and in English', async () => {
    const { page, context } = await harness.newPage({ width: 390, height: 844 });
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/self-evaluation-check`);
    await page.getByTestId('check-sheet-files').setInputFiles([{ name: 'ezhou.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await publishedWorkbook('hubei-ezhou-kexie-kepu-2022') }]);
    // One file opens at once.
    await page.getByTestId('check-findings').getByText('预算执行率“得分”栏印为19分').waitFor();
    await page.screenshot({ path: `${SHOTS}/findings-zh-390.png`, fullPage: true });
    await context.close();

    // The same file in English: the screen's own words in English, each finding as the API words it in English,
    // the page no wider than the phone. (The table's own texts — project name, indicator names — stay as printed.)
    const buffer = await publishedWorkbook('hubei-ezhou-kexie-kepu-2022');
    const checked = await request(harness.app.http)
      .post('/api/v1/self-evaluations/check/files')
      .set('Authorization', `Bearer ${await loginAs(harness.app, 'xiqu-staff')}`)
      .attach('files', buffer, 'ezhou.xlsx')
      .expect(200);
    const english = (checked.body.files[0].result.findings as Array<{ messageEn: string }>).map((f) => f.messageEn);
    expect(english.length).toBeGreaterThan(0);
    const en = await harness.newPage({ width: 390, height: 844, locale: 'en-US' });
    await signIn(en.page, harness.baseUrl, 'xiqu-staff');
    await en.page.goto(`${harness.baseUrl}/self-evaluation-check`);
    await en.page.getByTestId('check-sheet-files').setInputFiles([{ name: 'ezhou.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer }]);
    const findings = en.page.getByTestId('check-findings');
    await findings.getByText(english[0]!, { exact: false }).waitFor();
    for (const message of english) await expect(findings.getByText(message, { exact: false }).count()).resolves.toBeGreaterThan(0);
    // Points, not 分; amounts in English units (the indicator names quoted from the table may stay Chinese).
    expect(await findings.innerText()).not.toMatch(/\d\s*(分|万元)/);
    // The header and the buttons: no Chinese, no full-width punctuation.
    const chrome = await en.page.locator('.page-header').innerText();
    expect(chrome).not.toMatch(/[\u4e00-\u9fff，：（）]/);
    expect(await en.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await en.page.screenshot({ path: `${SHOTS}/findings-en-390.png`, fullPage: true });
    expect(en.errors).toEqual([]);
    await en.context.close();
  }, 90_000);
});
