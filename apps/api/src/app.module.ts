import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module.js';
import { accessLogOn, accessLogOptions } from './common/access-log.js';
import { AuthModule } from './auth/auth.module.js';
import { type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/database-options.js';
import { DemoModule } from './database/demo/demo.module.js';
import { ReadReplicasModule } from './database/read-replicas.js';
import { DivisionsModule } from './divisions/divisions.module.js';
import { EventsModule } from './events/events.module.js';
import { FactsChangedModule } from './common/facts-changed.notifier.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { KpiModule } from './kpi/kpi.module.js';
import { PanelsModule } from './panels/panels.module.js';
import { RankingModule } from './ranking/ranking.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { UsersModule } from './users/users.module.js';
import { BudgetModule } from './budget/budget.module.js';
import { PerformanceModule } from './performance/performance.module.js';
import { PerformanceCheckModule } from './performance-check/performance-check.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { BriefsModule } from './briefs/briefs.module.js';
import { NotifyModule } from './notify/notify.module.js';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration and one database URL. */
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot({
          pinoHttp: accessLogOptions(config.logLevel),
          // No access log at this level: no per-request logging middleware either (the app's own logs stay).
          ...(accessLogOn(config.logLevel) ? {} : { forRoutes: [] }),
        }),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.databaseReadUrls)),
        ReadReplicasModule,
        ScheduleModule.forRoot(),
        FactsChangedModule,
        AuditModule,
        DivisionsModule,
        UsersModule,
        AuthModule,
        HealthModule,
        JobsModule,
        PlatformModule,
        ImportsModule,
        KpiModule,
        RankingModule,
        PanelsModule,
        EventsModule,
        BudgetModule,
        PerformanceModule,
        PerformanceCheckModule,
        AccountsModule,
        BriefsModule,
        NotifyModule,
        DemoModule,
      ],
    };
  }
}
