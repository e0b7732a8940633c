// `npm run bench`: every benchmark, one after the other (they must not share the machine), each
// writing its bench/results/*.json. `npm run bench -- bundle panels` runs only those named.
// DATABASE_URL: the database benchmarks use that server; unset: an embedded PostgreSQL each.
import { spawnSync } from 'node:child_process';

const BENCHMARKS = {
  bundle: { file: 'bench/bundle.bench.mjs', what: 'dashboard bundle sizes (first load, per view)' },
  'ingest-stream': { file: 'bench/ingest-stream.bench.mjs', what: 'streamed import of 1M deals against COPY, peak RSS', flags: ['--expose-gc'] },
  panels: { file: 'bench/panels.bench.mjs', what: 'panel latency and rankings at province scale (~13 min)' },
  load: { file: 'bench/load.bench.mjs', what: 'closed-loop load at 1–64 clients on the database panels keeps with BENCH_KEEP_DB=1 (~4 min)' },
  export: { file: 'bench/export.bench.mjs', what: 'the largest allowed drill-through export (100k of 400k rows, XLSX and CSV) with health and panels polled, server RSS' },
  brief: { file: 'bench/brief.bench.mjs', what: 'monthly brief: one, and a city with its five districts, stored and rendered to PDF' },
};

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const chosen = names.length > 0 ? names : Object.keys(BENCHMARKS);

if (chosen.some((name) => name !== 'bundle')) {
  console.log('▶ building the api (the database benchmarks drive the compiled code)');
  if (spawnSync('npm', ['run', '--silent', 'build:api'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const failed = [];
for (const name of chosen) {
  const { file, what, flags = [] } = BENCHMARKS[name];
  console.log(`\n▶ ${name}: ${what}`);
  if (spawnSync(process.execPath, [...flags, file], { stdio: 'inherit' }).status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
