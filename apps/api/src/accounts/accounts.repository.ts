import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { type ConsistencyRule, type FindingSeverity, type FindingStatus } from '@app/contracts';
import { AccountsAnnexTableEntity } from './entities/accounts-annex-table.entity.js';
import { AccountsFigureEntity } from './entities/accounts-figure.entity.js';
import { AccountsStatementEntity } from './entities/accounts-statement.entity.js';
import { ConsistencyFindingEntity } from './entities/consistency-finding.entity.js';

export interface FindingFilter {
  rule?: ConsistencyRule;
  severity?: FindingSeverity;
  status?: FindingStatus;
  icId?: string;
}

/** The accounts of one division and year (figures, statements, annexed tables) and their findings. */
@Injectable()
export class AccountsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AccountsFigureEntity) private readonly figures: Repository<AccountsFigureEntity>,
    @InjectRepository(AccountsStatementEntity) private readonly statements: Repository<AccountsStatementEntity>,
    @InjectRepository(AccountsAnnexTableEntity) private readonly annexTables: Repository<AccountsAnnexTableEntity>,
    @InjectRepository(ConsistencyFindingEntity) private readonly findings: Repository<ConsistencyFindingEntity>,
  ) {}

  findFigures(divisionCode: string, year: number): Promise<AccountsFigureEntity[]> {
    return this.figures.find({ where: { divisionCode, year }, order: { section: 'ASC', id: 'ASC' } });
  }

  findStatements(divisionCode: string, year: number): Promise<AccountsStatementEntity[]> {
    // Insertion order is the order of the text.
    return this.statements.find({ where: { divisionCode, year }, order: { createdAt: 'ASC', statementKey: 'ASC' } });
  }

  findAnnexTables(divisionCode: string, year: number): Promise<AccountsAnnexTableEntity[]> {
    return this.annexTables.find({ where: { divisionCode, year }, order: { annex: 'ASC' } });
  }

  findFindings(divisionCode: string, year: number, filter: FindingFilter = {}): Promise<ConsistencyFindingEntity[]> {
    const query = this.findings
      .createQueryBuilder('f')
      .where('f.division_code = :divisionCode AND f.year = :year', { divisionCode, year })
      .orderBy(`CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`)
      .addOrderBy('f.created_at')
      .addOrderBy('f.path');
    if (filter.rule) query.andWhere('f.rule = :rule', { rule: filter.rule });
    if (filter.severity) query.andWhere('f.severity = :severity', { severity: filter.severity });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.icId) query.andWhere('f.ic_id = :icId', { icId: filter.icId });
    return query.getMany();
  }

  findFindingById(id: string): Promise<ConsistencyFindingEntity | null> {
    return this.findings.findOneBy({ id });
  }

  saveFinding(finding: ConsistencyFindingEntity): Promise<ConsistencyFindingEntity> {
    return this.findings.save(finding);
  }

  /**
   * One run's findings replace the open findings of the division and year; confirmed and dismissed ones stay
   * with their notes, and a run that finds one of them again does not open it a second time. Serialised per
   * division and year, so two checks at once cannot interleave.
   */
  replaceOpenFindings(divisionCode: string, year: number, found: ConsistencyFindingEntity[]): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`accounts-check:${divisionCode}:${year}`]);
      const open = await manager.find(ConsistencyFindingEntity, { where: { divisionCode, year, status: 'open' } });
      if (open.length > 0) await manager.remove(open);
      const decided = await manager.find(ConsistencyFindingEntity, { where: { divisionCode, year, status: In(['confirmed', 'dismissed']) } });
      const known = new Set(decided.map((f) => f.fingerprint));
      const fresh = found.filter((f) => !known.has(f.fingerprint));
      if (fresh.length > 0) await manager.save(fresh);
    });
  }
}
