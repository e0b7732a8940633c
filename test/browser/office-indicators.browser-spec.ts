// Issue 13 §15 at 1440×900: indicator rows that do not contradict themselves. A bound value is named with its metric
// and unit (never "平台指标：1257"), the months summed are the months that have begun (11 in November, not 12), a row
// with a value is never "缺实际值" (a qualitative one waits for its grade), and "人工填报" marks only what was entered.
import request from 'supertest';
import { useBrowserHarness, signIn } from '../support/browser.js';
import { loginAs } from '../support/test-app.js';

const SHOTS = '/tmp/shots/office';

interface Indicator {
  id: string;
  binding: { kind: string };
  actualSource: { kind: string; value: string | null };
  actualText: string | null;
  enteredActual: string | null;
}

describe('Budget indicator rows for the office (issue 13 §15) in Chromium', () => {
  const harness = useBrowserHarness();
  let projectId: string;
  let indicators: Indicator[];
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    const staff = await loginAs(harness.app, 'xiqu-staff');
    const get = (path: string) => request(harness.app.http).get(`/api/v1${path}`).set('Authorization', `Bearer ${staff}`).expect(200);
    const projects = (await get('/budget/projects')).body as Array<{ id: string; code: string }>;
    projectId = projects.find((p) => p.code === `510403-${year}-KJY`)!.id;
    indicators = (await get(`/performance/projects/${projectId}/indicators`)).body as Indicator[];
  }, 60_000);

  for (const lang of ['zh', 'en'] as const) {
    it(`should name bound values, count the months begun, and mark only what was entered (${lang}, November)`, async () => {
      const { page, context, errors } = await harness.newPage({ width: 1440, height: 900, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      // 20 November of the project's year, in Beijing: the year is in progress, December has not begun.
      await page.clock.setFixedTime(new Date(`${year}-11-20T10:00:00+08:00`));
      await signIn(page, harness.baseUrl, 'xiqu-staff');
      await page.goto(`${harness.baseUrl}/budget/projects/${projectId}`);
      const table = page.getByTestId('budget-indicators');
      await table.locator('.el-table__row').first().waitFor();

      const bound = indicators.find((i) => i.binding.kind === 'metric' && i.actualSource.value !== null)!;
      const source = await table.getByTestId(`indicator-source-${bound.id}`).innerText();
      expect(source).toMatch(lang === 'zh' ? /^平台指标：精准科普服务群众数 [\d,]+ 户/ : /^Platform metric: .+ [\d,]+ \S+/);
      expect(source).not.toMatch(/(平台指标：|Platform metric: )[\d,.]+\s*$/m);
      const months = await table.getByTestId(`indicator-months-${bound.id}`).innerText();
      expect(months).toContain(`${year}-11`);
      expect(months).not.toContain(`${year}-12`);
      expect(months).toContain(lang === 'zh' ? '11 个月合计' : '11 months summed');
      // A value exists: not "缺实际值"; the qualitative row waits for its grade.
      const outcome = await table.getByTestId(`indicator-outcome-${bound.id}`).innerText();
      expect(outcome).toBe(lang === 'zh' ? '待评定等级' : 'To be graded');

      // Rows nobody has entered say so, without a 人工填报 chip.
      const untouched = indicators.filter((i) => i.binding.kind === 'manual' && i.enteredActual === null && i.actualText === null);
      expect(untouched.length).toBeGreaterThan(0);
      for (const row of untouched) {
        await expect(table.getByTestId(`indicator-source-${row.id}`).innerText()).resolves.toBe(lang === 'zh' ? '尚未填报' : 'Not entered yet');
      }
      await expect(table.innerText()).resolves.not.toContain(lang === 'zh' ? '人工填报' : 'Entered');
      // The levels in the user's language (§13): 产出指标 is "Output" in English.
      const text = await table.innerText();
      if (lang === 'zh') for (const level of ['产出指标', '数量指标', '效益指标', '满意度指标']) expect(text).toContain(level);
      else {
        for (const level of ['Outputs', 'Quantity', 'Benefits', 'Satisfaction']) expect(text).toContain(level);
        expect(text).not.toMatch(/产出指标|数量指标|质量指标|时效指标|成本指标|效益指标|满意度指标/);
      }

      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/budget-indicators-${lang}-1440.png` });
      expect(errors).toEqual([]);
      await context.close();

      // On a phone (opened there, as a phone does) each indicator is a card with the same words, and nothing scrolls sideways.
      const phone = await harness.newPage({ width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      await phone.page.clock.setFixedTime(new Date(`${year}-11-20T10:00:00+08:00`));
      await signIn(phone.page, harness.baseUrl, 'xiqu-staff');
      await phone.page.goto(`${harness.baseUrl}/budget/projects/${projectId}`);
      const cards = phone.page.getByTestId('budget-indicator-cards');
      await cards.getByTestId(`indicator-source-${bound.id}`).scrollIntoViewIfNeeded();
      await expect(cards.getByTestId(`indicator-source-${bound.id}`).innerText()).resolves.toBe(source);
      await expect(cards.getByTestId(`indicator-outcome-${bound.id}`).innerText()).resolves.toBe(outcome);
      await expect(cards.locator('.indicator-card').count()).resolves.toBe(indicators.length);
      const overflow = await phone.page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        cards: [...document.querySelectorAll('.indicator-card')].filter((c) => c.getBoundingClientRect().right > window.innerWidth).length,
        // The header's last control (the user menu) is on the screen, with the language switch short beside it.
        userMenu: document.querySelector('[data-testid="user-menu"]')!.getBoundingClientRect().right <= window.innerWidth,
      }));
      expect(overflow).toEqual({ page: 0, cards: 0, userMenu: true });
      await expect(phone.page.getByTestId('locale-switch').innerText()).resolves.toBe(lang === 'zh' ? 'EN' : '中文');
      await phone.page.screenshot({ path: `${SHOTS}/budget-indicators-${lang}-390.png` });
      expect(phone.errors).toEqual([]);
      await phone.context.close();
    }, 60_000);
  }
});
