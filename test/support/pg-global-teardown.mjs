import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const started = globalThis.__TIANFU_TEST_PG__;
  const runId = process.env.TEST_RUN_ID;
  if (!started && process.env.DATABASE_URL && runId) {
    // A server of the user's: leave nothing of this run behind (the embedded one goes as a whole).
    delete process.env.TEST_RUN_ID;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const name = `tianfu_tpl_${runId.replace(/[^a-z0-9_]/gi, '')}`;
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) {
      await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await client.end();
  }
  if (!started) return;
  globalThis.__TIANFU_TEST_PG__ = undefined;
  await started.server.stop();
  rmSync(started.dir, { recursive: true, force: true });
}
