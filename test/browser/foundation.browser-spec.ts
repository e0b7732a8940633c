import request from 'supertest';
import { useBrowserHarness, signIn, submitSignIn, expectText } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';


describe('Foundation in Chromium', () => {
  const harness = useBrowserHarness();

  it('should sign an admin in, open the users screen and switch to English and back', async () => {
    const { page, context, errors } = await harness.newPage();
    await page.goto(harness.baseUrl);
    await page.waitForURL(/\/login/);
    await expectText(page, '账号登录');
    await page.screenshot({ path: '/tmp/shots/login-zh.png' });

    await signIn(page, harness.baseUrl, 'admin');
    await page.getByTestId('menu-admin-users').click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByTestId('users-table').getByText('xiqu-leader').waitFor();
    await expectText(page, '用户管理');
    await page.screenshot({ path: '/tmp/shots/users-zh.png' });

    await page.getByTestId('locale-switch').first().click();
    await expectText(page, 'Users');
    await page.screenshot({ path: '/tmp/shots/users-en.png' });
    // The choice is remembered across a reload.
    await page.reload();
    await expectText(page, 'Users');
    await page.getByTestId('locale-switch').first().click();
    await expectText(page, '用户管理');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should page the audit log with the list footer and show an empty search', async () => {
    // Enough sign-ins for a second page of 20.
    for (let i = 0; i < 21; i++) await loginAs(harness.app, 'xiqu-staff');
    const admin = await loginAs(harness.app, 'admin');
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'admin');
    await page.goto(`${harness.baseUrl}/admin/audit`);
    const ROWS = '[data-testid="audit-table"] .el-table__body-wrapper tbody > tr.el-table__row';
    const rowCount = (count: number) => page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length === n, [ROWS, count] as const);
    const activePage = async () => (await page.locator('.app-pagination .el-pager li.is-active').textContent())?.trim();
    const total = (await request(harness.app.http).get('/api/v1/audit?pageSize=1').set('Authorization', `Bearer ${admin}`).expect(200)).body.total as number;
    expect(total).toBeGreaterThan(20);
    await rowCount(20);
    await expect(page.locator('.app-pagination .el-pagination__total').textContent()).resolves.toMatch(/\d+/);

    const second = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('page=2') && r.url().includes('pageSize=20'));
    await page.locator('.app-pagination .el-pager li', { hasText: /^2$/ }).click();
    await second;
    await rowCount(Math.min(total - 20, 20));
    await expect(activePage()).resolves.toBe('2');

    // Another page size starts again at page 1.
    const larger = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('page=1') && r.url().includes('pageSize=50'));
    await page.locator('.app-pagination .el-pagination__sizes .el-select').click();
    await page.getByRole('option', { name: /50/ }).click();
    await larger;
    await rowCount(Math.min(total, 50));
    await expect(activePage()).resolves.toBe('1');

    // A day with no writes (the actor filter is a list of the users now, so a date range makes the empty search).
    await page.getByPlaceholder('开始日期').fill('2000-01-01');
    await page.getByPlaceholder('结束日期').fill('2000-01-01');
    await page.getByPlaceholder('结束日期').press('Enter');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('audit-table').getByText('暂无数据').waitFor();
    await expect(page.getByTestId('audit-table').getByRole('button', { name: '重试' }).count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/shots/audit-empty-zh.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should show a wrong password and keep a staff user out of the users screen', async () => {
    const { page, context } = await harness.newPage({ width: 390, height: 844 });
    await submitSignIn(page, harness.baseUrl, 'xiqu-staff', 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    await expectText(page, '用户名或密码错误');
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/admin/users`);
    await page.waitForURL(/\/403/);
    await expect(page.getByTestId('menu-admin-users').count()).resolves.toBe(0);
    await context.close();
  });
});

