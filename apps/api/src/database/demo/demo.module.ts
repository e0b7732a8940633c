import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';
import { KpiModule } from '../../kpi/kpi.module.js';
import { RankingModule } from '../../ranking/ranking.module.js';

@Module({ imports: [KpiModule, RankingModule], providers: [DemoDataService] })
export class DemoModule {}
