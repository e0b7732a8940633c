import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options.js';
import { withAdvisoryLock } from './advisory-lock.js';

/** Key of the advisory lock that serialises boot-time migrations across replicas. */
export const MIGRATION_LOCK_KEY = 7_240_115_200;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock: the first replica migrates,
 * the others wait and then find nothing to do. Each migration runs in its own transaction.
 */
export async function migrateUnderLock(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), subscribers: [] });
  await dataSource.initialize();
  try {
    const applied = await withAdvisoryLock(dataSource, MIGRATION_LOCK_KEY, () => dataSource.runMigrations({ transaction: 'each' }));
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
