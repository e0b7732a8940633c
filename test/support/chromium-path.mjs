import { existsSync } from 'node:fs';

export const CHROMIUM_INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];

/** A system Chromium or Chrome (never one downloaded by a test tool): CHROME_PATH first. */
export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}
