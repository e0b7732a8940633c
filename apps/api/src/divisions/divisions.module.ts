import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DivisionsController } from './divisions.controller.js';
import { DivisionsRepository } from './divisions.repository.js';
import { DivisionsService } from './divisions.service.js';
import { DivisionDenominatorEntity } from './entities/division-denominator.entity.js';
import { DivisionEntity } from './entities/division.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([DivisionEntity, DivisionDenominatorEntity])],
  controllers: [DivisionsController],
  providers: [DivisionsRepository, DivisionsService],
  exports: [DivisionsService],
})
export class DivisionsModule {}
