import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { BudgetWarningEntity } from './entities/budget-warning.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { type BudgetWarningKind } from '@app/contracts';

export interface WarningRow {
  warning: BudgetWarningEntity;
  projectName: string;
  divisionCode: string;
  year: number;
}

@Injectable()
export class BudgetWarningsRepository {
  constructor(@InjectRepository(BudgetWarningEntity) private readonly warnings: Repository<BudgetWarningEntity>) {}

  findOpen(projectId: string): Promise<BudgetWarningEntity[]> {
    return this.warnings.findBy({ projectId, clearedAt: IsNull() });
  }

  /** Raises or clears a warning and, in the same transaction, whatever `after` writes (its notice). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.warnings.manager.transaction(work);
  }

  async raise(projectId: string, kind: BudgetWarningKind, message: string, details: Record<string, unknown>, at: Date, manager: EntityManager = this.warnings.manager): Promise<BudgetWarningEntity> {
    return manager.save(Object.assign(new BudgetWarningEntity(), { projectId, kind, message, details, raisedAt: at, clearedAt: null }));
  }

  async clear(warning: BudgetWarningEntity, at: Date, manager: EntityManager = this.warnings.manager): Promise<void> {
    warning.clearedAt = at;
    await manager.save(warning);
  }

  async findInScope(scope: DivisionScope, filter: { open?: boolean; year?: number; projectId?: string; divisionCode?: string }): Promise<WarningRow[]> {
    const query = this.warnings
      .createQueryBuilder('w')
      .innerJoin('budget_project', 'p', 'p.id = w.project_id')
      .addSelect(['p.name AS project_name', 'p.division_code AS division_code', 'p.year AS project_year'])
      .orderBy('w.raised_at', 'DESC')
      .addOrderBy('w.kind');
    scope.restrict(query, 'p.division_code');
    if (filter.open === true) query.andWhere('w.cleared_at IS NULL');
    if (filter.open === false) query.andWhere('w.cleared_at IS NOT NULL');
    if (filter.year !== undefined) query.andWhere('p.year = :year', { year: filter.year });
    if (filter.projectId) query.andWhere('w.project_id = :projectId', { projectId: filter.projectId });
    if (filter.divisionCode) query.andWhere('p.division_code = :division', { division: filter.divisionCode });
    const { entities, raw } = await query.getRawAndEntities<{ project_name: string; division_code: string; project_year: number }>();
    return entities.map((warning, i) => ({
      warning,
      projectName: raw[i].project_name,
      divisionCode: raw[i].division_code,
      year: Number(raw[i].project_year),
    }));
  }
}
