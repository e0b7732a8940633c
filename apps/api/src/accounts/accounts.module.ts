import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts.controller.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { AccountsAnnexTableEntity } from './entities/accounts-annex-table.entity.js';
import { AccountsFigureEntity } from './entities/accounts-figure.entity.js';
import { AccountsStatementEntity } from './entities/accounts-statement.entity.js';
import { ConsistencyFindingEntity } from './entities/consistency-finding.entity.js';

/** Department final accounts (部门决算) and their consistency findings (数据核查). */
@Module({
  imports: [TypeOrmModule.forFeature([AccountsFigureEntity, AccountsStatementEntity, AccountsAnnexTableEntity, ConsistencyFindingEntity])],
  controllers: [AccountsController],
  providers: [AccountsRepository, AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
