// Streaming ingestion benchmark (`npm run bench:ingest`): generates a 1,000,000-row deals CSV on
// disk, imports it through ImportsService.importPath (the one import path, a file on disk as its input: streamed CSV parse → per-row validation →
// COPY into the staging table → one set-based merge, one transaction), then loads the same file
// with a plain server-side COPY into an empty copy of the deal table (same indexes). Samples the
// process RSS every 50 ms. Uses the compiled api in dist/ and DATABASE_URL's server (a scratch
// database, dropped afterwards) or an embedded PostgreSQL. Writes bench/results/ingest.json.
// BENCH_SIZES (default 1000000) may list more sizes, e.g. 10000,100000,1000000.
// Each size is then re-imported as the monthly back-office dump overlapping the last one: the same
// number of rows, of which 90 % are already stored unchanged, 5 % changed (same id, another amount)
// and 5 % new — the merge path — with its own ratio to plain COPY of that file (`monthly` in each run).
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openBenchDatabase } from './bench-db.mjs';

// BENCH_DIST / BENCH_OUT: another compiled api and result file (A/B runs without touching dist/ or the committed result).
const DIST = resolve(process.env.BENCH_DIST ?? 'dist/apps/api/apps/api/src');
const SIZES = (process.env.BENCH_SIZES ?? '1000000').split(',').map(Number);
const OUT = resolve(process.env.BENCH_OUT ?? 'bench/results/ingest.json');

if (!existsSync(join(DIST, 'imports/imports.service.js'))) {
  console.error('No compiled api in dist/: run `npm run build:api` first.');
  process.exit(1);
}
const load = (path) => import(pathToFileURL(join(DIST, path)).href);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const load1 = () => +loadavg()[0].toFixed(2);

let peakRss = 0;
// What the RSS was made of at its highest sample (V8 heap, Buffers and other external memory).
let peakUsage = null;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > peakRss) {
    peakRss = usage.rss;
    if (!peakUsage || usage.rss > peakUsage.rss) peakUsage = usage;
  }
}, 50);

const KINDS = ['tech_service', 'achievement_transfer', 'research_project'];
const DIVISIONS = ['510402', '510403', '510411', '510421', '510422'];
const HEADER = '编号,类型,区划代码,成交日期,成交金额(元),需求方,服务方,名称\n';

// Row i of the first file; `id` and `cents` let the monthly file change a row or add new ones.
const dealLine = (count, i, id = `S${count}-${String(i + 1).padStart(7, '0')}`, cents = i % 100) =>
  `${id},${KINDS[i % 3]},${DIVISIONS[i % 5]},` +
  `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${1000 + (i % 997) * 37}.${String(cents).padStart(2, '0')},` +
  `攀枝花需求方${i % 101},服务方${i % 53},钒钛技术服务 第${i + 1}项\n`;

// The monthly dump: rows 0–90 % as stored, 90–95 % changed (another amount), 95–100 % new ids.
const monthlyLine = (count, i) =>
  i < count * 0.9 ? dealLine(count, i)
  : i < count * 0.95 ? dealLine(count, i, undefined, (i % 100 + 1) % 100)
  : dealLine(count, i, `M${count}-${String(i + 1).padStart(7, '0')}`);

// The same file feeds both loads, so the kinds are written in English (the importer accepts both).
async function writeDealsCsv(path, count, line = dealLine) {
  const out = createWriteStream(path);
  out.write(HEADER);
  for (let start = 0; start < count; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(count, start + 10_000); i++) chunk += line(count, i);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  chmodSync(path, 0o644);
}

