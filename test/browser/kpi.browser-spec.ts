import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn, expectText } from '../support/browser.js';

const SHOTS = '/tmp/shots/kpi';



/** Retries `read` until `check` passes (or 15 s go by, then fails with the last value). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  if (!check(value)) throw new Error(`condition not met; last value: ${JSON.stringify(value)}`);
  return value;
}

/** Painted (non-transparent) pixels of the first canvas inside `selector`. */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  }, selector);
}

describe('KPI screens in Chromium', () => {
  const harness = useBrowserHarness();

  it('should land a leader on the monthly panel and show the seed figures of 2021-11 with drill-through', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.waitForURL(/\/panel/);
    await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    // The seed's "截至11月" figures are running totals since the launch: 216 笔 / 9,270.80 万元 科技服务, 7,585 users.
    await expect(page.getByTestId('kpi-cumulative-deals.tech_service.count').textContent()).resolves.toContain('216');
    await expect(page.getByTestId('kpi-cumulative-deals.tech_service.amount').textContent()).resolves.toContain('9,270.80');
    await expect(page.getByTestId('kpi-cumulative-registrations.total.count').textContent()).resolves.toContain('7,585');
    await expect(page.getByTestId('kpi-cumulative-popsci.person_times').textContent()).resolves.toContain('691,200');
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    await expectText(page, '本月排名尚未发布');
    await page.screenshot({ path: `${SHOTS}/panel-zh.png`, fullPage: true });

    await page.getByTestId('kpi-drill-deals.tech_service.count').click();
    const drawer = page.getByTestId('facts-table');
    await drawer.waitFor();
    await expect(drawer.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await page.getByText(/共 \d+ 条/).first().waitFor();
    await page.getByTestId('facts-export').waitFor();
    await page.screenshot({ path: `${SHOTS}/panel-drill-zh.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should show the panel on a phone in English with the month remembered in the URL', async () => {
    const { page, context, errors } = await harness.newPage({ width: 390, height: 844, locale: 'en' });
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    await expect(page.getByTestId('kpi-cumulative-deals.tech_service.count').textContent()).resolves.toContain('216');
    await expectText(page, 'Year to date');
    await page.reload();
    await expect(page.getByTestId('kpi-cumulative-deals.tech_service.count').textContent()).resolves.toContain('216');
    await page.screenshot({ path: `${SHOTS}/panel-phone-en.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should let the city move a weight in the what-if panel and publish the ranking', async () => {
    const { page, context, errors } = await harness.newPage();
    await signIn(page, harness.baseUrl, 'panzhihua');
    await page.goto(`${harness.baseUrl}/ranking?month=2021-11`);
    await page.getByTestId('ranking-bars').locator('canvas').waitFor();
    await expectText(page, '非省科协官方综合绩效排名公式');
    await expect(page.getByTestId('ranking-status').textContent()).resolves.toContain('草稿');
    await expect(page.getByTestId('heat-table').locator('tbody tr').count()).resolves.toBeGreaterThan(10);

    const result = page.getByTestId('what-if-result');
    const before = await result.innerText();
    // Give all the weight to the 科普侧 pillar: ranks or scores must change at once.
    for (const pillar of ['supply', 'demand']) {
      const input = page.getByTestId(`what-if-pillar-${pillar}`).locator('input');
      await input.fill('0');
      await input.press('Tab');
    }
    await eventually(() => result.innerText(), (text) => text !== before);
    await page.screenshot({ path: `${SHOTS}/ranking-whatif-zh.png`, fullPage: true });
    await page.getByTestId('what-if-reset').click();
    await eventually(() => result.innerText(), (text) => text === before);

    await page.getByTestId('ranking-publish').click();
    await page.getByRole('button', { name: '发布排名' }).last().click();
    await eventually(() => page.getByTestId('ranking-status').textContent(), (text) => !!text?.includes('已发布'));
    await page.screenshot({ path: `${SHOTS}/ranking-published-zh.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should show the published ranking to a leader and the big screen with its charts', async () => {
    const { page, context, errors } = await harness.newPage({ width: 1920, height: 1080 });
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    // The panel's rank badge leads to the ranking of its month, where the score is explained.
    await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    await page.getByTestId('rank-badge').getByText('已发布').waitFor();
    await page.getByTestId('rank-badge').click();
    await page.waitForURL(/\/ranking\?month=2021-11/);
    await eventually(() => page.getByTestId('ranking-status').textContent(), (text) => !!text?.includes('已发布'));
    await expect(page.getByTestId('ranking-publish').count()).resolves.toBe(0);
    await page.goto(`${harness.baseUrl}/ranking?month=2021-10`);
    await page.getByTestId('ranking-not-published').waitFor();
    // Last month is not published yet (the demo leaves it to the city): one click shows the month before.
    await page.goto(`${harness.baseUrl}/ranking`);
    await page.getByTestId('ranking-not-published').waitFor();
    await page.getByTestId('ranking-latest-published').click();
    await eventually(() => page.getByTestId('ranking-status').textContent(), (text) => !!text?.includes('已发布'));
    await page.getByTestId('ranking-bars').locator('canvas').waitFor();

    await page.goto(`${harness.baseUrl}/screen?month=2021-11`);
    await page.getByTestId('big-screen').locator('canvas').first().waitFor();
    await eventually(() => paintedPixels(page, '[data-testid="big-screen"]'), (n) => n > 1000);
    await page.getByTestId('screen-board').getByText('西区').waitFor();
    await expect(page.getByTestId('screen-clock').textContent()).resolves.toMatch(/\d{2}:\d{2}:\d{2}/);
    await expect(page.locator('.layout__aside').count()).resolves.toBe(0);
    await page.screenshot({ path: `${SHOTS}/screen-zh.png` });
    // Without a month, the screen shows last month; its ranking is not published yet, so the board
    // shows the newest published one, labelled with its month.
    await page.goto(`${harness.baseUrl}/screen`);
    await page.getByTestId('screen-board').getByText(/已发布 · \d{4}-\d{2}/).waitFor();
    await page.getByTestId('screen-board').getByText('西区').waitFor();
    await page.getByTestId('screen-exit').click();
    await page.waitForURL(/\/panel/);
    // The unpublished month answers 404 on purpose; nothing else may fail.
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await context.close();
  });
});
