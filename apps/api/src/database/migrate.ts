import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options.js';

/** Key of the advisory lock that serialises boot-time migrations across replicas. */
export const MIGRATION_LOCK_KEY = 7_240_115_200;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock: the first replica migrates,
 * the others wait and then find nothing to do. Each migration runs in its own transaction.
 */
export async function migrateUnderLock(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), subscribers: [] });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
