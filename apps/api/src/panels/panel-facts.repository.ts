import { Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { ReadReplicas } from '../database/read-replicas.js';
import { type DrillThrough, type FactRecord } from './sheets/drill-through.js';
import { type FactRows } from '@app/contracts';

export interface FactFilter {
  divisionCodes: readonly string[];
  from: string;
  to: string;
}

const CURSOR_BATCH = 2000;

/**
 * The drill-through of a panel card: the fact rows of one metric, divisions and month. Read from a
 * replica's pool for a reader's request (ReadReplicas: DATABASE_READ_URLS), else the primary's.
 */
@Injectable()
export class PanelFactsRepository {
  constructor(private readonly replicas: ReadReplicas) {}

  private where(drill: DrillThrough): string {
    return `FROM ${drill.table} f JOIN division d ON d.code = f.division_code ${drill.join}
      WHERE f.division_code = ANY($1::char(6)[]) AND f.${drill.dateColumn} BETWEEN $2 AND $3 ${drill.filter}`;
  }

  async count(drill: DrillThrough, filter: FactFilter, pool: Pool = this.replicas.pool()): Promise<number> {
    const { rows: [{ total }] } = await pool.query<{ total: number }>(`SELECT count(*)::int AS total ${this.where(drill)}`, [filter.divisionCodes, filter.from, filter.to]);
    return total;
  }

  /** The count and the sums of the total columns over every fact (the 合计 row, equal to the card), as decimal strings. */
  async totals(drill: DrillThrough, filter: FactFilter, pool: Pool = this.replicas.pool()): Promise<{ total: number; totals: Record<string, string> }> {
    const summed = drill.columns.filter((c) => c.sum);
    const sums = summed.map((c, i) => `, coalesce(sum(${c.sum}), 0)::text AS s${i}`).join('');
    const { rows: [row] } = await pool.query<Record<string, string | number>>(`SELECT count(*)::int AS total${sums} ${this.where(drill)}`, [filter.divisionCodes, filter.from, filter.to]);
    return { total: Number(row!.total), totals: Object.fromEntries(summed.map((c, i) => [c.key, String(row![`s${i}`])])) };
  }

  async findPage(drill: DrillThrough, filter: FactFilter, offset: number, limit: number): Promise<FactRows> {
    // The page and its count from the same server.
    const pool = this.replicas.pool();
    const { total, totals } = await this.totals(drill, filter, pool);
    const { rows } = await pool.query(
      `SELECT ${drill.select} ${this.where(drill)} ORDER BY f.${drill.dateColumn}, f.id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      [filter.divisionCodes, filter.from, filter.to],
    );
    return { columns: drill.columns.map(({ key, zh, en }) => ({ key, zh, en })), rows, total, totals };
  }

  /**
   * Every row, in pages of a server-side cursor (one read-only transaction, one consistent
   * snapshot): memory holds one page, whatever the month's size. Stopping early closes it.
   */
  async *streamAll(drill: DrillThrough, filter: FactFilter): AsyncGenerator<FactRecord[]> {
    const client = await this.replicas.pool().connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`DECLARE facts NO SCROLL CURSOR FOR SELECT ${drill.select} ${this.where(drill)} ORDER BY f.${drill.dateColumn}, f.id`, [
        filter.divisionCodes,
        filter.from,
        filter.to,
      ]);
      for (;;) {
        const { rows } = await client.query<FactRecord>(`FETCH ${CURSOR_BATCH} FROM facts`);
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < CURSOR_BATCH) break;
      }
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }
}
