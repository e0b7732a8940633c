// npm run bench -- load — closed-loop keep-alive load against the province-scale database that
// bench:panels leaves with BENCH_KEEP_DB=1 (183 divisions, 10 M deals): C clients, each on its own
// keep-alive connection, send a request, wait for the answer and send the next, for a fixed time.
// Targets, in one run: the county panel (1,000 division-months in turn), the province panel (60
// months in turn), the floor (GET /api/v1/divisions/:code) and a bare Node http server answering a
// constant body of the county panel's size, at 1, 8, 32 and 64 clients each.
// The api runs as in production (`node dist/…/main.js`, WEB_CONCURRENCY workers, default one per
// CPU); the bare server runs as many workers. Loopback only; bounded in time (BENCH_LOAD_SECONDS per
// run, ~4 min in all) and in requests (BENCH_LOAD_MAX_REQUESTS per run).
// BENCH_CPU_PROFILE=1: instead, profiles one api worker (node --cpu-prof) under 32 clients of county
// panels and writes the top frames to bench/results/panel-cpu-profile.json.
// Writes bench/results/load.json. Needs `npm run build:api` (npm run bench builds it).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openBenchDatabase, percentile, round } from './bench-db.mjs';
import { freePort, MAIN, stopChild, waitForHttp } from './bench-server.mjs';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const WARM_UP_SECONDS = 2;
const MAX_REQUESTS = Number(process.env.BENCH_LOAD_MAX_REQUESTS ?? 200_000);
const CLIENTS = (process.env.BENCH_LOAD_CLIENTS ?? '1,8,32,64').split(',').map(Number);
const TARGETS = (process.env.BENCH_LOAD_TARGETS ?? 'county-panel,province-panel,floor,bare').split(',');
const WORKERS = Number(process.env.WEB_CONCURRENCY ?? cpus().length);
const PROFILE = process.env.BENCH_CPU_PROFILE === '1';
const MONTHS = Array.from({ length: 60 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const log = (...args) => console.log(`[bench:load ${new Date().toISOString().slice(11, 19)}]`, ...args);

// A bare Node http server in its own processes (as many workers as the api): the ceiling of
// what any Node HTTP server answers on this machine with this body.
const BARE_SERVER = `
  const cluster = require('node:cluster'); const http = require('node:http');
  const workers = Number(process.env.WORKERS), size = Number(process.env.BODY_BYTES);
  if (cluster.isPrimary && workers > 1) {
    for (let i = 0; i < workers; i++) cluster.fork();
    process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers)) w.kill('SIGTERM'); setTimeout(() => process.exit(0), 200); });
  } else {
    const body = Buffer.from(JSON.stringify({ data: 'x'.repeat(Math.max(0, size - 12)) }));
    http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }); res.end(body); })
      .listen(Number(process.env.PORT), '127.0.0.1');
    process.on('SIGTERM', () => process.exit(0));
  }`;

/** C clients in a closed loop for `seconds`; latencies of the answers that came in that time. */
async function closedLoop(port, clients, seconds, pathOf, headers, warmUpRequests = 0) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const samples = [];
  let errors = 0;
  let sent = 0;
  let measuring = false;
  let stop = false;
  const one = (path) =>
    new Promise((resolve) => {
      const start = performance.now();
      http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - start : -1));
      }).on('error', () => resolve(-1));
    });
  const client = async () => {
    while (!stop) {
      const latency = await one(pathOf(sent++));
      if (!measuring) continue;
      if (latency < 0) errors++;
      else samples.push(latency);
      if (samples.length + errors >= MAX_REQUESTS) stop = true;
    }
  };
  const loops = Array.from({ length: clients }, client);
  if (warmUpRequests > 0) {
    while (sent < warmUpRequests) await new Promise((resolve) => setTimeout(resolve, 50));
  } else {
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_SECONDS * 1000));
  }
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => {
    const end = performance.now() + seconds * 1000;
    const check = setInterval(() => {
      if (stop || performance.now() >= end) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  const ended = performance.now();
  const elapsed = (ended - started) / 1000;
  stop = true;
  measuring = false;
  await Promise.all(loops);
  agent.destroy();
  return {
    window: { started, ended },
    clients, seconds: round(elapsed), requests: samples.length, rps: round(samples.length / elapsed, 0),
    p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)), errors,
  };
}

