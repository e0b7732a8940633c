// Issue 13 §13 at 1440×900 in English: whole card titles (the count and the amount of one kind must not both read
// "S&T service deals…"), indicator levels in English, and no full-width punctuation (，：（）；。) in the product's own
// English text. User data stays as entered (Chinese names with their own punctuation), so the check flags full-width
// punctuation glued to Latin text or digits, which only our own strings make.
import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';

const SHOTS = '/tmp/shots/office';
const GLUED = /[A-Za-z0-9)%\]] ?[，：（；。]|[，：；）][A-Za-z]/g;

async function gluedPunctuation(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...text.matchAll(GLUED)].map((m) => text.slice(Math.max(0, m.index - 20), m.index + 20));
}

describe('English without gaps (issue 13 §13) in Chromium', () => {
  const harness = useBrowserHarness();

  it('should show whole card titles and no full-width punctuation on the panel and the budget pages', async () => {
    const { page, context, errors } = await harness.newPage({ width: 1440, height: 900, locale: 'en-US' });
    await signIn(page, harness.baseUrl, 'xiqu-staff');
    await page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    await page.getByTestId('kpi-cards').waitFor();
    await page.waitForLoadState('networkidle');

    // Whole titles: nothing cut, and the count and the value of one kind tell themselves apart.
    const names = await page.locator('.kpi-card__name').evaluateAll((nodes) =>
      nodes.map((n) => ({ text: (n.textContent ?? '').trim(), cut: n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1 })),
    );
    expect(names.length).toBeGreaterThan(6);
    expect(names.filter((n) => n.cut)).toEqual([]);
    const count = await page.getByTestId('kpi-card-deals.tech_service.count').locator('.kpi-card__name').innerText();
    const amount = await page.getByTestId('kpi-card-deals.tech_service.amount').locator('.kpi-card__name').innerText();
    expect(count).not.toBe(amount);
    expect(await gluedPunctuation(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/panel-en-1440.png` });

    await page.goto(`${harness.baseUrl}/budget`);
    await page.locator('.el-table__row').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await gluedPunctuation(page)).toEqual([]);

    await page.locator('.el-table__row').first().click();
    await page.waitForURL(/\/budget\/projects\//);
    await page.getByTestId('budget-indicators').locator('.el-table__row').first().waitFor();
    await page.waitForLoadState('networkidle');
    const indicators = await page.getByTestId('budget-indicators').innerText();
    expect(indicators).toContain('Outputs');
    expect(indicators).not.toMatch(/产出指标|效益指标|满意度指标|数量指标/);
    expect(await gluedPunctuation(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    const phone = await harness.newPage({ width: 390, height: 844, locale: 'en-US' });
    await signIn(phone.page, harness.baseUrl, 'xiqu-leader');
    await phone.page.goto(`${harness.baseUrl}/panel?month=2021-11`);
    await phone.page.getByTestId('kpi-cards').waitFor();
    await phone.page.waitForLoadState('networkidle');
    expect(await gluedPunctuation(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/panel-en-390.png` });
    await phone.context.close();
  }, 90_000);
});
