// Issue 13 §5 at 1440×900 and 390×844: a card's drill-through reconciles with the card (a 合计 of every fact, not only
// the page's, equal to the card's value in the card's unit) and fits its drawer (no clipped last column; a phone
// reads the facts as cards).
import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';

const SHOTS = '/tmp/shots/office';
const METRICS = ['deals.tech_service.amount', 'deals.tech_service.count', 'popsci.person_times'];

async function cardValue(page: Page, metric: string): Promise<string> {
  const card = page.getByTestId(`kpi-card-${metric}`);
  const number = (await card.locator('.kpi-card__number').innerText()).trim();
  const unit = (await card.locator('.kpi-card__unit').innerText()).trim();
  return `${number} ${unit}`;
}

describe('Drill-through reconciles with its card (issue 13 §5) in Chromium', () => {
  const harness = useBrowserHarness();

  it('should total every fact to the card value and fit the drawer at 1440×900', async () => {
    const { page, context, errors } = await harness.newPage({ width: 1440, height: 900 });
    await signIn(page, harness.baseUrl, 'xiqu-leader');
    await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    await page.getByTestId('kpi-cards').waitFor();
    for (const metric of METRICS) {
      const card = await cardValue(page, metric);
      await page.getByTestId(`kpi-drill-${metric}`).click();
      const drawer = page.getByTestId('facts-drawer').filter({ visible: true });
      const total = drawer.getByTestId('facts-total');
      await total.waitFor();
      await expect(total.innerText()).resolves.toContain(`合计 ${card}`);
      // The table's own 合计 row: every fact, not only this page.
      const table = drawer.getByTestId('facts-table');
      const footer = (await table.locator('.el-table__footer td').allInnerTexts()).map((c) => c.trim());
      const count = Number(/共 (\d+) 条/.exec(await drawer.innerText())![1]);
      expect(footer[0]).toBe(`合计（${count} 条）`);
      if (metric === 'deals.tech_service.amount') {
        const headers = (await table.locator('.el-table__header th').allInnerTexts()).map((h) => h.trim());
        const yuan = Number(footer[headers.indexOf('成交金额(元)')]!.replace(/,/g, ''));
        expect(`${(yuan / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`).toBe(card);
      }
      if (metric === 'deals.tech_service.count') expect(card).toBe(`${count} 笔`);
      // Fits: no horizontal scroll, the last header cell inside the drawer.
      const fit = await table.evaluate((el) => {
        const wrap = el.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') as HTMLElement;
        const last = [...el.querySelectorAll('.el-table__header th')].at(-1)!.getBoundingClientRect();
        const box = el.closest('.el-drawer')!.getBoundingClientRect();
        return { scrolls: wrap.scrollWidth > wrap.clientWidth + 1, lastRight: last.right, drawerRight: box.right };
      });
      expect(fit.scrolls).toBe(false);
      expect(fit.lastRight).toBeLessThanOrEqual(fit.drawerRight);
      if (metric === 'deals.tech_service.amount') await page.screenshot({ path: `${SHOTS}/drill-zh-1440.png` });
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('should read as cards on a 390×844 phone, with the total, inside the screen; and in English', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const [width, height] of [
        [390, 844],
        [1440, 900],
      ] as const) {
        if (lang === 'zh' && width === 1440) continue; // the test above
        const { page, context, errors } = await harness.newPage({ width, height, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
        await signIn(page, harness.baseUrl, 'xiqu-staff');
        await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
        await page.getByTestId('kpi-cards').waitFor();
        const card = await cardValue(page, 'deals.tech_service.amount');
        await page.getByTestId('kpi-drill-deals.tech_service.amount').click();
        const drawer = page.getByTestId('facts-drawer').filter({ visible: true });
        await expect(drawer.getByTestId('facts-total').innerText()).resolves.toContain(lang === 'zh' ? `合计 ${card}` : `Total ${card}`);
        if (width === 390) {
          await drawer.getByTestId('facts-cards').locator('li').first().waitFor();
          await page.waitForTimeout(500); // the drawer slides in
          const overflow = await drawer.evaluate((el) => {
            const body = el.querySelector('.el-drawer__body') as HTMLElement;
            return { scrolls: body.scrollWidth > body.clientWidth + 1, outside: [...el.querySelectorAll('.facts-card')].filter((c) => c.getBoundingClientRect().right > window.innerWidth).length };
          });
          expect(overflow).toEqual({ scrolls: false, outside: 0 });
        }
        await page.screenshot({ path: `${SHOTS}/drill-${lang}-${width}.png` });
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 90_000);
});
