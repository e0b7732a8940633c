import { Module } from '@nestjs/common';
import { PanelFactsRepository } from './panel-facts.repository.js';
import { PanelFactsService } from './panel-facts.service.js';
import { PanelReadRepository } from './panel-read.repository.js';
import { PanelsController } from './panels.controller.js';
import { PanelsService } from './panels.service.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { KpiModule } from '../kpi/kpi.module.js';
import { RankingModule } from '../ranking/ranking.module.js';

@Module({
  imports: [KpiModule, RankingModule, DivisionsModule],
  controllers: [PanelsController],
  providers: [PanelsService, PanelFactsService, PanelFactsRepository, PanelReadRepository],
  exports: [PanelsService],
})
export class PanelsModule {}
