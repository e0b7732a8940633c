import { type Page } from 'playwright-core';
import request from 'supertest';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/budget-edit';


/** Waits until the element shows exactly this text (the views fill in after their requests). */
async function expectTestIdText(page: Page, testId: string, text: string) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByTestId(testId).filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).first().waitFor({ timeout: 15_000 });
}

/** The form item (label + control + error) holding the control with this test id. */
const formItem = (page: Page, testId: string) => page.locator('.el-form-item').filter({ has: page.getByTestId(testId) });

describe('Editing budget projects, funding lines and indicators in Chromium', () => {
  const harness = useBrowserHarness();

  it('should let West District staff create a project, add a 100000.00 line, pay 25000.00 (25.00%) and bind an indicator to events', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-budget').click();
    await page.waitForURL(/\/budget/);
    // The list opens on the current year (the demo's year in progress); the seed's projects are 2021's.
    await page.getByTestId('budget-year').click();
    await page.getByRole('option', { name: '2021年' }).click();
    await page.getByTestId('budget-rate-510403-2021-KJY').waitFor();

    // New project; a code with a space is refused at the code field.
    await page.getByTestId('project-new').click();
    const dialog = page.getByTestId('project-dialog');
    await dialog.waitFor();
    await page.getByTestId('project-code').fill('XQ 2021');
    await page.getByTestId('project-name').fill('西区科普惠民测试项目');
    await page.getByTestId('project-aliases').fill('科普惠民, 惠民项目');
    await page.getByTestId('project-supervising').fill('攀枝花市西区财政局');
    await page.getByTestId('project-implementing').fill('攀枝花市西区科学技术协会');
    await page.screenshot({ path: `${SHOTS}/project-dialog-zh-1440.png` });
    await page.getByTestId('project-save').click();
    await formItem(page, 'project-code').locator('.el-form-item__error').getByText(/字母、数字、点、横线或下划线/).waitFor();
    await page.screenshot({ path: `${SHOTS}/project-dialog-error-zh-1440.png` });
    await page.getByTestId('project-code').fill('510403-2021-TEST');
    await page.getByTestId('project-save').click();

    // Saved: the project opens, still without lines.
    await page.waitForURL(/\/budget\/projects\//);
    const projectId = page.url().split('/').pop()!;
    await page.getByText('西区科普惠民测试项目').first().waitFor();

    // A funding line of 100000.00 元 (the adjusted budget follows the initial one), with the 万元 hint.
    await page.getByTestId('line-add').click();
    await page.getByTestId('line-initialBudget').fill('100000.00');
    await formItem(page, 'line-initialBudget').getByText('≈ 10.00 万元').waitFor();
    await expect(page.getByTestId('line-adjustedBudget').inputValue()).resolves.toBe('100000.00');
    await page.screenshot({ path: `${SHOTS}/line-dialog-zh-1440.png` });
    await page.getByTestId('line-save').click();
    await page.getByTestId('budget-lines').getByText('100,000.00').first().waitFor();

    // A payment of 25000.00: the execution rate becomes 25.00%.
    await page.getByTestId('payments-add').click();
    const paidOn = page.locator('.el-dialog').filter({ has: page.getByTestId('payment-amount') }).locator('.el-date-editor input');
    await paidOn.fill('2021-03-15');
    await paidOn.press('Enter');
    await page.getByTestId('payment-amount').fill('25000.00');
    await page.getByPlaceholder('2060799').fill('2060702');
    await page.getByPlaceholder('30227').fill('30227');
    await page.getByTestId('payment-save').click();
    await expectTestIdText(page, 'budget-total-rate', '25.00%');

    // An indicator bound to events: without a level-3 name the API's message stands at the field.
    await page.getByTestId('indicator-add').click();
    const indicatorDialog = page.getByTestId('indicator-dialog');
    await indicatorDialog.waitFor();
    await page.getByTestId('indicator-level2').click();
    await page.getByRole('option', { name: '数量指标' }).click();
    await page.getByTestId('indicator-target').fill('2');
    await page.getByTestId('indicator-unit').fill('场');
    await page.getByTestId('indicator-weight').fill('30');
    await page.getByTestId('indicator-binding').getByText('科普活动').click();
    await expect(page.getByTestId('indicator-actual-bound').isDisabled()).resolves.toBe(true);
    await page.getByTestId('indicator-save').click();
    await formItem(page, 'indicator-name').locator('.el-form-item__error').getByText('请填写三级指标').waitFor();
    await page.screenshot({ path: `${SHOTS}/indicator-dialog-zh-1440.png` });
    await page.getByTestId('indicator-name').fill('开展科普惠民活动场次');
    await page.getByTestId('indicator-save').click();
    const indicators = page.getByTestId('budget-indicators');
    await indicators.getByText('开展科普惠民活动场次').waitFor();
    // No approved event is linked to it yet: the bound actual is 0.
    await indicators.getByText('科普活动：0').waitFor();

    // Two approved events linked to the new indicator (through the API, as staff and leader would):
    // an events-bound indicator counts exactly the approved events linked to it (issue 13 §4).
    const staff = await loginAs(harness.app, 'xiqu-staff');
    const leader = await loginAs(harness.app, 'xiqu-leader');
    const listed = await request(harness.app.http).get(`/api/v1/performance/projects/${projectId}/indicators`).set({ Authorization: `Bearer ${staff}` }).expect(200);
    const indicatorId = (listed.body as Array<{ id: string; name: string }>).find((i) => i.name === '开展科普惠民活动场次')!.id;
    for (const day of ['2021-04-10', '2021-05-20']) {
      const created = await request(harness.app.http)
        .post('/api/v1/events')
        .set({ Authorization: `Bearer ${staff}` })
        .send({ title: `科普惠民进社区 ${day}`, type: 'community', start: day, venue: '清香坪街道路北社区', audience: ['residents'], participants: 50, personTimes: 50, materials: 100, projectId, indicatorIds: [indicatorId] })
        .expect(201);
      await request(harness.app.http).post(`/api/v1/events/${created.body.id}/submit`).set({ Authorization: `Bearer ${staff}` }).expect(200);
      await request(harness.app.http).post(`/api/v1/events/${created.body.id}/approve`).set({ Authorization: `Bearer ${leader}` }).expect(200);
    }
    await page.reload();
    await indicators.getByText('2场', { exact: true }).waitFor();
    await indicators.getByText('科普活动：2').waitFor();
    await indicators.getByText(/2 场已审核活动/).waitFor();
    await page.screenshot({ path: `${SHOTS}/project-zh-1440.png`, fullPage: true });

    // Editing shows the bound value in the disabled actual.
    await indicators.locator('[data-testid^="indicator-edit-"]').first().click();
    await expect(page.getByTestId('indicator-actual-bound').inputValue()).resolves.toBe('2');
    await page.getByTestId('indicator-dialog').getByRole('button', { name: '取消' }).click();

    expect(errors.filter((e) => !/422/.test(e))).toEqual([]);
    await context.close();
  }, 90_000);

  it('should refuse deleting a project with payments and say why, in English', async () => {
    const { page, context } = await harness.newPage({ locale: 'en-US' });
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.getByTestId('menu-budget').click();
    await page.getByTestId('budget-year').click();
    await page.getByRole('option', { name: '2021' }).click();
    await page.getByTestId('budget-rate-510403-2021-KJY').waitFor();
    await page.screenshot({ path: `${SHOTS}/projects-en-1440.png` });
    await page.getByTestId('project-delete-510403-2021-KJY').click();
    await page.locator('.el-message-box').getByRole('button', { name: 'OK' }).click();
    await page.locator('.el-message-box').getByText(/has payments/).waitFor();
    await page.screenshot({ path: `${SHOTS}/delete-refused-en-1440.png` });
    await context.close();
  }, 60_000);
});
