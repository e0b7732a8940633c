// `npm test`: the whole suite on a fresh clone. Type-check, lint, build the app the browser tests
// drive, make sure a system Chromium exists, then jest's three projects (unit, e2e, browser).
// Ends with one plain line "N passed, N failed" (jest tests plus the steps before them).
//
// Every step runs under a time limit in its own process group: a step that hangs is killed,
// counted as failed and named, with the test files that were still running, instead of
// holding CI until its own timeout cuts the log off with no word of where it stopped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, CHROMIUM_INSTALL_HINT } from '../test/support/chromium-path.mjs';
import { PROGRESS_FILE } from '../test/support/progress-reporter.mjs';

const MINUTE = 60_000;
const limitMinutes = (name, fallback) => Number(process.env[`TEST_${name}_TIMEOUT_MINUTES`] ?? fallback);
const STEP_LIMIT = limitMinutes('STEP', 10);
const JEST_LIMIT = limitMinutes('JEST', 40);
// Once jest has written its results it should exit at once; open handles would keep it alive.
const EXIT_GRACE_MS = 30_000;

const startedAt = Date.now();
const elapsed = () => `${Math.round((Date.now() - startedAt) / 1000)} s`;
let passed = 0;
let failed = 0;
const finish = () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};

/**
 * Runs a command in its own process group and resolves with its outcome:
 * 'ok', 'failed', or 'timeout' (the whole group was killed after `limitMs`).
 * `doneWhen`, when given, is polled: once it holds, the command has `EXIT_GRACE_MS` to exit.
 */
function run(command, args, { limitMs = STEP_LIMIT * MINUTE, env = process.env, doneWhen } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, detached: true });
    let outcome = null;
    const killGroup = (why) => {
      outcome = why;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => killGroup('timeout'), limitMs);
    let graceTimer = null;
    const poll = doneWhen
      ? setInterval(() => {
          if (graceTimer || !doneWhen()) return;
          graceTimer = setTimeout(() => killGroup('lingered'), EXIT_GRACE_MS);
        }, 1000)
      : null;
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      clearInterval(poll);
      resolve(outcome ?? (code === 0 ? 'ok' : 'failed'));
    });
  });
}

// The web build prints warnings only here: its list of every asset would bury the test output.
const STEPS = [
  ['typecheck', [['run', '--silent', 'typecheck']]],
  ['lint', [['run', '--silent', 'lint']]],
  ['build', [['run', '--silent', 'build:api'], ['run', '--silent', 'build:web', '--', '--logLevel', 'warn']]],
];
for (const [name, commands] of STEPS) {
  console.log(`\n▶ ${name} (at ${elapsed()})`);
  let outcome = 'ok';
  for (const args of commands) if (outcome === 'ok') outcome = await run('npm', args);
  if (outcome === 'ok') passed++;
  else {
    console.error(outcome === 'timeout' ? `✗ ${name} did not finish within ${STEP_LIMIT} min` : `✗ ${name} failed`);
    failed++;
    finish();
  }
}

if (!findChromium()) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log(`\n▶ No Chromium found: installing Debian’s chromium with apt-get (browser tests need it) (at ${elapsed()})…`);
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env: aptEnv });
    await run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { env: aptEnv });
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
rmSync(PROGRESS_FILE, { force: true });
console.log(`\n▶ jest (unit, e2e, browser) (at ${elapsed()})`);
const jestOutcome = await run(
  process.execPath,
  [
    // Two workers even on two cores (jest's default would be one): the e2e and browser files spend
    // most of their time waiting on PostgreSQL and Chromium, and a whole run takes ~40% less.
    'scripts/jest.mjs', '--json', `--outputFile=${results}`, `--maxWorkers=${process.env.TEST_WORKERS ?? 2}`,
    '--reporters=default', '--reporters=<rootDir>/test/support/progress-reporter.mjs',
    ...process.argv.slice(2),
  ],
  { limitMs: JEST_LIMIT * MINUTE, doneWhen: () => existsSync(results) },
);
if (jestOutcome === 'timeout') {
  const running = existsSync(PROGRESS_FILE) ? JSON.parse(readFileSync(PROGRESS_FILE, 'utf8')).running : [];
  console.error(`✗ jest did not finish within ${JEST_LIMIT} min; still running: ${running.length ? running.join(', ') : '(none recorded)'}`);
  failed++;
} else if (jestOutcome === 'lingered') {
  // Every result is in; only the exit hung. Say so loudly, but the tests' verdict stands.
  console.error(`⚠ jest wrote its results but did not exit within ${EXIT_GRACE_MS / 1000} s (open handles): killed`);
}
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  if (!summary.success && summary.numFailedTests === 0 && summary.numRuntimeErrorTestSuites === 0) failed++;
} else if (jestOutcome !== 'timeout') {
  failed++;
}
console.log(`\n▶ done (at ${elapsed()})`);
finish();
