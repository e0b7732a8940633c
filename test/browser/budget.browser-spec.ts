import { type Page } from 'playwright-core';
import request from 'supertest';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/budget';


/** Waits until the element shows exactly this text (the views fill in after their requests). */
async function expectTestIdText(page: Page, testId: string, text: string) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByTestId(testId).filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).first().waitFor({ timeout: 15_000 });
}

describe('Budget, data checks and the table check in Chromium', () => {
  const harness = useBrowserHarness();

  it('should show West District staff the cloud project at 45.46% with the self-evaluation total 94.55 and grade 优', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-budget').click();
    await page.waitForURL(/\/budget/);
    // The list opens on the current year (the demo's year in progress), whose grades are estimates;
    // the seed's projects are 2021's.
    await page.getByText('年度未结束，为预估').first().waitFor();
    await page.getByTestId('budget-year').click();
    await page.getByRole('option', { name: '2021年' }).click();
    await expectTestIdText(page, 'budget-rate-510403-2021-KJY', '45.46%');
    await page.screenshot({ path: `${SHOTS}/projects-zh-1440.png` });

    await page.getByText('攀枝花市西区天府科技云服务中心运维服务项目').first().click();
    await page.waitForURL(/\/budget\/projects\//);
    await expectTestIdText(page, 'budget-total-rate', '45.46%');
    await expectTestIdText(page, 'evaluation-total', '94.55');
    await expectTestIdText(page, 'evaluation-grade', '优');
    await page.getByTestId('budget-lines').getByText('87.05%').waitFor();
    await page.getByTestId('budget-indicators').getByText('344702元经费').waitFor();
    // Staff may submit only once every reason below 90% is given: the API names them.
    await page.getByTestId('evaluation-submit').click();
    await page.getByText(/须填写原因|reason\(s\) missing/).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/project-zh-1440.png`, fullPage: true });
    expect(errors.filter((e) => !/422/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);

  it('should let the leader run the data check, see IC-05 and dismiss a finding with a note', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.getByTestId('menu-findings').click();
    await page.waitForURL(/\/findings/);
    await page.getByTestId('findings-run').click();
    const table = page.getByTestId('findings-table');
    await table.getByText('IC-05').first().waitFor();
    await table.getByText('IC-03').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/findings-zh-1440.png` });

    // Only IC-05 (the 0.6% share that recomputes to 0.67%).
    await page.getByTestId('findings-filter-ic').click();
    await page.getByRole('option', { name: 'IC-05' }).click();
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    await table.getByText('0.67%', { exact: true }).waitFor();

    await table.getByTestId('finding-dismiss').first().click();
    // A dismissal without a note is refused in the dialog.
    await page.getByTestId('finding-decide-save').click();
    await page.getByText('排除问题须填写说明').waitFor();
    await page.getByTestId('finding-note').fill('报告正文按一位小数印制，0.67% 印为 0.6% 属取舍差异');
    await page.getByTestId('finding-decide-save').click();
    await table.getByText('已排除').waitFor();
    await table.getByText('报告正文按一位小数印制').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('should load the 附件2 example into the table check, submit it and show the blank total rate expected 45.46', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-self-evaluation-check').click();
    await page.waitForURL(/\/self-evaluation-check/);
    await page.getByTestId('check-load-example').click();
    await expect(page.getByTestId('check-project-name').inputValue()).resolves.toBe('攀枝花市西区天府科技云服务中心运维服务项目');
    await page.getByTestId('check-submit').click();

    await expectTestIdText(page, 'check-total-recomputed', '45.46%');
    const totalFindings = page.getByTestId('check-total-findings');
    await totalFindings.getByText('45.46%').first().waitFor();
    await expectTestIdText(page, 'check-total', '94.55');
    await expectTestIdText(page, 'check-grade', '优');
    // The cost row printed 45.45 where the rules give 100.00.
    await page.getByTestId('check-indicator-findings-3').getByText('100.00%').waitFor();
    // Each finding names its place by the table's printed names, never by a path into the request.
    await page.getByTestId('check-findings').getByText('资金“年度资金总额”行“执行率”栏').first().waitFor();
    expect(await page.getByTestId('check-findings').innerText()).not.toMatch(/budget\.|indicators\[|printed[A-Z]/);
    await page.screenshot({ path: `${SHOTS}/check-zh-1440.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('should show a leader the open budget warnings on this year’s monthly panel, with the way to the projects', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const token = await loginAs(harness.app, 'xiqu-leader');
    // The demo's budget-watch run raises warnings once a month of the year is over (none in January).
    const warnings = (await request(harness.app.http).get(`/api/v1/budget/warnings?open=true&year=${year}`).set('Authorization', `Bearer ${token}`).expect(200)).body as Array<{ projectName: string }>;

    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.goto(`${harness.baseUrl}/panel?month=${today.slice(0, 7)}`);
    await page.getByTestId('kpi-cards').waitFor();
    if (warnings.length === 0) {
      await expect(page.getByTestId('panel-budget-warnings').count()).resolves.toBe(0);
    } else {
      const alert = page.getByTestId('panel-budget-warnings');
      await alert.getByText(warnings[0]!.projectName).first().waitFor();
      await page.screenshot({ path: `${SHOTS}/panel-warnings-zh-1440.png` });
      await alert.getByRole('button', { name: '查看预算与绩效' }).click();
      await page.waitForURL(new RegExp(`/budget\\?year=${year}`));
    }
    // Last year's panel has no warnings of this year to show.
    await page.goto(`${harness.baseUrl}/panel?month=${Number(year) - 1}-06`);
    await page.getByTestId('kpi-cards').waitFor();
    await expect(page.getByTestId('panel-budget-warnings').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
