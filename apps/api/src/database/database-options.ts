import pg from 'pg';
import { type DataSourceOptions } from 'typeorm';
import { AuditSubscriber } from '../audit/audit.subscriber.js';
import { ENTITIES, MIGRATIONS } from './entities.js';

// Business dates are days (Asia/Shanghai), not instants: keep `date` columns as 'YYYY-MM-DD'
// strings instead of letting pg turn them into Dates at the server's midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * `readUrls`: streaming replicas. TypeORM's replication then keeps a pool per server; every query
 * still goes to the primary (defaultMode 'master') unless a repository asks ReadReplicas for a
 * replica's pool — only the heavy reads do, and only when the request may read a replica.
 */
export function dataSourceOptions(url: string, readUrls: readonly string[] = []): DataSourceOptions {
  const extra = { max: 10, application_name: 'tianfu-kpi' };
  return {
    type: 'postgres',
    ...(readUrls.length > 0 ? { replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })), defaultMode: 'master' as const } } : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [AuditSubscriber],
    migrationsTableName: 'migrations',
    synchronize: false, // never: the schema changes only through reviewed migrations
    migrationsRun: false, // run by migrateUnderLock at boot, so replicas do not race
    extra,
  };
}
