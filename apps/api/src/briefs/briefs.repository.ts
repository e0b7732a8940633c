import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type BriefFigures } from '@app/contracts';

export interface BriefRow {
  id: string;
  divisionCode: string;
  divisionName: string;
  month: string;
  version: number;
  figures: BriefFigures;
  issuedAt: Date;
  issuedBy: string;
  latest: boolean;
}

interface BriefRecord {
  id: string;
  division_code: string;
  division_name: string;
  month: string;
  version: number;
  figures: BriefFigures;
  issued_at: Date;
  issued_by: string;
  latest: boolean;
}

const toRow = (r: BriefRecord): BriefRow => ({
  id: r.id, divisionCode: r.division_code, divisionName: r.division_name, month: r.month, version: r.version,
  figures: r.figures, issuedAt: r.issued_at, issuedBy: r.issued_by, latest: r.latest,
});

const SELECT = `
  SELECT b.id, b.division_code, d.name AS division_name, b.month, b.version, b.issued_at, b.issued_by,
         b.version = max(b.version) OVER (PARTITION BY b.division_code, b.month) AS latest`;

/** monthly_brief: insert-only (a trigger refuses updates); a regeneration is the next version. */
@Injectable()
export class BriefsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertNextVersion(manager: EntityManager, division: string, month: string, figures: BriefFigures, issuedBy: string): Promise<{ id: string; version: number }> {
    // Two regenerations at once take the next two versions, not the same one.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`brief:${division}:${month}`]);
    const rows: Array<{ id: string; version: number }> = await manager.query(
      `INSERT INTO monthly_brief (division_code, month, version, figures, issued_by)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4 FROM monthly_brief WHERE division_code = $1 AND month = $2
       RETURNING id, version`,
      [division, month, JSON.stringify(figures), issuedBy],
    );
    return rows[0];
  }

  async findById(id: string): Promise<BriefRow | null> {
    const rows: BriefRecord[] = await this.dataSource.query(
      `SELECT b.id, b.division_code, d.name AS division_name, b.month, b.version, b.issued_at, b.issued_by, b.figures,
              b.version = (SELECT max(version) FROM monthly_brief m WHERE m.division_code = b.division_code AND m.month = b.month) AS latest
         FROM monthly_brief b JOIN division d ON d.code = b.division_code WHERE b.id = $1`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Newest first; `divisions` null = every division. */
  async list(divisions: readonly string[] | null, filter: { division?: string; month?: string; year?: string }, limit = 500): Promise<BriefRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (divisions) { params.push(divisions); where.push(`b.division_code = ANY($${params.length}::char(6)[])`); }
    if (filter.division) { params.push(filter.division); where.push(`b.division_code = $${params.length}`); }
    if (filter.month) { params.push(filter.month); where.push(`b.month = $${params.length}`); }
    if (filter.year) { params.push(`${filter.year}-%`); where.push(`b.month LIKE $${params.length}`); }
    params.push(limit);
    const rows: BriefRecord[] = await this.dataSource.query(
      `${SELECT} FROM monthly_brief b JOIN division d ON d.code = b.division_code
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY b.month DESC, b.division_code, b.version DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => toRow({ ...r, figures: undefined as unknown as BriefFigures }));
  }

  async exists(division: string, month: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM monthly_brief WHERE division_code = $1 AND month = $2 LIMIT 1', [division, month]);
    return rows.length > 0;
  }

  async newestMonth(division: string): Promise<string | null> {
    const [row]: Array<{ month: string | null }> = await this.dataSource.query('SELECT max(month) AS month FROM monthly_brief WHERE division_code = $1', [division]);
    return row.month;
  }

  /** Months the monthly close has closed for a city (ranking drafts prepared), oldest first. */
  async findClosedMonths(city: string, from: string): Promise<string[]> {
    const rows: Array<{ month: string }> = await this.dataSource.query('SELECT month FROM monthly_close WHERE city_code = $1 AND month >= $2 ORDER BY month', [city, from]);
    return rows.map((r) => r.month);
  }
}
