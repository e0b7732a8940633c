// `npm test`: the whole suite on a fresh clone. Type-check, lint, build the app the browser tests
// drive, make sure a system Chromium exists, then jest's three projects (unit, e2e, browser).
// Ends with one plain line "N passed, N failed" (jest tests plus the steps before them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, CHROMIUM_INSTALL_HINT } from '../test/support/chromium-path.mjs';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0;
let passed = 0;
let failed = 0;
const finish = () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};

for (const [name, script] of [['typecheck', 'typecheck'], ['lint', 'lint'], ['build', 'build']]) {
  console.log(`\n▶ ${name}`);
  if (run('npm', ['run', '--silent', script])) passed++;
  else {
    console.error(`✗ ${name} failed`);
    failed++;
    finish();
  }
}

if (!findChromium()) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log('\n▶ No Chromium found: installing Debian’s chromium with apt-get (browser tests need it)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!findChromium()) {
    console.error(`✗ The browser tests need Chromium. Install it with:\n    ${CHROMIUM_INSTALL_HINT}\n  or set CHROME_PATH to a Chrome/Chromium binary.`);
    failed++;
    finish();
  }
}

mkdirSync('.data', { recursive: true });
const results = '.data/jest-results.json';
rmSync(results, { force: true });
console.log('\n▶ jest (unit, e2e, browser)');
run(process.execPath, ['scripts/jest.mjs', '--json', `--outputFile=${results}`, ...process.argv.slice(2)]);
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  if (!summary.success && summary.numFailedTests === 0 && summary.numRuntimeErrorTestSuites === 0) failed++;
} else {
  failed++;
}
finish();
