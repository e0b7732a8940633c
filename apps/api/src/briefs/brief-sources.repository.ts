import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface TopEventRecord {
  id: string;
  title: string;
  start: string;
  divisionName: string;
  personTimes: number;
  thumbnail: Buffer | null;
  thumbnailType: string | null;
}

// The platform datasets whose rows a month should have; a dataset with none is "missing data".
const DATASETS = [
  { key: 'deals', table: 'deal', column: 'deal_date', zh: '成交', en: 'deals' },
  { key: 'listings', table: 'listing', column: 'listed_date', zh: '发布', en: 'listings' },
  { key: 'registrations', table: 'registration', column: 'registered_date', zh: '注册用户', en: 'registrations' },
  { key: 'popsci', table: 'popsci_service', column: 'service_date', zh: '精准科普服务', en: '科普 service counts' },
] as const;

/**
 * The few reads the brief needs that no other service serves: the month's largest events with a
 * thumbnail, the review queue, and which datasets have no rows for the month. Read-only.
 */
@Injectable()
export class BriefSourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async topEvents(divisions: readonly string[], from: string, to: string, limit = 3): Promise<TopEventRecord[]> {
    const rows: Array<{ id: string; title: string; start: string; division_name: string; person_times: number; thumbnail: Buffer | null; thumbnail_type: string | null }> =
      await this.dataSource.query(
        `SELECT e.id, e.title, to_char(e.start_date, 'YYYY-MM-DD') AS start, d.name AS division_name, e.person_times,
                a.thumbnail, a.thumbnail_type
           FROM outreach_event e
           JOIN division d ON d.code = e.division_code
           LEFT JOIN LATERAL (
             SELECT thumbnail, thumbnail_type FROM event_attachment
              WHERE event_id = e.id AND kind IN ('jpeg', 'png', 'webp') AND thumbnail IS NOT NULL
              ORDER BY uploaded_at LIMIT 1) a ON true
          WHERE e.status = 'approved' AND e.division_code = ANY($1::char(6)[]) AND e.start_date BETWEEN $2 AND $3
          ORDER BY e.person_times DESC, e.start_date, e.id LIMIT $4`,
        [divisions, from, to, limit],
      );
    return rows.map((r) => ({ id: r.id, title: r.title, start: r.start, divisionName: r.division_name, personTimes: Number(r.person_times), thumbnail: r.thumbnail, thumbnailType: r.thumbnail_type }));
  }

  /** Events waiting for review now, and those waiting longer than `overdueDays`. */
  async reviewQueue(divisions: readonly string[], now: Date, overdueDays: number): Promise<{ waiting: number; overdue: number }> {
    const [row]: Array<{ waiting: string; overdue: string }> = await this.dataSource.query(
      `SELECT count(*) AS waiting, count(*) FILTER (WHERE submitted_at < $2::timestamptz - make_interval(days => $3)) AS overdue
         FROM outreach_event WHERE status = 'submitted' AND division_code = ANY($1::char(6)[])`,
      [divisions, now, overdueDays],
    );
    return { waiting: Number(row.waiting), overdue: Number(row.overdue) };
  }

  /** Datasets with no row at all for the divisions in the month. */
  async emptyDatasets(divisions: readonly string[], from: string, to: string): Promise<Array<{ key: string; zh: string; en: string }>> {
    const empty: Array<{ key: string; zh: string; en: string }> = [];
    for (const d of DATASETS) {
      const rows: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM ${d.table} WHERE division_code = ANY($1::char(6)[]) AND ${d.column} BETWEEN $2 AND $3 LIMIT 1`,
        [divisions, from, to],
      );
      if (rows.length === 0) empty.push({ key: d.key, zh: d.zh, en: d.en });
    }
    return empty;
  }
}
