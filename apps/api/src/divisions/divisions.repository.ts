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

  findByCode(code: string): Promise<DivisionEntity | null> {
    return this.divisions.findOneBy({ code });
  }

  findFiltered(filter: { parentCode?: string; level?: DivisionLevel }): Promise<DivisionEntity[]> {
    const query = this.divisions.createQueryBuilder('d').orderBy('d.code');
    if (filter.parentCode) query.andWhere('d.parent_code = :parent', { parent: filter.parentCode });
    if (filter.level) query.andWhere('d.level = :level', { level: filter.level });
    return query.getMany();
  }

  /** The division and every division below it, at any depth. */
  async findSubtreeCodes(code: string): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.divisions.query(
      `WITH RECURSIVE subtree AS (
         SELECT code FROM division WHERE code = $1
         UNION ALL
         SELECT d.code FROM division d JOIN subtree s ON d.parent_code = s.code
       )
       SELECT code FROM subtree`,
      [code],
    );
    return rows.map((row) => row.code);
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
