import { readFileSync } from 'node:fs';
import request from 'supertest';
import { NotifyDeliveryService } from '../../apps/api/src/notify/notify-delivery.service.js';
import { addMonths, shanghaiMonth } from '@app/kpi-core';
import { startBrowserHarness, type BrowserHarness, signIn } from '../support/browser.js';
import { Receivers } from '../support/notify-receivers.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/notices';

describe('Briefs and notices in Chromium', () => {
  let harness: BrowserHarness;
  const receivers = new Receivers('SECunused', '科协');

  beforeAll(async () => {
    await receivers.start();
    harness = await startBrowserHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    await receivers.stop();
  });

  it('should let a leader open the month’s brief from the bell and download its PDF', async () => {
    const city = await loginAs(harness.app, 'panzhihua');
    const month = addMonths(shanghaiMonth(new Date()), -1);
    await request(harness.app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${city}`).send({ division: '510403', month }).expect(201);
    await harness.app.app.get(NotifyDeliveryService).run();

    const { page } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.getByTestId('notify-bell').click();
    const item = page.getByTestId('notify-item').filter({ hasText: '月度工作简报已印发' }).first();
    await item.waitFor();
    await page.screenshot({ path: `${SHOTS}/bell-zh-1440.png` });
    await item.click();
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}$/);
    const frame = page.frameLocator('[data-testid="brief-frame"]');
    await frame.getByText('月度工作简报').first().waitFor();
    await frame.getByText('西区').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/brief-zh-1440.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('brief-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('should let a city user set up a group robot and send it a test message', async () => {
    const { page } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'panzhihua');
    await page.goto(`${harness.baseUrl}/notify/channels`);
    await page.getByTestId('channel-add').click();
    await page.getByTestId('channel-name').fill('攀枝花市科协工作群');
    await page.getByTestId('channel-url').fill(`${receivers.robotUrl}/cgi-bin/webhook/send?key=browser-test-key`);
    await page.getByTestId('channel-save').click();
    const row = page.getByTestId('channels-table').locator('tbody tr').filter({ hasText: '攀枝花市科协工作群' });
    await row.waitFor();
    // The key is never shown again in full.
    await expect(row.textContent()).resolves.not.toContain('browser-test-key');
    await page.screenshot({ path: `${SHOTS}/channels-zh-1440.png` });
    await row.getByTestId('channel-test').click();
    await page.getByText('测试消息已送达').waitFor();
    expect(receivers.messages.filter((m) => m.robot === 'wecom' && m.text.includes('测试消息'))).toHaveLength(1);
    expect(receivers.problems).toEqual([]);
  }, 60_000);

  it('should let a staff member subscribe to returned events only', async () => {
    const { page } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/notify/subscription`);
    const group = page.getByTestId('subscription-kinds');
    await group.getByText('活动被退回').waitFor();
    for (const checkbox of await group.locator('.el-checkbox').all()) {
      const wanted = (await checkbox.textContent())?.includes('活动被退回') ?? false;
      const checked = (await checkbox.getAttribute('class'))?.includes('is-checked') ?? false;
      if (wanted !== checked) await checkbox.click();
    }
    await page.getByTestId('subscription-save').click();
    await page.getByText('订阅已保存').waitFor();
    const staff = await loginAs(harness.app, 'xiqu-staff');
    const saved = await request(harness.app.http).get('/api/v1/notify/subscriptions').set('Authorization', `Bearer ${staff}`).expect(200);
    expect(saved.body).toMatchObject({ kinds: ['event_returned'], channel: 'inapp' });
  }, 60_000);

  it('should show a city user what went wrong with a delivery in their language', async () => {
    const city = await loginAs(harness.app, 'panzhihua');
    // A robot nobody answers: the attempt is recorded with our own words for the network error.
    await request(harness.app.http).post('/api/v1/notify/channels').set('Authorization', `Bearer ${city}`)
      .send({ kind: 'wecom', division: '510400', name: '无人应答的机器人', url: 'http://127.0.0.1:1/cgi-bin/webhook/send?key=unreachable', kinds: ['brief_issued'] }).expect(201);
    await request(harness.app.http).post('/api/v1/briefs').set('Authorization', `Bearer ${city}`).send({ division: '510403', month: addMonths(shanghaiMonth(new Date()), -2) }).expect(201);
    await harness.app.app.get(NotifyDeliveryService).run();

    for (const [locale, own, other] of [['zh-CN', '网络错误', 'Network error'], ['en-US', 'Network error', '网络错误']]) {
      const { page, context } = await harness.newPage({ locale });
      await signIn(page, harness.baseUrl, 'panzhihua');
      await page.goto(`${harness.baseUrl}/notify/deliveries`);
      const row = page.getByTestId('deliveries-table').locator('.el-table__row').filter({ hasText: '无人应答的机器人' }).first();
      await row.getByText(own).waitFor();
      await expect(row.innerText()).resolves.not.toContain(other);
      await context.close();
    }
  }, 90_000);
});
