import request from 'supertest';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';
import { makePng } from '../e2e/events-fixtures.js';

const SHOTS = '/tmp/shots/events';


describe('Outreach events in Chromium', () => {
  const harness = useBrowserHarness();

  it('should let West District staff log an event with two photos and submit it, and the leader approve it so that the month counts one more', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const token = await loginAs(harness.app, 'xiqu-leader');
    const approvedThisMonth = async () =>
      (
        await request(harness.app.http)
          .get('/api/v1/events')
          .query({ division: '510403', status: 'approved', from: `${month}-01`, to: `${month}-${lastDay}` })
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body.total as number;
    const before = await approvedThisMonth();

    // Staff: list → form → two photos → save and submit.
    const staff = await harness.newPage();
    await signIn(staff.page, harness.baseUrl, 'xiqu-staff');
    await staff.page.getByTestId('menu-events').click();
    await staff.page.waitForURL(/\/events$/);
    await staff.page.getByTestId('events-table').locator('tbody tr').nth(9).waitFor(); // the demo's events, newest first
    await staff.page.screenshot({ path: `${SHOTS}/list-zh-1440.png` });

    const started = Date.now();
    await staff.page.getByTestId('event-create').click();
    await staff.page.waitForURL(/\/events\/new$/);
    await staff.page.getByTestId('event-title').fill('浏览器测试：科普进社区');
    await staff.page.getByTestId('event-type').click();
    await staff.page.getByRole('option', { name: '科普进社区' }).click();
    await staff.page.getByTestId('event-venue').fill('清香坪街道路北社区');
    await staff.page.getByTestId('event-participants').locator('input').fill('80');
    await staff.page.getByTestId('event-materials').locator('input').fill('200');
    await staff.page.getByTestId('event-photo-input').setInputFiles([
      { name: '现场1.png', mimeType: 'image/png', buffer: makePng(320, 240, [66, 133, 244]) },
      { name: '签到表.png', mimeType: 'image/png', buffer: makePng(240, 320, [52, 168, 83]) },
    ]);
    await staff.page.getByTestId('event-photo-item').nth(1).waitFor();
    await staff.page.locator('[data-testid="event-photo-item"] img').nth(1).waitFor(); // previews made
    await staff.page.screenshot({ path: `${SHOTS}/form-zh-1440.png`, fullPage: true });
    await staff.page.getByTestId('event-save-submit').click();
    await staff.page.waitForURL(/\/events\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await staff.page.getByTestId('event-status-submitted').waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await staff.page.getByTestId('event-attachment').nth(1).waitFor();
    await expect(staff.page.getByTestId('event-attachment').count()).resolves.toBe(2);
    await staff.page.locator('[data-testid="event-attachment"] img').first().waitFor();
    const detailUrl = staff.page.url();
    await staff.page.screenshot({ path: `${SHOTS}/detail-submitted-zh-1440.png`, fullPage: true });
    // The list's export downloads through the same client as every other file.
    await staff.page.goto(`${harness.baseUrl}/events`);
    const [exported] = await Promise.all([staff.page.waitForEvent('download'), staff.page.getByTestId('events-export').click()]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    await staff.page.goto(detailUrl);
    await staff.page.getByTestId('event-status-submitted').waitFor();
    await expect(staff.page.getByTestId('event-approve').count()).resolves.toBe(0);
    expect(staff.errors).toEqual([]);
    await staff.context.close();

    // Leader: open the event on a phone-width screen and approve it.
    const leader = await harness.newPage({ width: 390, height: 844 });
    await signIn(leader.page, harness.baseUrl, 'xiqu-leader');
    // The list says what waits for review; one click filters it down to those, the new event among them.
    await leader.page.goto(`${harness.baseUrl}/events`);
    await leader.page.getByTestId('events-queue').getByText(/项活动待审核/).waitFor();
    await leader.page.getByTestId('events-queue-show').click();
    await leader.page.getByTestId('events-table').getByText('浏览器测试：科普进社区').waitFor();
    await expect(leader.page.getByTestId('events-queue').count()).resolves.toBe(0); // the filter is on
    await leader.page.goto(detailUrl);
    await leader.page.getByTestId('event-status-submitted').waitFor();
    await leader.page.getByTestId('event-history').getByText('提交审核').waitFor();
    await leader.page.screenshot({ path: `${SHOTS}/detail-leader-zh-390.png`, fullPage: true });
    await leader.page.getByTestId('event-approve').click();
    await leader.page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await leader.page.getByTestId('event-status-approved').waitFor();
    await leader.page.getByTestId('event-history').getByText('审核通过').waitFor();
    expect(await approvedThisMonth()).toBe(before + 1);

    // The calendar shows it on its day.
    await leader.page.goto(`${harness.baseUrl}/events?view=calendar&month=${month}`);
    await leader.page.getByTestId('events-calendar').waitFor();
    await leader.page.screenshot({ path: `${SHOTS}/calendar-zh-390.png`, fullPage: true });
    expect(leader.errors).toEqual([]);
    await leader.context.close();
  }, 90_000);
});
