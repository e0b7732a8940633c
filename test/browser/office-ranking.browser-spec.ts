// Issue 13 §6 at 1440×900: the ranking explained without training. Each indicator shows its raw value, the
// denominator and the per-capita or coverage figure; one sentence says how a score is made (the 0–1 scale in plain
// words) and a worked line takes the selected district through it; labels are whole, the heat table's figures are
// visible without hovering, and no package name shows.
import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';

const SHOTS = '/tmp/shots/office';

/** Text cut by its box (ellipsis or overflow), as a user would see it cut. */
async function clipped(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((nodes) =>
    nodes.filter((n) => n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1).map((n) => (n.textContent ?? '').trim()),
  );
}

describe('Ranking explained for the office (issue 13 §6) in Chromium', () => {
  const harness = useBrowserHarness();

  it('should show raw value, denominator and per-capita figure, say how a score is made and work it through for the selected district', async () => {
    const { page, context, errors } = await harness.newPage({ width: 1440, height: 900 });
    await signIn(page, harness.baseUrl, 'panzhihua');
    await page.goto(`${harness.baseUrl}/ranking`);
    const explain = page.getByTestId('ranking-explain');
    await explain.getByTestId('explain-table').locator('.el-table__row').first().waitFor();
    // The model by its name, not its version id.
    await expect(page.getByTestId('ranking-model').innerText()).resolves.toContain('评分模型 天府科技云综合指数（2021 版）');
    await expect(page.getByTestId('ranking-disclaimer').innerText()).resolves.not.toContain('tianfu-index');

    // Choose 西区 and read its row for 新增注册科技工作者（每千人）.
    await explain.getByTestId('explain-division').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /西区$/ }).click();
    const headers = (await explain.locator('.el-table__header th').allInnerTexts()).map((h) => h.trim());
    expect(headers).toEqual(['指标', '原始值', '基数', '人均/覆盖率', '标准化值', '权重(满分)', '得分']);
    const row = explain.locator('.el-table__row', { hasText: '新增注册科技工作者（每千人）' });
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    const raw = Number(cells[1]!.replace(/[^\d.]/g, ''));
    expect(cells[2]).toBe('常住人口 149,000');
    const perThousand = (raw / 149_000) * 1000;
    expect(cells[3]).toContain('（每千人）');
    expect(Number(cells[3]!.replace(/（.*$/, ''))).toBeCloseTo(perThousand, 2);

    // One sentence on how a score is made, and the worked line for 西区 whose figures add up.
    await expect(explain.getByTestId('explain-how').innerText()).resolves.toContain('最低的区县记 0、最高的记 1');
    const worked = await explain.getByTestId('explain-worked').innerText();
    expect(worked).toMatch(/^以西区的“.+”为例：/);
    const minMax = /（([\d.,]+) − ([\d.,]+)）÷（([\d.,]+) − ([\d.,]+)）= ([\d.]+)/.exec(worked);
    expect(minMax).not.toBeNull();
    const [x, min, max, , normalized] = minMax!.slice(1).map((v) => Number(v.replace(/,/g, '')));
    expect(Math.abs((x! - min!) / (max! - min!) - normalized!)).toBeLessThan(0.02);
    const points = /得分 = 分值 ([\d.]+) × ([\d.]+) = ([\d.]+) 分/.exec(worked);
    expect(points).not.toBeNull();
    expect(Math.abs(Number(points![1]) * Number(points![2]) - Number(points![3]))).toBeLessThan(0.02);

    // Figures without hovering: every heat cell shows its per-capita figure (or raw value) under the 0–1 value.
    const figures = await page.getByTestId('heat-figure').allInnerTexts();
    expect(figures.length).toBeGreaterThan(20);
    for (const figure of figures) expect(figure.trim()).toMatch(/^[\d,.]+(%| 万元| 个| 项| 次| 人| 户| 家)?|—$/);
    await expect(page.getByTestId('heat-table').innerText()).resolves.not.toContain('悬停');

    // Whole labels, no package names.
    expect(await clipped(page, '.heat__ind')).toEqual([]);
    expect(await clipped(page, '[data-testid="explain-table"] .el-table__body .cell')).toEqual([]);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/@app\/|kpi-core/);

    await page.mouse.move(0, 0);
    await explain.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/ranking-explain-zh-1440.png` });
    expect(errors).toEqual([]);
    await context.close();

    const phone = await harness.newPage({ width: 390, height: 844 });
    await signIn(phone.page, harness.baseUrl, 'panzhihua');
    await phone.page.goto(`${harness.baseUrl}/ranking`);
    // On a phone each indicator is a card (no seven-column table to scroll sideways), with the same figures.
    const cards = phone.page.getByTestId('explain-cards');
    await cards.locator('.explain__card').first().waitFor();
    await expect(phone.page.getByTestId('explain-table').count()).resolves.toBe(0);
    const card = cards.locator('.explain__card', { hasText: '新增注册科技工作者（每千人）' }).first();
    await expect(card.innerText()).resolves.toMatch(/基数\s+常住人口 [\d,]+/);
    await expect(cards.locator('.explain__card--total').innerText()).resolves.toMatch(/合计（= 综合得分）\s+[\d.]+/);
    const overflow = await phone.page.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      cards: [...document.querySelectorAll('.explain__card')].filter((c) => c.getBoundingClientRect().right > window.innerWidth).length,
    }));
    expect(overflow).toEqual({ page: 0, cards: 0 });
    await phone.page.getByTestId('explain-worked').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: `${SHOTS}/ranking-explain-zh-390.png` });
    await card.scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: `${SHOTS}/ranking-explain-cards-zh-390.png` });
    await phone.context.close();
  }, 90_000);

  it('should explain in English too', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const { page, context, errors } = await harness.newPage({ width, height, locale: 'en-US' });
      await signIn(page, harness.baseUrl, 'panzhihua');
      await page.goto(`${harness.baseUrl}/ranking`);
      const worked = page.getByTestId('explain-worked');
      await worked.waitFor();
      await expect(page.getByTestId('ranking-model').innerText()).resolves.toContain('Tianfu composite index, 2021 edition');
      await expect(page.getByTestId('explain-how').innerText()).resolves.toContain('the lowest gets 0, the highest 1');
      await expect(worked.innerText()).resolves.toMatch(/^For example, .+ score = [\d.]+ points × [\d.]+ = [\d.]+\.$/);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).not.toMatch(/[，：（）；。]/);
      await worked.scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SHOTS}/ranking-explain-en-${width}.png` });
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 90_000);
});
