import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { BudgetProjectEntity } from './entities/budget-project.entity.js';
import { FundingLineEntity } from './entities/funding-line.entity.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';

export interface ProjectFilter {
  year?: number;
  divisionCode?: string;
}

/** The budget aggregate: a project with its funding lines and payments. The one DB boundary of the budget module. */
@Injectable()
export class BudgetRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(BudgetProjectEntity) private readonly projects: Repository<BudgetProjectEntity>,
    @InjectRepository(FundingLineEntity) private readonly lines: Repository<FundingLineEntity>,
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
  ) {}

  findProjectsInScope(scope: DivisionScope, filter: ProjectFilter): Promise<BudgetProjectEntity[]> {
    const query = this.projects.createQueryBuilder('p').orderBy('p.year', 'DESC').addOrderBy('p.division_code').addOrderBy('p.code');
    scope.restrict(query, 'p.division_code');
    if (filter.year !== undefined) query.andWhere('p.year = :year', { year: filter.year });
    if (filter.divisionCode) query.andWhere('p.division_code = :division', { division: filter.divisionCode });
    return query.getMany();
  }

  findProjectsOfYear(year: number): Promise<BudgetProjectEntity[]> {
    return this.projects.find({ where: { year }, order: { divisionCode: 'ASC', code: 'ASC' } });
  }

  findProject(id: string): Promise<BudgetProjectEntity | null> {
    return this.projects.findOneBy({ id });
  }

  findProjectByCode(divisionCode: string, year: number, code: string): Promise<BudgetProjectEntity | null> {
    return this.projects.findOneBy({ divisionCode, year, code });
  }

  saveProject(project: BudgetProjectEntity): Promise<BudgetProjectEntity> {
    return this.projects.save(project);
  }

  async removeProject(project: BudgetProjectEntity): Promise<void> {
    await this.projects.remove(project);
  }

  findLines(projectId: string): Promise<FundingLineEntity[]> {
    return this.lines
      .createQueryBuilder('l')
      .where('l.project_id = :projectId', { projectId })
      .orderBy(`array_position(ARRAY['superior','local','other'], l.source)`)
      .addOrderBy('l.fund_type')
      .getMany();
  }

  findLine(id: string): Promise<FundingLineEntity | null> {
    return this.lines.findOneBy({ id });
  }

  findLineBySource(projectId: string, source: string, fundType: string): Promise<FundingLineEntity | null> {
    return this.lines.findOneBy({ projectId, source: source as FundingLineEntity['source'], fundType: fundType as FundingLineEntity['fundType'] });
  }

  saveLine(line: FundingLineEntity): Promise<FundingLineEntity> {
    return this.lines.save(line);
  }

  async removeLine(line: FundingLineEntity): Promise<void> {
    await this.lines.remove(line);
  }

  countPaymentsOfLine(lineId: string): Promise<number> {
    return this.payments.countBy({ fundingLineId: lineId });
  }

  countPaymentsOfProject(projectId: string): Promise<number> {
    return this.payments.countBy({ projectId });
  }

  findPayments(projectId: string): Promise<PaymentEntity[]> {
    return this.payments.find({ where: { projectId }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  findPayment(id: string): Promise<PaymentEntity | null> {
    return this.payments.findOneBy({ id });
  }

  savePayment(payment: PaymentEntity): Promise<PaymentEntity> {
    return this.payments.save(payment);
  }

  async removePayment(payment: PaymentEntity): Promise<void> {
    await this.payments.remove(payment);
  }

  /** Inserts every payment in one transaction (through the entities, so each row is audited), or none. */
  /** Σ payments per funding line up to and including a day. */
  async sumExecutedByLine(projectId: string, upTo: string): Promise<Map<string, string>> {
    const rows: Array<{ line: string; total: string }> = await this.payments.query(
      `SELECT funding_line_id AS line, sum(amount)::text AS total FROM budget_payment
        WHERE project_id = $1 AND paid_on <= $2 GROUP BY funding_line_id`,
      [projectId, upTo],
    );
    return new Map(rows.map((r) => [r.line, r.total]));
  }

  /** Σ payments per month (1..12) of the project's year up to and including a day. */
  async sumExecutedByMonth(projectId: string, upTo: string): Promise<Map<number, string>> {
    const rows: Array<{ month: number; total: string }> = await this.payments.query(
      `SELECT extract(month FROM paid_on)::int AS month, sum(amount)::text AS total FROM budget_payment
        WHERE project_id = $1 AND paid_on <= $2 GROUP BY 1`,
      [projectId, upTo],
    );
    return new Map(rows.map((r) => [r.month, r.total]));
  }
}
