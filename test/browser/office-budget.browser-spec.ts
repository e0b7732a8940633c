// Issue 13 §1 and §11 at 1440×900: an in-year self-evaluation is an estimate on every output, a closed year is
// judged against 90% (never 严重滞后, never projected), and budget warnings read one line per project.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/office';
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('Budget outputs for the office (issue 13 §1, §11) in Chromium', () => {
  const harness = useBrowserHarness();
  let staffToken: string;
  const year = Number(beijingToday().slice(0, 4));

  const api = (path: string) => request(harness.app.http).get(`/api/v1${path}`).set('Authorization', `Bearer ${staffToken}`);
  const projectOf = async (code: string) => {
    const projects = (await api('/budget/projects').expect(200)).body as Array<{ id: string; code: string }>;
    return projects.find((p) => p.code === code)!;
  };

  beforeAll(async () => {
    staffToken = await loginAs(harness.app, 'xiqu-staff');
  }, 60_000);

  it('should show an in-year self-evaluation as an estimate on screen, in print and in the XLSX, asking no reasons until the user submits early', async () => {
    const project = await projectOf(`510403-${year}-KJY`);
    const evaluation = ((await api(`/performance/self-evaluations?year=${year}`).expect(200)).body as Array<{ id: string; projectId: string; yearInProgress: boolean }>).find(
      (e) => e.projectId === project.id,
    )!;
    expect(evaluation.yearInProgress).toBe(true);

    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/budget/projects/${project.id}`);
    await page.getByTestId('evaluation-estimate-note').waitFor();
    await page.getByTestId('evaluation-interim').getByText('年度未结束，为预估').waitFor();
    // No reasons asked in November: shortfalls may still be made up.
    await expect(page.getByTestId('evaluation-reasons').count()).resolves.toBe(0);
    const submit = page.getByTestId('evaluation-submit');
    await expect(submit.innerText()).resolves.toContain('提前提交');
    await submit.click();
    const dialog = page.getByRole('dialog', { name: '年度尚未结束' });
    await dialog.getByText('只是预估').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('evaluation-reasons').count()).resolves.toBe(0);
    // Choosing to submit early asks for the reasons the rules require (this project lags: execution < 90%).
    await submit.click();
    await dialog.getByRole('button', { name: '继续提前提交' }).click();
    await page.getByTestId('evaluation-reasons').waitFor();
    await expect(page.getByTestId('evaluation-status').innerText()).resolves.toBe('草稿');

    await page.goto(`${harness.baseUrl}/budget/self-evaluations/${evaluation.id}/print`);
    await page.getByTestId('print-sheet').waitFor();
    await expect(page.getByTestId('print-watermark').first().innerText()).resolves.toContain('年度未结束·预估');
    await page.getByTestId('print-sheet').getByText(/（[\d.]+分，年度未结束，为预估）/).waitFor();
    await page.screenshot({ path: `${SHOTS}/print-estimate-zh-1440.png` });
    expect(errors).toEqual([]);
    await context.close();

    // The server refuses a plain submit while the year is in progress, and the XLSX carries the mark.
    const refused = await request(harness.app.http).post(`/api/v1/performance/self-evaluations/${evaluation.id}/submit`).set('Authorization', `Bearer ${staffToken}`).send({}).expect(409);
    expect(refused.body.code).toBe('YEAR_IN_PROGRESS');
    const xlsx = await api(`/performance/self-evaluations/${evaluation.id}/export.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.headerFooter.oddHeader).toContain('年度未结束·预估');
    expect(String(sheet.getCell(2, 1).value)).toContain('【年度未结束·预估】');
  }, 90_000);

  it('should judge a closed year against 90% (未达 90%, never 严重滞后) and give it no projected year-end rate', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/budget?year=2021`);
    const table = page.getByTestId('budget-projects');
    await table.getByText('未达 90%').first().waitFor();
    await expect(table.getByText('严重滞后').count()).resolves.toBe(0);
    await expect(table.getByText('略有滞后').count()).resolves.toBe(0);

    const project = await projectOf('510403-2021-KJY');
    await page.goto(`${harness.baseUrl}/budget/projects/${project.id}`);
    await page.getByTestId('budget-year-end-tile').getByText('45.46%').waitFor();
    await expect(page.getByTestId('budget-projected-tile').count()).resolves.toBe(0);
    // The page itself, not the header's notice bell (which lists this year's projected-rate notices).
    await expect(page.locator('.budget-project').getByText('预计年末执行率').count()).resolves.toBe(0);
    await expect(page.getByTestId('evaluation-estimate-note').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('should give one warning line per lagging project, coloured as its status tag, with the rate, the pace and the gap in one sentence', async () => {
    const warnings = (await api(`/budget/warnings?open=true&year=${year}`).expect(200)).body as Array<{ projectId: string }>;
    const projects = new Set(warnings.map((w) => w.projectId));
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.goto(`${harness.baseUrl}/budget?year=${year}`);
    await page.getByTestId('budget-projects').locator('tbody tr').first().waitFor();
    // The rows come with the project list; the warnings with the year's figures a moment later.
    if (projects.size > 0) await page.getByTestId('budget-warning').nth(projects.size - 1).waitFor();
    await expect(page.getByTestId('budget-warning').count()).resolves.toBe(projects.size);
    for (const line of await page.getByTestId('budget-warning').all()) {
      await expect(line.innerText()).resolves.toMatch(/执行率 \d+\.\d{2}%，序时进度 \d+\.\d{2}%，落后 \d+\.\d{2} 个百分点/);
      // 严重滞后 (red tag) is red here too; 略有滞后 orange.
      const severity = await line.getAttribute('data-severity');
      await expect(line.getAttribute('class')).resolves.toContain(severity === 'danger' ? 'el-alert--error' : 'el-alert--warning');
    }
    const tags = await page.getByTestId('budget-projects').locator('.el-tag--danger').allInnerTexts();
    const redLines = await page.locator('[data-testid="budget-warning"][data-severity="danger"]').count();
    expect(redLines).toBe(tags.filter((text) => text.includes('严重滞后')).length);
    await page.screenshot({ path: `${SHOTS}/budget-warnings-zh-1440.png` });

    // The panel: the same one line per project, no run of two numbers.
    await page.goto(`${harness.baseUrl}/panel`);
    await page.getByTestId('kpi-cards').waitFor();
    if (projects.size > 0) {
      const items = page.getByTestId('panel-budget-warnings').locator('li');
      await expect(items.count()).resolves.toBe(projects.size);
      await expect(items.first().innerText()).resolves.toMatch(/序时进度 \d+\.\d{2}%，落后/);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
