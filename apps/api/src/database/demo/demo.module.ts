import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';
import { KpiModule } from '../../kpi/kpi.module.js';
import { RankingModule } from '../../ranking/ranking.module.js';
import { AccountsModule } from '../../accounts/accounts.module.js';
import { BudgetModule } from '../../budget/budget.module.js';
import { BriefsModule } from '../../briefs/briefs.module.js';
import { NotifyModule } from '../../notify/notify.module.js';

@Module({ imports: [KpiModule, RankingModule, AccountsModule, BudgetModule, BriefsModule, NotifyModule], providers: [DemoDataService] })
export class DemoModule {}
