// Issue 13, done-when: no page a leader, staff, city or admin user opens shows an internal key, an English enum value or
// a table name in the Chinese UI. Every menu route (and the pages one click deeper) is walked per role and its visible
// text searched for snake_case (`outreach_event`) and dotted keys (`gpb.total`).
import { type Page } from 'playwright-core';
import { useBrowserHarness, signIn } from '../support/browser.js';

const INTERNAL = /\b[a-z]+_[a-z]+\b|\b[a-z]+\.[a-z]+\b/g;

async function internalWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...new Set(text.match(INTERNAL) ?? [])];
}

describe('No internal words in the Chinese UI, per role (issue 13)', () => {
  const harness = useBrowserHarness();

  it.each(['xiqu-leader', 'xiqu-staff', 'panzhihua', 'admin'])('should show %s no snake_case or dotted key on any page of the menu', async (username) => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.baseUrl, username);
    await page.locator('[data-testid^="menu-"]').first().waitFor();
    const count = await page.locator('[data-testid^="menu-"]').count();
    const found: Record<string, string[]> = {};
    const scan = async (path: string) => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const words = await internalWords(page);
      if (words.length) found[path] = words;
    };
    for (let i = 0; i < count; i++) {
      const item = page.locator('[data-testid^="menu-"]').nth(i);
      const name = await item.getAttribute('data-testid');
      if (name === 'menu-screen') continue; // the big screen: its own test, and it leaves the app
      await item.click();
      await page.waitForTimeout(200);
      const path = new URL(page.url()).pathname;
      await scan(path);
    }
    if (username === 'xiqu-staff' || username === 'xiqu-leader') {
      await page.goto(`${harness.baseUrl}/events/new`);
      await scan('/events/new');
    }
    expect(found).toEqual({});
    await context.close();
  }, 180_000);
});
