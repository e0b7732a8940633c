// Issue 13 §10 at 1440×900: 操作日志 reads as the office reads its own screens. Records by their Chinese kind and
// own name (never `outreach_event`), changed fields by their labels with values as the screens show them (元 with
// 2 decimals, 草稿 → 待审核), Beijing times, filters by date, user, kind of record and division, and a link to the
// record. Once in English.
import request from 'supertest';
import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/office';
const INTERNAL = /\b[a-z]+_[a-z]+\b|\b[a-z]+\.[a-z]+\b/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/;

/** The page's visible text, without the request ids of expanded rows (a reference for support, labelled as such). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText.split('\n').filter((line) => !/^(请求编号：|Request ID: )/.test(line)).join('\n'));
}

describe('操作日志 for the office (issue 13 §10) in Chromium', () => {
  const harness = useBrowserHarness();
  let eventId: string;
  let savedAt: Date;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    const [staff, leader] = await Promise.all([loginAs(harness.app, 'xiqu-staff'), loginAs(harness.app, 'xiqu-leader')]);
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const body = { title: '科普进社区：应急避险知识讲座', type: 'community', start: today, venue: '清香坪街道路北社区', participants: 40, personTimes: 40, materials: 10, cost: 1234.5 };
    const created = await request(harness.app.http).post('/api/v1/events').set(auth(staff)).send(body).expect(201);
    eventId = created.body.id as string;
    savedAt = new Date();
    await request(harness.app.http).patch(`/api/v1/events/${eventId}`).set(auth(staff)).send({ ...body, cost: 2000 }).expect(200);
    await request(harness.app.http).post(`/api/v1/events/${eventId}/submit`).set(auth(staff)).expect(200);
    await request(harness.app.http).post(`/api/v1/events/${eventId}/approve`).set(auth(leader)).expect(200);
  }, 120_000);

  it('should name records and fields in Chinese, show values as the screens do, filter by date, user, kind and division, and link to the record', async () => {
    const { page, context, errors } = await harness.newPage({ width: 1440, height: 900 });
    await signIn(page, harness.baseUrl, 'admin');
    await page.goto(`${harness.baseUrl}/admin/audit`);
    const table = page.getByTestId('audit-table');
    await table.locator('.el-table__row').first().waitFor();

    // The API refuses a malformed filter; the page offers only well-formed ones.
    const admin = await loginAs(harness.app, 'admin');
    await request(harness.app.http).get('/api/v1/audit?from=2026-13-01').set('Authorization', `Bearer ${admin}`).expect(422);
    await request(harness.app.http).get('/api/v1/audit?division=51').set('Authorization', `Bearer ${admin}`).expect(422);

    const filtered = (predicate: (url: URL) => boolean) =>
      page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.pathname === '/api/v1/audit' && predicate(url);
      });

    // Kind of record: 科普活动.
    let answer = filtered((url) => url.searchParams.get('entity') === 'outreach_event');
    await page.getByTestId('audit-filter-kind').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^科普活动$/ }).click();
    await answer;
    // User: the staff member who registered the event, by name.
    answer = filtered((url) => url.searchParams.get('actor') === 'xiqu-staff');
    await page.getByTestId('audit-filter-actor').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '（xiqu-staff）' }).click();
    await answer;
    // Division: 西区.
    answer = filtered((url) => url.searchParams.get('division') === '510403');
    await page.getByTestId('audit-filter-division').click();
    await page.keyboard.type('西区');
    await page.locator('.el-tree-node__content:visible', { hasText: '510403' }).click();
    await answer;
    // Dates: today (a Beijing day).
    answer = filtered((url) => url.searchParams.get('from') === today && url.searchParams.get('to') === today);
    await page.getByPlaceholder('开始日期').fill(today);
    await page.getByPlaceholder('结束日期').fill(today);
    await page.getByPlaceholder('结束日期').press('Enter');
    await answer;
    await page.waitForTimeout(300);

    // The staff member's two writes of the event (created, then changed and submitted): no other record, no other user.
    const rows = table.locator('.el-table__body-wrapper .el-table__row:not(.el-table__expanded-cell)');
    const records = await table.getByTestId('audit-record').allInnerTexts();
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) expect(record).toMatch(/^科普活动\s*科普进社区：应急避险知识讲座$/);
    for (const actor of await table.getByTestId('audit-actor').allInnerTexts()) expect(actor).toBe('西区科协 工作人员（xiqu-staff）');
    // Beijing time, to the minute of the save (the test's own browser runs in Asia/Shanghai, the page formats explicitly).
    const times = await table.getByTestId('audit-time').allInnerTexts();
    const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(times.at(-1)).toBe(beijing(savedAt));

    // Each change, field by field, by the screens' labels and formats: created (last row), then changed, then submitted.
    const count = await rows.count();
    for (let i = 0; i < count; i++) await rows.nth(i).locator('.el-table__expand-icon').click();
    await expect(page.getByTestId('audit-diff').count()).resolves.toBe(count);
    const diffs = await Promise.all(
      Array.from({ length: count }, async (_, i) => (await page.getByTestId('audit-diff').nth(i).locator('tbody tr').allInnerTexts()).map((l) => l.replace(/\s+/g, ' ').trim())),
    );
    expect(diffs[0]).toContain('状态 草稿 待审核');
    expect(diffs).toContainEqual(expect.arrayContaining(['经费 1,234.50 元 2,000.00 元']));
    expect(diffs.at(-1)).toEqual(expect.arrayContaining(['活动类型 科普进社区', '区划 西区', `开始日期 ${today}`, '经费 1,234.50 元', '登记人 西区科协 工作人员']));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SHOTS}/audit-zh-1440.png`, fullPage: true });

    const text = await visibleText(page);
    expect(text.match(INTERNAL) ?? []).toEqual([]);
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('outreach_event');

    // The link opens the event.
    await rows.first().getByTestId('audit-link').click();
    await page.waitForURL(`**/events/${eventId}`);
    await page.getByText('科普进社区：应急避险知识讲座').first().waitFor();

    // The whole log, unfiltered, names every record in Chinese (the demo data's writes included).
    await page.goto(`${harness.baseUrl}/admin/audit`);
    await table.locator('.el-table__row').first().waitFor();
    const all = await visibleText(page);
    expect(all.match(INTERNAL) ?? []).toEqual([]);
    expect(all).not.toMatch(UUID);
    expect(errors).toEqual([]);
    await context.close();

    // A phone shows the same page without internal words.
    const phone = await harness.newPage({ width: 390, height: 844 });
    await signIn(phone.page, harness.baseUrl, 'admin');
    await phone.page.goto(`${harness.baseUrl}/admin/audit`);
    // A phone reads the entries as cards, the changes one tap away, nothing wider than the screen.
    const card = phone.page.getByTestId('audit-cards').locator('li').first();
    await card.waitFor();
    await card.getByRole('button', { name: '修改内容' }).click();
    await card.getByTestId('audit-diff').waitFor();
    const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide).toBe(false);
    expect((await visibleText(phone.page)).match(INTERNAL) ?? []).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/audit-zh-390.png` });
    await phone.context.close();
  }, 120_000);

  it('should read in English too: kinds, fields and values in English, no internal words', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const { page, context, errors } = await harness.newPage({ width, height, locale: 'en-US' });
      await signIn(page, harness.baseUrl, 'admin');
      await page.goto(`${harness.baseUrl}/admin/audit?`);
      const table = page.getByTestId(width === 1440 ? 'audit-table' : 'audit-cards');
      await table.locator(width === 1440 ? '.el-table__row' : 'li').first().waitFor();
      if (width === 1440) {
        // The newest write of the event: the leader's approval.
        const row = table.locator('.el-table__row', { has: page.getByTestId('audit-record').filter({ hasText: /^Outreach event/ }) }).first();
        await expect(row.getByTestId('audit-record').innerText()).resolves.toMatch(/^Outreach event\s*科普进社区：应急避险知识讲座$/);
        await row.locator('.el-table__expand-icon').click();
        const lines = (await page.getByTestId('audit-diff').first().locator('tbody tr').allInnerTexts()).map((l) => l.replace(/\s+/g, ' ').trim());
        expect(lines).toContain('Status Awaiting review Approved');
      }
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SHOTS}/audit-en-${width}.png` });
      const text = await visibleText(page);
      expect(text.match(INTERNAL) ?? []).toEqual([]);
      expect(text).not.toMatch(UUID);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 90_000);
});
