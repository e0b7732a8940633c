import { existsSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { type Browser, chromium } from 'playwright-core';
import { fixPdfToUnicode } from './pdf-to-unicode.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];

/**
 * HTML → PDF with headless Chromium (README "The monthly brief" says why Chromium): one browser,
 * started on first use and reused, a fresh page per brief, closed when the app stops. Chromium
 * embeds the subsets of the fonts it used (fonts-noto-cjk), so the text can be searched and copied
 * on a machine without Chinese fonts, and SVG charts stay vectors.
 */
@Injectable()
export class BriefPdfService implements OnApplicationShutdown {
  private readonly logger = new Logger(BriefPdfService.name);
  private browser: Promise<Browser> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  executablePath(): string | null {
    const configured = this.config.briefs.chromePath;
    if (configured) return existsSync(configured) ? configured : null;
    return CANDIDATES.find((path) => existsSync(path)) ?? null;
  }

  async render(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      // The page's own text decides what a shared CJK glyph stands for in the copied text.
      return fixPdfToUnicode(pdf, html);
    } finally {
      await context.close();
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.executablePath();
      if (!executablePath) {
        throw new ServiceUnavailableException({
          statusCode: 503,
          code: 'PDF_RENDERER_UNAVAILABLE',
          message: '服务器未安装 Chromium，暂时无法生成 PDF；请安装 chromium 和 fonts-noto-cjk，或设置 CHROME_PATH。简报网页版仍可查看。',
          messageEn: 'No Chromium is installed on the server, so the PDF cannot be made; install chromium and fonts-noto-cjk or set CHROME_PATH. The brief page still works.',
        });
      }
      const launching = chromium.launch({
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      this.browser = launching;
      launching.then(
        (browser) => browser.on('disconnected', () => { if (this.browser === launching) this.browser = null; }),
        (error) => { this.logger.error({ err: error }, 'Chromium did not start'); if (this.browser === launching) this.browser = null; },
      );
    }
    return this.browser;
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }
}
