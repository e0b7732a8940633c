import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingSourcesRepository } from './binding-sources.repository.js';
import { PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';
import { SelfEvaluationEntity } from './entities/self-evaluation.entity.js';
import { PerformanceController } from './performance.controller.js';
import { PerformanceRepository } from './performance.repository.js';
import { IndicatorActualsService } from './indicator-actuals.service.js';
import { IndicatorsService } from './indicators.service.js';
import { SelfEvaluationsService } from './self-evaluations.service.js';
import { BudgetModule } from '../budget/budget.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([PerformanceIndicatorEntity, SelfEvaluationEntity]), BudgetModule],
  controllers: [PerformanceController],
  providers: [PerformanceRepository, BindingSourcesRepository, IndicatorActualsService, IndicatorsService, SelfEvaluationsService],
  exports: [IndicatorsService, SelfEvaluationsService],
})
export class PerformanceModule {}
