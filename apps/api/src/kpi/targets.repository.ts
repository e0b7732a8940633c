import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import { KpiTargetEntity } from './entities/kpi-target.entity.js';

@Injectable()
export class TargetsRepository {
  constructor(@InjectRepository(KpiTargetEntity) private readonly targets: Repository<KpiTargetEntity>) {}

  findForDivisions(divisionCodes: readonly string[], year: number): Promise<KpiTargetEntity[]> {
    return this.targets.find({ where: { divisionCode: In([...divisionCodes]), year }, order: { divisionCode: 'ASC', metricCode: 'ASC' } });
  }

  findOne(divisionCode: string, year: number, metricCode: string, manager?: EntityManager): Promise<KpiTargetEntity | null> {
    return (manager ? manager.getRepository(KpiTargetEntity) : this.targets).findOneBy({ divisionCode, year, metricCode });
  }

  save(target: KpiTargetEntity, manager?: EntityManager): Promise<KpiTargetEntity> {
    return (manager ? manager.getRepository(KpiTargetEntity) : this.targets).save(target);
  }

  async remove(target: KpiTargetEntity): Promise<void> {
    await this.targets.remove(target);
  }
}
