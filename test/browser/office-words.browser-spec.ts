// Issue 13, done-when: no page a leader, staff, city or admin user opens shows an internal key, an English enum value or
// a table name in the Chinese UI. Every menu route (and the pages one click deeper) is walked per role and its visible
// text searched for snake_case (`outreach_event`), dotted keys (`gpb.total`), kebab-case names (`monthly-brief`) and cron
// expressions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { JobSchedulerService } from '../../apps/api/src/jobs/job-scheduler.service.js';
import { useBrowserHarness, signIn } from '../support/browser.js';

// snake_case, dotted keys, kebab-case names (`monthly-brief`) and raw cron expressions (`* * * * *`).
const INTERNAL = /\b[a-z]+_[a-z]+\b|\b[a-z]+\.[a-z]+\b|\b[a-z]+-[a-z]+\b|(?:[*\d/,-]+ ){4}[*\d/,-]+/g;

// People's user names are theirs to choose (the demo's have hyphens), not keys of ours.
const USERNAMES = new Set(['xiqu-leader', 'xiqu-staff', 'dongqu-staff']);

/**
 * The internal-looking words of the page's visible text. A technical identifier the admin needs beside the words
 * (a job's name and cron for its JOB_…_CRON setting) is set in `.mono`, and left out.
 */
async function internalWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const mono = [...document.querySelectorAll<HTMLElement>('.mono')];
    for (const el of mono) el.style.setProperty('display', 'none');
    const visible = document.body.innerText;
    for (const el of mono) el.style.removeProperty('display');
    return visible;
  });
  return [...new Set(text.match(INTERNAL) ?? [])].filter((word) => !USERNAMES.has(word));
}

describe('No internal words in the Chinese UI, per role (issue 13)', () => {
  // The platform sync's inbox: one file imported by the scheduled job, so that its import (history) and its writes
  // (audit log) are on the admin's pages — recorded under the job's name, shown by its title.
  const inbox = mkdtempSync(join(tmpdir(), 'tianfu-words-inbox-'));
  const harness = useBrowserHarness({ PLATFORM_INBOX_DIR: inbox, PLATFORM_INBOX_SETTLE_SECONDS: '0' });

  beforeAll(async () => {
    writeFileSync(join(inbox, 'deals-2021-11.csv'), '编号,类型,区划代码,成交日期,成交金额(元)\nWORDS-1,科技服务,510403,2021-11-02,1000\n');
    const result = await harness.app.app.get(JobSchedulerService).runNow('platform-sync');
    expect(result).toMatchObject({ status: 'succeeded', rows: 1 });
  });

  afterAll(() => rmSync(inbox, { recursive: true, force: true }));

  it.each(['xiqu-leader', 'xiqu-staff', 'panzhihua', 'admin'])('should show %s no snake_case, dotted or kebab-case key on any page of the menu', async (username) => {
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
