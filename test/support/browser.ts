import { type AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { findChromium, CHROMIUM_INSTALL_HINT } from './chromium-path.mjs';
import { startTestApp, type TestApp } from './test-app.js';

export interface BrowserHarness {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh context and page; `locale` 'en…' also switches the app to English. */
  newPage(options?: { width?: number; height?: number; locale?: string }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

/** The built app on a free port of this machine (`env`: settings of its configuration), and a headless system Chromium to drive it. */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found. Install it with: ${CHROMIUM_INSTALL_HINT} (or set CHROME_PATH)`);
  const app = await startTestApp(env);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      // An English browser gets the English UI from the first page on (the app keeps its language in localStorage).
      if (options.locale?.startsWith('en')) await context.addInitScript(() => localStorage.setItem('tianfu-kpi.locale', 'en'));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      return { page, context, errors };
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * One harness for a test file, started before its tests and closed after them: call it at the top of a
 * `describe`. The returned object reads the running harness (its app, address, browser and pages), so a
 * test uses it as it would the harness itself.
 */
export function useBrowserHarness(env: Record<string, string> = {}): BrowserHarness {
  let started: BrowserHarness | undefined;
  beforeAll(async () => {
    started = await startBrowserHarness(env);
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  const running = (): BrowserHarness => {
    if (!started) throw new Error('the browser harness is used before it started (use it inside a hook or a test)');
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    get browser() {
      return running().browser;
    },
    newPage: (options) => running().newPage(options),
    close: () => running().close(),
  };
}

/** Fills and submits the login form (without waiting: the answer may be an error). */
export async function submitSignIn(page: Page, baseUrl: string, username: string, password = 'demo1234'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder(/请输入用户名|Enter your username/).fill(username);
  await page.getByPlaceholder(/请输入密码|Enter your password/).fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in and waits until the app has left the login page. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'demo1234'): Promise<void> {
  await submitSignIn(page, baseUrl, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}
