import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApp, type RunningApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';

export interface TestApp extends RunningApp {
  /** The http.Server to hand to supertest. */
  http: Parameters<typeof request>[0];
  /** A connection to this test's own database, for assertions that look behind the API. */
  db: pg.Client;
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run through jest (test/support/pg-global-setup.mjs)');
  return url;
}

const databaseUrl = (name: string): string => {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

// Migrations and the demo data take ~4 s per boot, and about a hundred apps boot in a run. The first
// test app of a run builds them once into a template database; every later one starts from a copy of
// it (a file copy, ~0.3 s), which is what a restarted server sees: migrations applied, demo data in
// place. The template belongs to this run (its name carries the run's id) and the global teardown
// drops it. An advisory lock makes the workers of one run build it once.
const TEMPLATE_LOCK = 0x7469_616e; // 'tian'
const templateName = (): string => `tianfu_tpl_${(process.env.TEST_RUN_ID ?? 'local').replace(/[^a-z0-9_]/gi, '')}`;

async function ensureTemplate(admin: pg.Client): Promise<string> {
  const name = templateName();
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await admin.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
    if (found.rows[0]?.datistemplate) return name;
    if (found.rowCount) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`); // a build that died half-way
    await admin.query(`CREATE DATABASE ${name}`);
    const running = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(name), DEMO_DATA: 'true', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' }));
    await running.close();
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/**
 * A fresh database on the run's server, named for this test file, dropped again on close: empty, or
 * (`fromTemplate`) a copy of the run's template with migrations and demo data.
 */
export async function createTestDatabase({ fromTemplate = false } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  const name = `tianfu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    if (fromTemplate) {
      const template = await ensureTemplate(admin);
      // FILE_COPY: a copy of the folder, not a replay through the WAL (PostgreSQL 15+).
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
    } else {
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Boots the real application (migrations, demo data) against a fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Only the demo data of the default configuration comes from the template; a test that brings its
  // own database or none of the demo data starts as before.
  const database = await createTestDatabase({ fromTemplate: env.DATABASE_URL === undefined && env.DEMO_DATA !== 'false' });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    ...env,
  });
  const running = await createApp(config);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  return {
    ...running,
    http: running.app.getHttpServer(),
    db,
    async close() {
      await db.end();
      await running.close();
      await database.drop();
    },
  };
}

export async function loginAs(app: TestApp, username: string, password = 'demo1234'): Promise<string> {
  const response = await request(app.http).post('/api/v1/auth/login').send({ username, password });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}
