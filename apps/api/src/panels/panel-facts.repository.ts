import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type DrillThrough, type FactRecord } from './sheets/drill-through.js';
import { type FactRows } from '@app/contracts';

export interface FactFilter {
  divisionCodes: readonly string[];
  from: string;
  to: string;
}

const CURSOR_BATCH = 2000;

/** The drill-through of a panel card: the fact rows of one metric, divisions and month. */
@Injectable()
export class PanelFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private where(drill: DrillThrough): string {
    return `FROM ${drill.table} f JOIN division d ON d.code = f.division_code ${drill.join}
      WHERE f.division_code = ANY($1::char(6)[]) AND f.${drill.dateColumn} BETWEEN $2 AND $3 ${drill.filter}`;
  }

  async count(drill: DrillThrough, filter: FactFilter): Promise<number> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${this.where(drill)}`, [filter.divisionCodes, filter.from, filter.to]);
    return total;
  }

  async findPage(drill: DrillThrough, filter: FactFilter, offset: number, limit: number): Promise<FactRows> {
    const total = await this.count(drill, filter);
    const rows = await this.dataSource.query(
      `SELECT ${drill.select} ${this.where(drill)} ORDER BY f.${drill.dateColumn}, f.id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      [filter.divisionCodes, filter.from, filter.to],
    );
    return { columns: drill.columns.map(({ key, zh, en }) => ({ key, zh, en })), rows, total };
  }

  /**
   * Every row, in pages of a server-side cursor (one read-only transaction, one consistent
   * snapshot): memory holds one page, whatever the month's size. Stopping early closes it.
   */
  async *streamAll(drill: DrillThrough, filter: FactFilter): AsyncGenerator<FactRecord[]> {
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(`DECLARE facts NO SCROLL CURSOR FOR SELECT ${drill.select} ${this.where(drill)} ORDER BY f.${drill.dateColumn}, f.id`, [
        filter.divisionCodes,
        filter.from,
        filter.to,
      ]);
      for (;;) {
        const rows: FactRecord[] = await runner.query(`FETCH ${CURSOR_BATCH} FROM facts`);
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < CURSOR_BATCH) break;
      }
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
