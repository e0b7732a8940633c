import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';

// Every import screen shows a refused file's rows in the one error table (components/ImportErrorTable.vue),
// in the user's language: the API sends message (中文) and messageEn, the table picks one.
const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') });
// The browser logs every 4xx response; a refused import is one on purpose.
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 422/.test(e));

describe('One import error table on every import screen (Chromium)', () => {
  const harness = useBrowserHarness();

  async function open(locale: 'zh-CN' | 'en', username: string, path: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const { page, context, errors } = await harness.newPage({ locale });
    await page.addInitScript((value) => localStorage.setItem('tianfu-kpi.locale', value), locale);
    await signIn(page, harness.baseUrl, username);
    await page.goto(`${harness.baseUrl}${path}`);
    return { page, errors, close: () => context.close() };
  }

  for (const [locale, metricText, dateText] of [
    ['zh-CN', '未知指标', '日期不存在'],
    ['en', 'Unknown metric', 'no such calendar date'],
  ] as const) {
    it(`should list the targets import's bad row in the table, in ${locale}`, async () => {
      const { page, errors, close } = await open(locale, 'panzhihua', '/targets');
      await page.getByTestId('targets-file').setInputFiles(csv('targets.csv', ['区划代码,年度,指标代码,年度目标', '510403,2031,no.such.metric,1']));
      const row = page.getByTestId('import-errors').locator('.el-table__row').first();
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(new RegExp(`2.*指标代码.*no\\.such\\.metric.*${metricText}`));
      expect(unexpected(errors)).toEqual([]);
      await close();
    });

    it(`should list the events import's bad row in the same table, in ${locale}`, async () => {
      const { page, errors, close } = await open(locale, 'xiqu-staff', '/events');
      await page.getByTestId('events-import-open').click();
      await page.getByTestId('events-import-file').setInputFiles(csv('活动.csv', ['活动名称,活动类型,开始日期', '坏日期,讲座,2021-02-30']));
      await page.getByTestId('events-import-start').click();
      const row = page.getByTestId('import-errors').locator('.el-table__row').first();
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(new RegExp(`2.*开始日期.*2021-02-30.*${dateText}`));
      expect(unexpected(errors)).toEqual([]);
      await close();
    });
  }
});