async function main() {
  const loadAtStart = load1();
  const database = await openBenchDatabase(`tianfu_bench_stream_${process.pid}`);
  const scratch = mkdtempSync(join(tmpdir(), 'tianfu-bench-stream-'));
  chmodSync(scratch, 0o755);
  let running;
  try {
    const { loadConfig } = await load('config/app-config.js');
    const { createApp } = await load('bootstrap.js');
    const { ImportsService } = await load('imports/imports.service.js');
    const { DivisionScope } = await load('auth/division-scope.js');
    const parsing = await load('imports/parsing/index.js');
    running = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, DEMO_DATA: 'false', JOBS_ENABLED: 'false', LOG_LEVEL: 'silent' }));
    const service = running.app.get(ImportsService);
    // Where the time goes, part 2: the phases of one import, timed from outside the service.
    const { PlatformFactsService } = await load('platform/platform-facts.service.js');
    const { FactsChangedNotifier } = await load('common/facts-changed.notifier.js');
    const marks = {};
    // Peak RSS per phase: the running peak is read and restarted at each mark.
    const phasePeaks = {};
    const now = (phase) => {
      if (phase) {
        phasePeaks[phase] = mb(Math.max(peakRss, process.memoryUsage().rss));
        peakRss = process.memoryUsage().rss;
      }
      return Number(process.hrtime.bigint()) / 1e9;
    };
    const facts = running.app.get(PlatformFactsService);
    const writeFacts = facts.writeFacts.bind(facts);
    facts.writeFacts = async (manager, dataset, source, batchId, rows) => {
      marks.writeStart = now('headerAndBatch');
      const afterStaged = rows.afterStaged;
      rows.afterStaged = async (staged) => {
        marks.staged = now('streamParseValidateAndCopyToStaging');
        await afterStaged(staged);
        marks.checked = now('duplicateCheckInStaging');
      };
      const outcome = await writeFacts(manager, dataset, source, batchId, rows);
      marks.written = now('mergeIntoDealAndAudit');
      return outcome;
    };
    const notifier = running.app.get(FactsChangedNotifier);
    const emit = notifier.emit.bind(notifier);
    notifier.emit = async (...args) => {
      marks.emitStart = now();
      peakRss = process.memoryUsage().rss;
      await emit(...args);
      marks.emitted = now('kpiRollupRefresh');
    };
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const scope = DivisionScope.unrestricted('admin', '510000');
    const importer = { id: null, name: 'bench', divisionCode: '510000' };

    // The monthly case: a dump overlapping the stored rows goes through the merge (existing keys
    // joined, changed rows updated with their old values audited, new ones inserted).
    async function monthlyReimport(size) {
      const file = join(scratch, `deals-${size}-monthly.csv`);
      await writeDealsCsv(file, size, monthlyLine);
      const bytes = statSync(file).size;
      for (const key of Object.keys(marks)) delete marks[key];
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      peakRss = rssBefore;
      for (const key of Object.keys(phasePeaks)) delete phasePeaks[key];
      const loadBefore = load1();
      const started = process.hrtime.bigint();
      marks.start = now();
      const result = await service.importPath({ dataset: 'deals', mode: 'all-or-nothing', source: 'inbox', fileName: `deals-${size}-monthly.csv`, path: file, limits: { maxFileBytes: bytes, maxRows: size }, importer, scope });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      marks.end = now('finishAndCommit');
      const peak = Math.max(...Object.values(phasePeaks)) * 1024 * 1024;
      const span = (from, to) => (marks[from] !== undefined && marks[to] !== undefined ? +(marks[to] - marks[from]).toFixed(2) : null);
      const expected = { unchanged: size * 0.9, updated: size * 0.05, inserted: size * 0.05 };
      if (result.unchanged !== expected.unchanged || result.updated !== expected.updated || result.inserted !== expected.inserted) {
        throw new Error(`monthly re-import of ${size}: ${JSON.stringify({ unchanged: result.unchanged, updated: result.updated, inserted: result.inserted })}, expected ${JSON.stringify(expected)}`);
      }
      const table = `deal_copy_monthly_${size}`;
      await db.query(`CREATE TABLE ${table} (LIKE deal INCLUDING ALL)`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN source SET DEFAULT 'file'`);
      const copyStarted = process.hrtime.bigint();
      await db.query(`COPY ${table} (external_id, kind, division_code, deal_date, amount, demander, provider, title) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
      await db.query(`DROP TABLE ${table}`);
      rmSync(file, { force: true });
      return {
        rows: size, csvBytes: bytes, ...expected,
        import: { seconds: +seconds.toFixed(3), rowsPerSecond: Math.round(size / seconds) },
        plainCopy: { seconds: +copySeconds.toFixed(3), rowsPerSecond: Math.round(size / copySeconds) },
        importVsCopy: +(copySeconds / seconds).toFixed(3),
        importPhasesSeconds: {
          headerAndBatch: span('start', 'writeStart'),
          streamParseValidateAndCopyToStaging: span('writeStart', 'staged'),
          duplicateCheckInStaging: span('staged', 'checked'),
          mergeIntoDealAndAudit: span('checked', 'written'),
          kpiRollupRefresh: span('emitStart', 'emitted'),
          finishAndCommit: span('emitted', 'end'),
        },
        rssBeforeImportMB: mb(rssBefore),
        peakRssDuringImportMB: mb(peak),
        loadAverage1m: { beforeImport: loadBefore, afterCopy: load1() },
      };
    }

    const runs = [];
    for (const size of SIZES) {
      const file = join(scratch, `deals-${size}.csv`);
      const generated = process.hrtime.bigint();
      await writeDealsCsv(file, size);
      const bytes = statSync(file).size;
      console.log(`${size} rows: generated ${mb(bytes)} MB in ${(Number(process.hrtime.bigint() - generated) / 1e9).toFixed(1)} s`);
      // The file is bigger than IMPORT_MAX_BYTES (an upload limit) and has more than 200,000 rows:
      // the limits are passed for this call only.
      const limits = { maxFileBytes: bytes, maxRows: size };

      global.gc?.();
      const rssBeforeImport = process.memoryUsage().rss;
      peakRss = rssBeforeImport;
      peakUsage = null;
      const loadBeforeImport = load1();
      const started = process.hrtime.bigint();
      marks.start = now();
      const result = await service.importPath({ dataset: 'deals', mode: 'all-or-nothing', source: 'inbox', fileName: `deals-${size}.csv`, path: file, limits, importer, scope });
      const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      marks.end = now('finishAndCommit');
      const importPeakUsage = peakUsage;
      const importPeak = Math.max(...Object.values(phasePeaks)) * 1024 * 1024;
      const span = (from, to) => +(marks[to] - marks[from]).toFixed(2);
      const phases = {
        headerAndBatch: span('start', 'writeStart'),
        streamParseValidateAndCopyToStaging: span('writeStart', 'staged'),
        duplicateCheckInStaging: span('staged', 'checked'),
        mergeIntoDealAndAudit: span('checked', 'written'),
        kpiRollupRefresh: span('emitStart', 'emitted'),
        finishAndCommit: span('emitted', 'end'),
      };

      const table = `deal_copy_${size}`;
      await db.query(`CREATE TABLE ${table} (LIKE deal INCLUDING ALL)`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN source SET DEFAULT 'file'`);
      const copyStarted = process.hrtime.bigint();
      await db.query(`COPY ${table} (external_id, kind, division_code, deal_date, amount, demander, provider, title) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
      // Where the time goes, part 1: read + decode + parse + validate alone, no database
      // (after the import, so that its garbage does not count in the import's RSS).
      const parseStarted = process.hrtime.bigint();
      const csv = await parsing.readCsvStream(createReadStream(file, { highWaterMark: 256 * 1024 }), { ...parsing.DEFAULT_READ_LIMITS, ...limits });
      const header = await csv.rows.next();
      const parser = parsing.createRowParser('deals', header.value.cells, { resolveDivision: (code) => ({ code }) });
      let parsedRows = 0;
      for await (const row of csv.rows) if (parser.parse(row).row) parsedRows++;
      const parseSeconds = Number(process.hrtime.bigint() - parseStarted) / 1e9;

      const copied = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      if (copied !== size || result.inserted !== size || parsedRows !== size) throw new Error(`unexpected counts for ${size}: copied ${copied}, inserted ${result.inserted}, parsed ${parsedRows}`);
      await db.query(`DROP TABLE ${table}`);

      const run = {
        rows: size,
        csvBytes: bytes,
        import: { seconds: +importSeconds.toFixed(3), rowsPerSecond: Math.round(size / importSeconds), inserted: result.inserted },
        parseAndValidateOnly: { seconds: +parseSeconds.toFixed(3), rowsPerSecond: Math.round(size / parseSeconds) },
        plainCopy: { seconds: +copySeconds.toFixed(3), rowsPerSecond: Math.round(size / copySeconds) },
        importVsCopy: +(copySeconds / importSeconds).toFixed(3),
        importPhasesSeconds: phases,
        // The import inserts into deal step by step while it parses (fact-upsert.ts, stageAndInsert):
        // streamParseValidateAndCopyToStaging then holds those inserts too, and mergeIntoDealAndAudit
        // only what is left after the first step that met an existing or repeated key.
        importPhasesNote: 'streamParseValidateAndCopyToStaging includes what PostgreSQL does with each 50,000-row step while node parses the next (a first import inserts the step into deal; a re-import stages its keys and merges it into deal, so its duplicateCheckInStaging is 0 and its mergeIntoDealAndAudit is the audit rows of the changed rows only); kpiRollupRefresh includes refreshing the planner statistics of deal',
        importPhasesPeakRssMB: { ...phasePeaks },
        rssBeforeImportMB: mb(rssBeforeImport),
        peakRssDuringImportMB: mb(importPeak),
        memoryAtPeakMB: importPeakUsage && Object.fromEntries(Object.entries(importPeakUsage).map(([key, bytes]) => [key, mb(bytes)])),
        loadAverage1m: { beforeImport: loadBeforeImport, afterCopy: load1() },
      };
      run.monthly = await monthlyReimport(size);
      runs.push(run);
      console.log(`${size} rows: monthly re-import ${JSON.stringify(run.monthly)}`);
      console.log(`${size} rows: import ${run.import.rowsPerSecond} rows/s (${run.import.seconds} s; parse+validate alone ${run.parseAndValidateOnly.seconds} s), ` +
        `plain COPY ${run.plainCopy.rowsPerSecond} rows/s (${run.plainCopy.seconds} s), ratio ${run.importVsCopy}, RSS ${run.rssBeforeImportMB} → peak ${run.peakRssDuringImportMB} MB, phases ${JSON.stringify(phases)}, phase peaks ${JSON.stringify(phasePeaks)}, memory at peak ${JSON.stringify(run.memoryAtPeakMB)}, load ${run.loadAverage1m.beforeImport}→${run.loadAverage1m.afterCopy}`);
      rmSync(file, { force: true });
    }
    await db.end();

    const report = {
      benchmark: 'streamed deal ingestion: ImportsService.importPath (CSV read as a stream, decoded, parsed and validated row by row, valid rows streamed by COPY into a temp staging table, duplicate ids checked there in SQL, one set-based merge, KPI rollups of the touched days, in one transaction) vs plain server-side COPY of the same file into an empty copy of the deal table (with its indexes)',
      date: new Date().toISOString(),
      machine: { nproc: Number(execSync('nproc').toString().trim()), cpu: cpus()[0]?.model ?? 'unknown', memoryMB: mb(totalmem()), loadAverage1m: { atStart: loadAtStart, atEnd: load1() }, node: process.version, platform: `${process.platform}-${process.arch}` },
      postgres: { version: database.serverVersion, server: database.server },
      targets: { importVsCopy: 0.4, monthlyImportVsCopy: 0.4, peakRssMB: 300 },
      note: 'Measured on a 2-core machine shared with other work (see loadAverage1m): compare runs of the same session only.',
      runs,
    };
    mkdirSync(join(OUT, '..'), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    console.log(`Written ${OUT}`);
  } finally {
    clearInterval(sampler);
    await running?.close();
    await database.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