const db = await openBenchDatabase('tianfu_bench_panels', { keep: true });
const children = [];
const temporary = [];
let exitCode = 0;
try {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const loaded = db.reused && (await client.query(`SELECT to_regclass('bench_loaded') IS NOT NULL AS done`)).rows[0].done;
  if (!loaded) {
    await client.end();
    throw new Error('no province-scale database to load: run `BENCH_KEEP_DB=1 npm run bench -- panels` first (with DATABASE_URL), it keeps tianfu_bench_panels');
  }
  const counties = (await client.query(`SELECT code FROM division WHERE level = 'county' ORDER BY code`)).rows.map((r) => r.code);
  await client.end();

  const port = await freePort();
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'tianfu-cpu-prof-')) : null;
  log(PROFILE ? 'starting one api worker with --cpu-prof' : `starting the api (${WORKERS} workers)`);
  const api = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), MAIN], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, DEMO_DATA: 'true', JOBS_ENABLED: 'false', LOG_LEVEL: 'warn',
      NODE_ENV: 'development', WEB_CONCURRENCY: String(PROFILE ? 1 : WORKERS), AUTH_SESSION_CACHE_SECONDS: '30',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(api);
  await waitForHttp(port, '/api/health', api);
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) });
  const token = (await login.json()).accessToken;
  const headers = { authorization: `Bearer ${token}` };
  const county = (i) => `/api/v1/panels/monthly?division=${counties[(i * 37) % counties.length]}&month=${MONTHS[(i * 11) % 60]}`;
  const paths = {
    'county-panel': (i) => county(i % 1000),
    'province-panel': (i) => `/api/v1/panels/monthly?division=510000&month=${MONTHS[(i * 7) % 60]}`,
    floor: (i) => `/api/v1/divisions/${counties[(i * 37) % counties.length]}`,
    bare: () => '/',
  };
  // Steady state: every panel the runs ask for is computed once per worker before they start (each
  // worker caches its own; which worker answers is the cluster's round robin, so a few passes).
  log('warming the panel caches (each county and province panel of the runs, on every worker)');
  const warm = [...new Set([...Array.from({ length: 1000 }, (_, i) => paths['county-panel'](i)), ...MONTHS.map((_, i) => paths['province-panel'](i))])];
  await closedLoop(port, 8, 0, (i) => warm[i % warm.length], headers, warm.length * ((PROFILE ? 1 : WORKERS) + 1));
  const bodyBytes = (await (await fetch(`http://127.0.0.1:${port}${county(0)}`, { headers })).arrayBuffer()).byteLength;

  if (PROFILE) {
    log('profiling: 32 clients of county panels');
    const { window, ...run } = await closedLoop(port, 32, SECONDS * 2, paths['county-panel'], headers);
    await stopChild(api);
    const exited = performance.now();
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    // Only the samples of the measured window (not the boot, the warm-up or the shutdown): the
    // profile ends when the process exits, so the window is counted back from its end.
    const summary = summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), (exited - window.started) * 1000, (exited - window.ended) * 1000);
    rmSync(profileDir, { recursive: true, force: true });
    const out = { date: new Date().toISOString(), note: 'one api worker (WEB_CONCURRENCY=1) under 32 closed-loop clients of county panels, caches warm (every panel of the run computed once before); self time per frame and per package; the load generator and PostgreSQL share the two cores', run, ...summary };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/panel-cpu-profile.json', JSON.stringify(out, null, 2) + '\n');
    console.log(JSON.stringify(out, null, 2));
  } else {
    const barePort = await freePort();
    // A file, not `node -e`: the cluster module forks the primary's script.
    const bareDir = mkdtempSync(join(tmpdir(), 'tianfu-bare-'));
    writeFileSync(join(bareDir, 'bare-server.cjs'), BARE_SERVER);
    const bare = spawn(process.execPath, [join(bareDir, 'bare-server.cjs')], { env: { ...process.env, PORT: String(barePort), WORKERS: String(WORKERS), BODY_BYTES: String(bodyBytes) }, stdio: 'inherit' });
    children.push(bare);
    temporary.push(bareDir);
    await waitForHttp(barePort, '/', bare);
    const runs = [];
    // Each number of clients drives every target in turn, so the panel and the bare server it is compared
    // with are measured a minute apart at most, not minutes apart (this machine drifts by tens of per cent).
    for (const clients of CLIENTS) {
      for (const target of TARGETS) {
        const { window: _, ...run } = await closedLoop(target === 'bare' ? barePort : port, clients, SECONDS, paths[target], target === 'bare' ? {} : headers);
        log(target, `${clients} clients:`, `${run.rps} req/s, p50 ${run.p50} ms, p95 ${run.p95} ms, p99 ${run.p99} ms, errors ${run.errors}`);
        runs.push({ target, ...run });
      }
    }
    const rpsOf = (target, clients) => runs.find((r) => r.target === target && r.clients === clients)?.rps;
    const best = (target) => Math.max(...runs.filter((r) => r.target === target).map((r) => r.rps));
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, postgres: db.serverVersion, server: db.server, loadAverageAtEnd: loadavg().map((l) => round(l)) },
      setup: { apiWorkers: WORKERS, bareWorkers: WORKERS, secondsPerRun: SECONDS, warmUpSeconds: WARM_UP_SECONDS, bodyBytes, divisions: counties.length, client: 'Node http, one keep-alive connection per client, in this process (it shares the cores with the servers)' },
      note: 'The load generator (Node http, in this process) shares the two cores with the servers; figures move by tens of per cent between runs on this kind of machine: compare runs of the same session only.',
      runs,
      summary: {
        countyPanelBestRps: best('county-panel'), bareBestRps: best('bare'), floorBestRps: best('floor'),
        countyPanelVsBare: round(best('county-panel') / best('bare')),
        // The same ratio at each number of clients, both measured side by side.
        countyPanelVsBareByClients: Object.fromEntries(CLIENTS.filter((c) => rpsOf('county-panel', c) && rpsOf('bare', c)).map((c) => [c, round(rpsOf('county-panel', c) / rpsOf('bare', c))])),
        countyPanelP99At32: runs.find((r) => r.target === 'county-panel' && r.clients === 32)?.p99 ?? null,
        provincePanelP95At1: runs.find((r) => r.target === 'province-panel' && r.clients === 1)?.p95 ?? null,
      },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/load.json', JSON.stringify(results, null, 2) + '\n');
    log('written bench/results/load.json');
    console.log(JSON.stringify(results.summary, null, 2));
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const child of children) await stopChild(child);
  for (const path of temporary) rmSync(path, { recursive: true, force: true });
  log('tianfu_bench_panels is left in place for the next run (DROP DATABASE tianfu_bench_panels when done)');
  await db.close();
  process.exitCode = exitCode;
}

