import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetController } from './budget.controller.js';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { BudgetWarningsRepository } from './budget-warnings.repository.js';
import { BudgetWatchService } from './budget-watch.service.js';
import { BudgetProjectEntity } from './entities/budget-project.entity.js';
import { BudgetWarningEntity } from './entities/budget-warning.entity.js';
import { FundingLineEntity } from './entities/funding-line.entity.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { BudgetWatchJob } from './jobs/budget-watch.job.js';
import { PaymentImportService } from './payment-import.service.js';
import { NoticeOutboxModule } from '../notify/outbox/notice-outbox.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BudgetProjectEntity, FundingLineEntity, PaymentEntity, BudgetWarningEntity]), NoticeOutboxModule],
  controllers: [BudgetController],
  providers: [BudgetRepository, BudgetWarningsRepository, BudgetService, BudgetWatchService, PaymentImportService, SheetImportService, BudgetWatchJob],
  exports: [BudgetService, BudgetWatchService, BudgetWatchJob],
})
export class BudgetModule {}
