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

/** A fresh database on the run's server, named for this test file, dropped again on close. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  const name = `tianfu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
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
  const database = await createTestDatabase();
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
