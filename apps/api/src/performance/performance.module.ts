import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BindingSourcesRepository } from './binding-sources.repository.js';
import { PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';
import { SelfEvaluationEntity } from './entities/self-evaluation.entity.js';
import { PerformanceController } from './performance.controller.js';
import { PerformanceRepository } from './performance.repository.js';
import { PerformanceService } from './performance.service.js';
import { BudgetModule } from '../budget/budget.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([PerformanceIndicatorEntity, SelfEvaluationEntity]), BudgetModule],
  controllers: [PerformanceController],
  providers: [PerformanceRepository, BindingSourcesRepository, PerformanceService],
  exports: [PerformanceService],
})
export class PerformanceModule {}
