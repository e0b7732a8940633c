import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DivisionDenominatorEntity } from './entities/division-denominator.entity.js';
import { DivisionEntity } from './entities/division.entity.js';
import { type DivisionLevel } from '@app/contracts';

@Injectable()
export class DivisionsRepository {
  constructor(
    @InjectRepository(DivisionEntity) private readonly divisions: Repository<DivisionEntity>,
    @InjectRepository(DivisionDenominatorEntity) private readonly denominators: Repository<DivisionDenominatorEntity>,
  ) {}

  findFiltered(filter: { parentCode?: string; level?: DivisionLevel }): Promise<DivisionEntity[]> {
    const query = this.divisions.createQueryBuilder('d').orderBy('d.code');
    if (filter.parentCode) query.andWhere('d.parent_code = :parent', { parent: filter.parentCode });
    if (filter.level) query.andWhere('d.level = :level', { level: filter.level });
    return query.getMany();
  }

  findDenominators(divisionCode: string): Promise<DivisionDenominatorEntity[]> {
    return this.denominators.find({ where: { divisionCode }, order: { year: 'DESC' } });
  }

  findDenominator(divisionCode: string, year: number): Promise<DivisionDenominatorEntity | null> {
    return this.denominators.findOneBy({ divisionCode, year });
  }

  saveDenominator(row: DivisionDenominatorEntity): Promise<DivisionDenominatorEntity> {
    return this.denominators.save(row);
  }
}
