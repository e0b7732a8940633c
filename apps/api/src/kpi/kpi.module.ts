import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KpiTargetEntity } from './entities/kpi-target.entity.js';
import { RollupVerifyJob } from './jobs/rollup-verify.job.js';
import { RollupsRepository } from './rollups.repository.js';
import { RollupsService } from './rollups.service.js';
import { TargetsController } from './targets.controller.js';
import { TargetsRepository } from './targets.repository.js';
import { TargetsService } from './targets.service.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([KpiTargetEntity]), DivisionsModule],
  controllers: [TargetsController],
  providers: [RollupsRepository, RollupsService, TargetsRepository, TargetsService, SheetImportService, RollupVerifyJob],
  exports: [RollupsRepository, RollupsService, TargetsRepository, RollupVerifyJob],
})
export class KpiModule {}
