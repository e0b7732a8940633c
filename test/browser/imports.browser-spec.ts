import { readFile } from 'node:fs/promises';
import { useBrowserHarness, signIn } from '../support/browser.js';

const SHOTS = '/tmp/shots/imports';
const HEADER = '编号,类型,区划代码,成交日期,成交金额(元),名称';


function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') };
}

// The browser logs every 4xx response; a rejected import is one on purpose.
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 422/.test(e));

describe('Imports screen in Chromium', () => {
  const harness = useBrowserHarness();
  const dealCount = async (prefix: string) =>
    Number((await harness.app.db.query(`SELECT count(*) AS n FROM deal WHERE external_id LIKE $1`, [`${prefix}-%`])).rows[0].n);

  it('should download a template, refuse a file with a bad row, import a good one and list both in the history', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-imports').click();
    await page.waitForURL(/\/imports$/);
    await page.getByTestId('import-history').waitFor();

    // Template: a real file download with the canonical headers.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-deals-csv').click()]);
    expect(template.suggestedFilename()).toBe('deals-template.csv');
    const templateText = (await readFile((await template.path())!)).toString('utf8');
    expect(templateText.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('编号,类型,区划代码,区县,成交日期,成交金额(元),需求方,服务方,名称');

    // A file that is not CSV/XLSX is stopped before it is sent.
    await page.getByTestId('import-file-input').setInputFiles({ name: 'deals.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await expect(page.getByTestId('import-file-problem').textContent()).resolves.toContain('只能导入 .csv 或 .xlsx 文件');
    await expect(page.getByTestId('import-submit').isDisabled()).resolves.toBe(true);

    // One bad row, all-or-nothing (the default): every error listed, nothing written.
    await page
      .getByTestId('import-file-input')
      .setInputFiles(csvFile('bad.csv', ['BT-1,科技服务,510403,2021-11-01,1200.50,检测服务', 'BT-2,科技服务,510403,2021-02-30,300,坏日期']));
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-outcome').textContent()).resolves.toContain('未写入任何数据');
    const errorRow = page.getByTestId('import-errors').locator('.el-table__row').first();
    await expect(errorRow.textContent()).resolves.toMatch(/3.*成交日期.*2021-02-30.*日期不存在/);
    await expect(page.getByTestId('import-count-inserted').textContent()).resolves.toContain('0');
    await expect(page.getByTestId('import-count-rejected').textContent()).resolves.toContain('1');
    expect(await dealCount('BT')).toBe(0);
    await page.screenshot({ path: `${SHOTS}/rejected-1440.png`, fullPage: true });

    // The errors download as a spreadsheet.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-xlsx').click()]);
    expect(report.suggestedFilename()).toBe('bad-errors.xlsx');
    expect((await readFile((await report.path())!)).subarray(0, 2).toString('latin1')).toBe('PK');

    // A good file: inserted counts shown and the rows written.
    await page
      .getByTestId('import-file-input')
      .setInputFiles(csvFile('good.csv', ['BT-1,科技服务,510403,2021-11-01,1200.50,检测服务', 'BT-2,科技服务,510403,2021-11-02,300,咨询服务']));
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-outcome').filter({ hasText: '导入完成' }).waitFor();
    await expect(page.getByTestId('import-count-inserted').textContent()).resolves.toContain('2');
    await expect(page.getByTestId('import-errors').count()).resolves.toBe(0);
    expect(await dealCount('BT')).toBe(2);

    // Both imports are in the history, newest first; the rejected one opens with its error.
    const history = page.getByTestId('import-history');
    await history.locator('.el-table__row', { hasText: 'good.csv' }).filter({ hasText: '成功' }).waitFor();
    const rows = history.locator('.el-table__body-wrapper .el-table__row');
    await expect(rows.nth(0).textContent()).resolves.toContain('good.csv');
    await expect(rows.nth(1).textContent()).resolves.toMatch(/bad\.csv.*已拒绝/);
    await rows.nth(1).click();
    await page.getByTestId('import-detail').getByText('2021-02-30').waitFor();
    await page.screenshot({ path: `${SHOTS}/history-detail-1440.png` });

    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('should let an admin run a job now and see the run in the list', async () => {
    const { page, context, errors } = await harness.newPage({ width: 390, height: 844 });
    await signIn(page, harness.baseUrl, 'admin');
    await page.goto(`${harness.baseUrl}/admin/jobs`);
    await page.getByTestId('job-run-rollup-verify').waitFor();
    await page.getByTestId('job-run-rollup-verify').click();
    await page.locator('.el-message-box').getByRole('button', { name: '立即运行' }).click();
    await page.getByTestId('job-runs').locator('.el-table__row', { hasText: '汇总数据核对' }).filter({ hasText: '成功' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/jobs-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
