import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { type AccountsCheckResponse, type AccountsFigure, type AccountsFinding, type AccountsStatement } from '@app/contracts';
import { type ConsistencyFinding, checkDepartmentAccounts, dec } from '@app/kpi-core';
import { AccountsRepository, type FindingFilter } from './accounts.repository.js';
import { type DecideFindingDto } from './dto/accounts.dto.js';
import { type AccountsFigureEntity } from './entities/accounts-figure.entity.js';
import { type AccountsStatementEntity } from './entities/accounts-statement.entity.js';
import { ConsistencyFindingEntity } from './entities/consistency-finding.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';

const MONEY_FACTORS: Record<string, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** Department final accounts of one division and year, and the consistency findings of their check. */
@Injectable()
export class AccountsService {
  constructor(private readonly repository: AccountsRepository) {}

  async listFigures(scope: DivisionScope, divisionCode: string, year: number): Promise<AccountsFigure[]> {
    this.assertYear(year);
    scope.assertCovers(divisionCode);
    return (await this.repository.findFigures(divisionCode, year)).map((row) => this.toFigure(row));
  }

  async listStatements(scope: DivisionScope, divisionCode: string, year: number): Promise<AccountsStatement[]> {
    this.assertYear(year);
    scope.assertCovers(divisionCode);
    return (await this.repository.findStatements(divisionCode, year)).map((row) => this.toStatement(row));
  }

  async listFindings(scope: DivisionScope, divisionCode: string, year: number, filter: FindingFilter): Promise<AccountsFinding[]> {
    this.assertYear(year);
    scope.assertCovers(divisionCode);
    return (await this.repository.findFindings(divisionCode, year, filter)).map((row) => this.toFinding(row));
  }

  /** Runs every rule over the year's accounts; the run's findings replace the open ones, decisions are kept. */
  async checkAccounts(scope: DivisionScope, divisionCode: string, year: number): Promise<AccountsCheckResponse> {
    this.assertYear(year);
    scope.assertCovers(divisionCode);
    const [figures, statements, annexTables] = await Promise.all([
      this.repository.findFigures(divisionCode, year),
      this.repository.findStatements(divisionCode, year),
      this.repository.findAnnexTables(divisionCode, year),
    ]);
    if (figures.length === 0) throw new NotFoundException(`No final accounts of ${divisionCode} for ${year} / ${divisionCode} 无 ${year} 年决算数据`);

    const found = checkDepartmentAccounts({
      figures: figures.map((f) => ({ section: f.section, code: f.code, label: f.label, amount: f.amount, unit: f.unitAsPrinted })),
      statements: statements.map((s) => ({
        key: s.statementKey, kind: s.kind, figureKey: s.figureKey, baseKey: s.baseKey, valueAsPrinted: s.valueAsPrinted, unit: s.unit, location: s.location,
      })),
      annexTables: annexTables.map((t) => ({ annex: t.annex, title: t.title, table: t.content })),
    });
    const checkedAt = new Date();
    await this.repository.replaceOpenFindings(divisionCode, year, found.map((f) => this.toEntity(divisionCode, year, f)));
    const findings = (await this.repository.findFindings(divisionCode, year)).map((row) => this.toFinding(row));
    return {
      divisionCode,
      year,
      checkedAt: checkedAt.toISOString(),
      open: findings.filter((f) => f.status === 'open').length,
      decided: findings.filter((f) => f.status !== 'open').length,
      findings,
    };
  }

  async decideFinding(scope: DivisionScope, id: string, body: DecideFindingDto, actorId: string): Promise<AccountsFinding> {
    const finding = await this.repository.findFindingById(id);
    if (!finding) throw new NotFoundException(`Finding ${id} does not exist / 核查结果不存在`);
    scope.assertCovers(finding.divisionCode);
    const note = body.note?.trim() || null;
    if (body.status === 'dismissed' && note === null) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'note', message: 'note is required to dismiss a finding' }] });
    }
    Object.assign(finding, { status: body.status, note, decidedBy: actorId, decidedAt: new Date() });
    return this.toFinding(await this.repository.saveFinding(finding));
  }

  private assertYear(year: number): void {
    if (year < 2000 || year > 2100) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'year', message: 'year must lie from 2000 to 2100' }] });
    }
  }

  private toEntity(divisionCode: string, year: number, f: ConsistencyFinding): ConsistencyFindingEntity {
    return Object.assign(new ConsistencyFindingEntity(), {
      divisionCode, year, rule: f.rule, severity: f.severity, icId: f.icId ?? null, path: f.path, expected: f.expected, found: f.found,
      unit: f.unit ?? null, place: f.place ?? null, message: f.message, messageEn: f.messageEn, fingerprint: [f.rule, f.path, f.expected ?? '', f.found ?? ''].join('|'),
      status: 'open', note: null, decidedBy: null, decidedAt: null,
    });
  }

  private toFigure(row: AccountsFigureEntity): AccountsFigure {
    const factor = MONEY_FACTORS[row.unitAsPrinted];
    return {
      section: row.section, code: row.code, label: row.label, amount: row.amount, unitAsPrinted: row.unitAsPrinted,
      amountYuan: factor ? dec(row.amount).times(factor).toFixed(2) : null, source: row.source,
    };
  }

  private toStatement(row: AccountsStatementEntity): AccountsStatement {
    return {
      id: row.statementKey, kind: row.kind, figureKey: row.figureKey, baseKey: row.baseKey, valueAsPrinted: row.valueAsPrinted,
      unit: row.unit, location: row.location, excerpt: row.excerpt,
    };
  }

  private toFinding(row: ConsistencyFindingEntity): AccountsFinding {
    return {
      id: row.id, divisionCode: row.divisionCode, year: row.year, rule: row.rule, severity: row.severity,
      ...(row.icId ? { icId: row.icId } : {}), path: row.path, expected: row.expected, found: row.found,
      ...(row.unit ? { unit: row.unit } : {}), ...(row.place ? { place: row.place } : {}), message: row.message, messageEn: row.messageEn, status: row.status, note: row.note,
      decidedBy: row.decidedBy, decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null, createdAt: row.createdAt.toISOString(),
    };
  }
}
