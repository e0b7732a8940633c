// `npm run bench -- brief`: the monthly brief end to end on the demo data — figures gathered from
// the panel, ranking, budget and event services, stored, rendered to PDF by headless Chromium.
// One brief (target < 3 s) and a city with its five districts (target < 30 s), each with a warm
// browser (the first render starts Chromium, reported apart). Writes bench/results/brief.json.
// Needs `npm run build:api` first (uses the compiled app); Chromium from CHROME_PATH or /usr/bin.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openBenchDatabase, round } from './bench-db.mjs';

const dist = new URL('../dist/apps/api/apps/api/src/', import.meta.url);
const { loadConfig } = await import(new URL('config/app-config.js', dist));
const { createApp } = await import(new URL('bootstrap.js', dist));
const { BriefsService } = await import(new URL('briefs/briefs.service.js', dist));
const { MonthlyCloseJob } = await import(new URL('ranking/jobs/monthly-close.job.js', dist));
const { DivisionScope } = await import(new URL('auth/division-scope.js', dist));

const log = (message) => console.log(`[brief] ${message}`);
const CITY = '510400';
const COUNTIES = ['510402', '510403', '510411', '510421', '510422'];

const db = await openBenchDatabase('tianfu_bench_brief');
const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, postgres: db.serverVersion, server: db.server, loadAvg1mBefore: round(loadavg()[0], 2) } };
try {
  const config = loadConfig({ DATABASE_URL: db.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', NODE_ENV: 'test' });
  log('loading the demo data');
  const running = await createApp(config);
  await running.app.get(MonthlyCloseJob).handle();
  const briefs = running.app.get(BriefsService);
  const scope = DivisionScope.unrestricted('admin', '510000');
  const now = new Date();
  // The month before this one in Beijing time: the one the monthly close has just closed.
  const lastMonth = (() => { const d = new Date(now.getTime() + 8 * 3600_000); d.setUTCDate(1); d.setUTCMonth(d.getUTCMonth() - 1); return d.toISOString().slice(0, 7); })();

  const one = async (division) => {
    const t0 = performance.now();
    const { id } = await briefs.issue(division, lastMonth, 'bench');
    const t1 = performance.now();
    const { bytes } = await briefs.pdfOf(scope, id, 'zh');
    const t2 = performance.now();
    return { division, issueMs: round(t1 - t0, 1), pdfMs: round(t2 - t1, 1), totalMs: round(t2 - t0, 1), pdfBytes: bytes.length, bytes };
  };

  log('cold: first brief (starts Chromium)');
  const cold = await one('510403');
  writeFileSync('/tmp/brief-bench-510403.pdf', cold.bytes);
  log(`cold ${cold.totalMs} ms (pdf ${cold.pdfMs} ms, ${cold.pdfBytes} bytes)`);

  const single = [];
  for (let i = 0; i < 5; i++) single.push(await one('510403'));
  const sorted = single.map((r) => r.totalMs).sort((a, b) => a - b);
  log(`one brief, warm: median ${sorted[2]} ms, max ${sorted[4]} ms`);

  const t0 = performance.now();
  const city = [];
  for (const division of [CITY, ...COUNTIES]) city.push(await one(division));
  const cityMs = round(performance.now() - t0, 1);
  writeFileSync('/tmp/brief-bench-510400.pdf', city[0].bytes);
  log(`city and its five districts: ${cityMs} ms`);

  results.month = lastMonth;
  results.coldFirstBrief = { ...cold, bytes: undefined };
  results.oneBrief = { runs: single.map(({ bytes, ...r }) => (void bytes, r)), medianMs: sorted[2], maxMs: sorted[4], targetMs: 3000, met: sorted[4] < 3000 };
  results.cityAndDistricts = { totalMs: cityMs, briefs: city.map(({ bytes, ...r }) => (void bytes, r)), targetMs: 30000, met: cityMs < 30000 };
  results.largestPdfBytes = Math.max(cold.pdfBytes, ...single.map((r) => r.pdfBytes), ...city.map((r) => r.pdfBytes));
  results.machine.loadAvg1mAfter = round(loadavg()[0], 2);
  await running.close();
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/brief.json', JSON.stringify(results, null, 2) + '\n');
  log('written bench/results/brief.json');
} finally {
  await db.close();
}
