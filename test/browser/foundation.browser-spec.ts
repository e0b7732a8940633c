import { startBrowserHarness, type BrowserHarness, signIn, submitSignIn, expectText } from '../support/browser.js';


describe('Foundation in Chromium', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

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

