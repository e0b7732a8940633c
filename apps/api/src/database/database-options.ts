import pg from 'pg';
import { type DataSourceOptions } from 'typeorm';
import { AuditSubscriber } from '../audit/audit.subscriber.js';
import { ENTITIES, MIGRATIONS } from './entities.js';

// Business dates are days (Asia/Shanghai), not instants: keep `date` columns as 'YYYY-MM-DD'
// strings instead of letting pg turn them into Dates at the server's midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [AuditSubscriber],
    migrationsTableName: 'migrations',
    synchronize: false, // never: the schema changes only through reviewed migrations
    migrationsRun: false, // run by migrateUnderLock at boot, so replicas do not race
    extra: { max: 10, application_name: 'tianfu-kpi' },
  };
}
