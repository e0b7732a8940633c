// `npm run bench`: the buffered 10k/100k ingestion benchmark (bench/ingest.bench.mjs; the streamed 1M one is `npm run bench:ingest`) against the compiled api.
// Build first with `npm run build:api`. DATABASE_URL: use that server; unset: an embedded PostgreSQL.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bench/ingest.bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