/** Self time per function and per package (node_modules/<name>, node internals, our code) of a .cpuprofile. */
function summariseProfile(profile, fromEndUs, toEndUs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000; // ms per sample
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < profile.endTime - fromEndUs || at > profile.endTime - toEndUs) return;
    self.set(id, (self.get(id) ?? 0) + 1);
    total++;
  });
  const frames = new Map();
  const packages = new Map();
  const packageOf = (url) => {
    if (!url) return '(native / V8)';
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
    const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (m) return m[1];
    if (url.includes('/dist/apps/api/libs/')) return 'our libs (kpi-core, contracts)';
    if (url.includes('/dist/apps/api/')) return 'our api code';
    return url;
  };
  for (const [id, hits] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
      packages.set(name, (packages.get(name) ?? 0) + hits);
      frames.set(name, (frames.get(name) ?? 0) + hits);
      continue;
    }
    const where = callFrame.url ? `${callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\/apps\/api\//, '')}:${callFrame.lineNumber + 1}` : '';
    const key = `${name} ${where}`.trim();
    frames.set(key, (frames.get(key) ?? 0) + hits);
    const pkg = packageOf(callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + hits);
  }
  const busy = total - (packages.get('(idle)') ?? 0);
  const table = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([what, hits]) => ({ what, ms: round(hits * interval), shareOfBusy: what === '(idle)' ? null : round(hits / busy, 3) }));
  return { sampledMs: round(total * interval), busyMs: round(busy * interval), topPackages: table(packages, 25), topFrames: table(frames, 40) };
}
