// `npm run bench -- export`: the largest export a user may ask for, on the production path — the
// compiled api in its own process (one worker: the export and everyone else share one event loop,
// the worst case), 400,000 deals of one district and month, the drill-through XLSX and CSV at the
// row limit (EXPORT_MAX_ROWS, 100,000 rows) streamed over HTTP. Meanwhile /api/health is polled
// every 100 ms and another user (the city) keeps asking for panels; the server's RSS is sampled.
// Targets: the file within 60 s, RSS growth < 300 MB, /api/health within 1 s throughout, panels
// close to their usual time. Writes bench/results/export.json. Needs `npm run build:api`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openBenchDatabase, percentile, round } from './bench-db.mjs';
import { loginAs, rssMiB, startApi, stopChild } from './bench-server.mjs';

const log = (message) => console.log(`[bench:export ${new Date().toISOString().slice(11, 19)}] ${message}`);
const ROWS = 400_000;
const LIMIT = 100_000;

const db = await openBenchDatabase('tianfu_bench_export');
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, postgres: db.serverVersion, server: db.server, loadAvg1mBefore: round(loadavg()[0], 2) },
  notCovered: 'one api worker (production runs one per core, so other users usually land on the other worker); loopback, one client at a time per role; the export of the events list (paged, same writer) is not measured here',
};
let api = null;
try {
  log('starting the api (demo data)');
  api = await startApi({ DATABASE_URL: db.url, DEMO_DATA: 'true', JOBS_ENABLED: 'false', WEB_CONCURRENCY: '1', EXPORT_MAX_ROWS: String(LIMIT) });
  log(`loading ${ROWS.toLocaleString()} deals of West District in 2019-06`);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`SET session_replication_role = replica`);
  await client.query(
    `INSERT INTO deal (source, kind, external_id, division_code, deal_date, amount, title, demander, provider)
     SELECT 'bulk', CASE WHEN n <= ${LIMIT} THEN 'research_project' ELSE 'tech_service' END, 'BULK-' || n, '510403',
            DATE '2019-06-01' + (n % 30), (n % 100000) / 100.0 + 1, '大批量成交第' || n || '项', '需求方' || (n % 97), '服务方' || (n % 89)
     FROM generate_series(1, ${ROWS}) AS n`,
  );
  await client.query(`SET session_replication_role = DEFAULT; ANALYZE deal`);
  await client.end();

  const leader = { authorization: `Bearer ${await loginAs(api.base, 'xiqu-leader')}` };
  const city = { authorization: `Bearer ${await loginAs(api.base, 'panzhihua')}` };
  const timed = async (path, headers = {}) => {
    const started = performance.now();
    const response = await fetch(`${api.base}${path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return performance.now() - started;
  };
  const panel = (year, i) => `/api/v1/panels/monthly?division=510400&month=${year}-${String((i % 12) + 1).padStart(2, '0')}`;
  const summary = (samples) => ({ count: samples.length, p50Ms: round(percentile(samples, 50), 1), p95Ms: round(percentile(samples, 95), 1), maxMs: round(Math.max(...samples), 1) });

  log('baseline: health and city panels with nothing else running');
  const baseHealth = [];
  const basePanels = [];
  for (let i = 0; i < 24; i++) {
    baseHealth.push(await timed('/api/health'));
    basePanels.push(await timed(panel(2024, i), city));
  }
  const rssIdle = rssMiB(api.child.pid);

  const refusedStarted = performance.now();
  const refused = await fetch(`${api.base}/api/v1/panels/facts?division=510403&month=2019-06&metric=deals.total.count&format=xlsx`, { headers: leader });
  const refusedMs = performance.now() - refusedStarted;
  const refusedBody = await refused.json();

  const exportOnce = async (format) => {
    let running = true;
    const health = [];
    const panels = [];
    let peakRss = rssIdle ?? 0;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMiB(api.child.pid) ?? 0); }, 100);
    const healthLoop = (async () => {
      while (running) {
        health.push(await timed('/api/health'));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const panelLoop = (async () => {
      for (let i = 0; running; i++) panels.push(await timed(panel(2025 - (format === 'csv' ? 1 : 0) - Math.floor(i / 12), i), city));
    })();
    const started = performance.now();
    const response = await fetch(`${api.base}/api/v1/panels/facts?division=510403&month=2019-06&metric=deals.research_project.count&format=${format}`, { headers: leader });
    let bytes = 0;
    for await (const chunk of response.body) bytes += chunk.length;
    const seconds = (performance.now() - started) / 1000;
    running = false;
    clearInterval(sampler);
    await Promise.all([healthLoop, panelLoop]);
    log(`${format}: ${round(seconds, 1)} s, ${bytes.toLocaleString()} bytes, health max ${round(Math.max(...health), 0)} ms, RSS +${round(peakRss - (rssIdle ?? 0), 0)} MiB`);
    return { status: response.status, seconds: round(seconds, 2), bytes, health: summary(health), cityPanels: summary(panels), peakRssMiB: round(peakRss, 0), rssGrowthMiB: round(peakRss - (rssIdle ?? 0), 0) };
  };

  log(`XLSX of ${LIMIT.toLocaleString()} rows`);
  const xlsx = await exportOnce('xlsx');
  log(`CSV of ${LIMIT.toLocaleString()} rows`);
  const csv = await exportOnce('csv');

  Object.assign(results, {
    rows: { inMonth: ROWS, exported: LIMIT },
    baseline: { health: summary(baseHealth), cityPanels: summary(basePanels), rssMiB: rssIdle && round(rssIdle, 0) },
    overLimit: { status: refused.status, code: refusedBody.code, ms: round(refusedMs, 1) },
    xlsx,
    csv,
    targets: {
      fileWithin60s: xlsx.seconds < 60 && csv.seconds < 60,
      rssGrowthUnder300MiB: xlsx.rssGrowthMiB < 300 && csv.rssGrowthMiB < 300,
      healthWithin1s: xlsx.health.maxMs < 1000 && csv.health.maxMs < 1000,
    },
  });
  results.machine.loadAvg1mAfter = round(loadavg()[0], 2);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/export.json', JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
  log('written bench/results/export.json');
} finally {
  if (api) await stopChild(api.child);
  await db.close();
}
