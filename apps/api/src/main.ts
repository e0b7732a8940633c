import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './bootstrap.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { startEmbeddedDatabase } from './database/embedded-database.js';
import { migrateUnderLock } from './database/migrate.js';
import { WorkerSupervisor } from './worker-supervisor.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  if (cluster.isPrimary && config.webConcurrency > 1) return runPrimary(config);

  const running = await createApp(config);
  await running.app.listen(config.port, config.host);
  const where = config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`;
  const who = cluster.isWorker ? `worker ${process.pid}` : 'Tianfu KPI';
  console.log(`${who} is serving http://localhost:${config.port} (database: ${where}; API docs /api/docs)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    if (!cluster.isWorker) console.log(`${signal} received: closing`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * WEB_CONCURRENCY > 1: this process owns the embedded database (if any) and runs the migrations
 * once, then forks the HTTP workers, which share the port (the cluster module hands connections out
 * round-robin) and are each a whole app: their own pool, their own LISTEN for the session cache.
 * The demo data or the first admin is loaded by whichever worker takes the bootstrap lock first
 * (DemoDataService). Only slot 0 schedules the jobs (each run is still serialised by its advisory
 * lock, against other hosts); a dead worker is replaced in its slot.
 */
async function runPrimary(config: AppConfig): Promise<void> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  try {
    if (config.migrationsRun) await migrateUnderLock(databaseUrl);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  // Resolved here, where the defaults are known: with DATABASE_URL set, DEMO_DATA would default to false.
  const env = { ...process.env, DATABASE_URL: databaseUrl, DEMO_DATA: String(config.demoData), MIGRATIONS_RUN: 'false' };
  const supervisor = new WorkerSupervisor({
    count: config.webConcurrency,
    fork: (slot) => cluster.fork({ ...env, JOBS_ENABLED: slot === 0 ? String(config.jobs.enabled) : 'false' }),
    log: (level, message, fields) => console[level === 'warn' ? 'warn' : 'log'](JSON.stringify({ level, msg: message, ...fields })),
  });
  supervisor.start();
  const where = config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`;
  console.log(`Tianfu KPI is serving http://localhost:${config.port} with ${config.webConcurrency} workers (database: ${where}; API docs /api/docs)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: closing the workers`);
    await supervisor.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
