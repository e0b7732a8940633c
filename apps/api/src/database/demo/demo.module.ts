import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';
import { KpiModule } from '../../kpi/kpi.module.js';

@Module({ imports: [KpiModule], providers: [DemoDataService] })
export class DemoModule {}
