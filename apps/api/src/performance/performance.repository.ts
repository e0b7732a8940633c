import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';
import { SelfEvaluationEntity } from './entities/self-evaluation.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';

/** Indicators and self-evaluations of budget projects: the one DB boundary of the performance module. */
@Injectable()
export class PerformanceRepository {
  constructor(
    @InjectRepository(PerformanceIndicatorEntity) private readonly indicators: Repository<PerformanceIndicatorEntity>,
    @InjectRepository(SelfEvaluationEntity) private readonly evaluations: Repository<SelfEvaluationEntity>,
  ) {}

  findIndicators(projectId: string): Promise<PerformanceIndicatorEntity[]> {
    return this.indicators.find({ where: { projectId }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  }

  findIndicator(id: string): Promise<PerformanceIndicatorEntity | null> {
    return this.indicators.findOneBy({ id });
  }

  async nextSortOrder(projectId: string): Promise<number> {
    const [row] = await this.indicators.query(`SELECT coalesce(max(sort_order), 0) + 10 AS next FROM performance_indicator WHERE project_id = $1`, [projectId]);
    return Number(row.next);
  }

  saveIndicator(row: PerformanceIndicatorEntity): Promise<PerformanceIndicatorEntity> {
    return this.indicators.save(row);
  }

  async removeIndicator(row: PerformanceIndicatorEntity): Promise<void> {
    await this.indicators.remove(row);
  }

  findEvaluation(id: string): Promise<SelfEvaluationEntity | null> {
    return this.evaluations.findOneBy({ id });
  }

  findEvaluationOfProject(projectId: string): Promise<SelfEvaluationEntity | null> {
    return this.evaluations.findOneBy({ projectId });
  }

  /** Evaluations whose project is in scope, with the project's division and year for filtering. */
  findEvaluationsInScope(scope: DivisionScope, filter: { year?: number; divisionCode?: string }): Promise<SelfEvaluationEntity[]> {
    const query = this.evaluations
      .createQueryBuilder('e')
      .innerJoin('budget_project', 'p', 'p.id = e.project_id')
      .orderBy('p.year', 'DESC')
      .addOrderBy('p.division_code')
      .addOrderBy('p.code');
    scope.restrict(query, 'p.division_code');
    if (filter.year !== undefined) query.andWhere('p.year = :year', { year: filter.year });
    if (filter.divisionCode) query.andWhere('p.division_code = :division', { division: filter.divisionCode });
    return query.getMany();
  }

  saveEvaluation(row: SelfEvaluationEntity): Promise<SelfEvaluationEntity> {
    return this.evaluations.save(row);
  }

  async removeEvaluation(row: SelfEvaluationEntity): Promise<void> {
    await this.evaluations.remove(row);
  }
}
