import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { DEMO_DENOMINATORS } from './demo-denominators.js';
import { loadPlatformDemo } from './platform-demo.js';
import { loadEventsDemo } from './events-demo.js';
import { loadBudgetDemo } from './budget-demo.js';
import { loadKpiDemo } from './kpi-demo.js';
import { ACCOUNTS_DEMO_DIVISION, ACCOUNTS_DEMO_YEAR, loadAccountsDemo } from './accounts-demo.js';
import { AccountsService } from '../../accounts/accounts.service.js';
import { BudgetWatchService } from '../../budget/budget-watch.service.js';
import { DivisionScope } from '../../auth/division-scope.js';
import { loadRankingDemo } from './ranking-demo.js';
import { loadNoticesDemo } from './notices-demo.js';
import { BriefsService } from '../../briefs/briefs.service.js';
import { NotifyDeliveryService } from '../../notify/notify-delivery.service.js';
import { RankingRepository } from '../../ranking/ranking.repository.js';
import { RankingService } from '../../ranking/ranking.service.js';
import { RollupsService } from '../../kpi/rollups.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { hashPassword, verifyPassword } from '../../auth/password-hasher.js';
import { runAs } from '../../common/request-context.js';
import { DivisionDenominatorEntity } from '../../divisions/entities/division-denominator.entity.js';
import { UserEntity } from '../../users/entities/user.entity.js';
import { withAdvisoryLock } from '../advisory-lock.js';

/** Key of the advisory lock under which one instance fills an empty database at start-up. */
const BOOTSTRAP_LOCK_KEY = 7_240_115_201;

/**
 * Fills an empty database at start-up: the demo data when DEMO_DATA is on, otherwise the first
 * admin from INITIAL_ADMIN_USERNAME/PASSWORD. Later features add their demo data in `loadDemo`.
 * In production it refuses to run with a demo account that still has the demo password.
 */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollups: RollupsService,
    private readonly ranking: RankingService,
    private readonly rankingRepository: RankingRepository,
    private readonly accounts: AccountsService,
    private readonly budgetWatch: BudgetWatchService,
    private readonly briefs: BriefsService,
    private readonly delivery: NotifyDeliveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'production') await this.refuseDemoAccounts();
    // Workers of one host (WEB_CONCURRENCY) and replicas start together: the first takes the lock and
    // fills the empty database, the others wait for it and then find users.
    await withAdvisoryLock(this.dataSource, BOOTSTRAP_LOCK_KEY, () => this.fillEmptyDatabase());
  }

  private async fillEmptyDatabase(): Promise<void> {
    const users = await this.dataSource.getRepository(UserEntity).count();
    if (users > 0) return;
    if (this.config.demoData) {
      await runAs({ actorId: null, actorName: 'demo-loader', requestId: null }, () => this.dataSource.transaction((manager) => this.loadDemo(manager)));
      // The demo facts were written in bulk: build their KPI rollups once, after all of them.
      await this.rollups.rebuild('2000-01-01', '2099-12-31');
      // Rankings read the rollups: the months the city has already published come after them.
      await runAs({ actorId: null, actorName: 'demo-loader', requestId: null }, async () => {
        await loadRankingDemo(this.dataSource, this.ranking, this.rankingRepository);
        // The seed's accounts come checked: 数据核查 opens on its inconsistencies (IC-01…), as after a first run.
        await this.accounts.checkAccounts(DivisionScope.unrestricted('admin', '510000'), ACCOUNTS_DEMO_DIVISION, ACCOUNTS_DEMO_YEAR);
        // And this year's projects come watched: those behind 序时进度 carry their warnings, as after a morning's budget-watch.
        await this.budgetWatch.watch();
        // The bells hold what those changes caused; the year's briefs follow (in the background outside tests).
        await loadNoticesDemo(this.briefs, this.rankingRepository, this.delivery, { issueBriefs: this.config.env !== 'test' });
      });
      this.logger.warn(
        `Demo data loaded. Sign in with ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} — password ${DEMO_PASSWORD} (demo mode only)`,
      );
    } else if (this.config.auth.initialAdmin) {
      const { username, password } = this.config.auth.initialAdmin;
      await runAs({ actorId: null, actorName: 'bootstrap', requestId: null }, async () => {
        await this.dataSource.getRepository(UserEntity).save(
          Object.assign(new UserEntity(), {
            username: username.toLowerCase(), displayName: '系统管理员', role: 'admin', divisionCode: '510000',
            passwordHash: await hashPassword(password), active: true,
          }),
        );
      });
      this.logger.log({ username }, 'First admin created from INITIAL_ADMIN_USERNAME');
    } else {
      this.logger.warn('The database has no users: set INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD (or DEMO_DATA=true) and restart');
    }
  }

  private async loadDemo(manager: EntityManager): Promise<void> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      await manager.save(Object.assign(new UserEntity(), { ...account, passwordHash, active: true }));
    }
    for (const row of DEMO_DENOMINATORS) {
      await manager.save(Object.assign(new DivisionDenominatorEntity(), row));
    }
    await loadPlatformDemo(manager);
    await loadBudgetDemo(manager); // before the events: they link the 科普经费 project
    await loadEventsDemo(manager);
    await loadKpiDemo(manager);
    await loadAccountsDemo(manager);
  }

  private async refuseDemoAccounts(): Promise<void> {
    const repository = this.dataSource.getRepository(UserEntity);
    for (const account of DEMO_ACCOUNTS) {
      const user = await repository.findOneBy({ username: account.username });
      if (user?.active && (await verifyPassword(DEMO_PASSWORD, user.passwordHash))) {
        throw new Error(`Refusing to start in production: the demo account "${account.username}" still has the demo password. Change or disable it first.`);
      }
    }
  }
}
