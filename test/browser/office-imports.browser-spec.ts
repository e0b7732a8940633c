// Issue 13 §9 on a 390×844 phone: import errors read as cards with the reason in full (no column to scroll to), a
// value outside a list says what the column expects (not "类型无法识别"), and the mode is worded as official Chinese
// ("有错误则全部不导入", not "全部或不导入").
import { useBrowserHarness, signIn } from '../support/browser.js';

const SHOTS = '/tmp/shots/office';
const HEADER = '编号,类型,区划代码,成交日期,成交金额(元),名称';
const csvFile = (lines: string[]) => ({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') });
// The browser logs every 4xx response; a rejected import is one on purpose.
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 422/.test(e));

describe('Import errors on a phone (issue 13 §9) in Chromium', () => {
  const harness = useBrowserHarness();

  for (const lang of ['zh', 'en'] as const) {
    it(`should list each error as a card with its reason in full at 390×844 (${lang})`, async () => {
      const { page, context, errors } = await harness.newPage({ width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      await signIn(page, harness.baseUrl, 'xiqu-staff');
      await page.goto(`${harness.baseUrl}/imports`);
      await page.getByTestId('import-history').waitFor();
      if (lang === 'zh') {
        const text = await page.evaluate(() => document.body.innerText);
        expect(text).toContain('有错误则全部不导入');
        expect(text).not.toContain('全部或不导入');
      }
      await page.getByTestId('import-file-input').setInputFiles(csvFile(['PH-1,科技咨询,510403,2021-11-01,1200.50,检测服务', 'PH-2,科技服务,510403,2021-02-30,300,坏日期']));
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-result').waitFor();
      if (lang === 'zh') await expect(page.getByTestId('import-outcome').innerText()).resolves.toContain('按“有错误则全部不导入”的方式，本次未写入任何数据');

      const cards = page.getByTestId('import-error-cards').locator('li');
      await expect(cards.count()).resolves.toBe(2);
      const reasons = await page.getByTestId('import-error-reason').allInnerTexts();
      expect(reasons).toContainEqual(lang === 'zh' ? '“类型”一栏应填写以下之一：科技服务、科技成果转化、科研项目' : expect.stringMatching(/^类型 must be one of: /));
      expect(reasons.join('\n')).not.toContain('无法识别');
      // Every card, and its reason, inside the phone's width: nothing to scroll sideways to.
      const outside = await page.getByTestId('import-error-cards').evaluate((list) => {
        const right = window.innerWidth;
        return [...list.querySelectorAll('li, [data-testid="import-error-reason"]')].filter((n) => n.getBoundingClientRect().right > right + 0.5).length;
      });
      expect(outside).toBe(0);
      await cards.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/import-errors-${lang}-390.png` });
      expect(unexpected(errors)).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
