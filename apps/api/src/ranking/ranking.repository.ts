import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadReplicas } from '../database/read-replicas.js';
import { type RankingBasis, type RankingEntry, type RankingInputJson, type RankingModel, type RankingStatus } from '@app/contracts';

export interface RankingSnapshotRow {
  id: string;
  cityCode: string;
  month: string;
  basis: RankingBasis;
  version: number;
  status: RankingStatus;
  modelVersion: string;
  model: RankingModel;
  inputs: RankingInputJson[];
  entries: RankingEntry[];
  createdAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** Draft rankings encoded for `storeDraftsAndClose` (RankingRepository.draftsDocument). */
export interface RankingDraftsDocument {
  keys: Array<{ cityCode: string; month: string; basis: RankingBasis }>;
  /** The rows as one jsonb value in PostgreSQL's binary format. */
  jsonb: Buffer;
}

interface SnapshotRecord {
  id: string; city_code: string; month: string; basis: RankingBasis; version: number; status: RankingStatus;
  model_version: string; model: RankingModel; inputs: RankingInputJson[]; entries: RankingEntry[];
  created_at: Date; published_at: Date | null; published_by: string | null;
}

const toRow = (r: SnapshotRecord): RankingSnapshotRow => ({
  id: r.id, cityCode: r.city_code, month: r.month, basis: r.basis, version: r.version, status: r.status,
  modelVersion: r.model_version, model: r.model, inputs: r.inputs, entries: r.entries,
  createdAt: r.created_at, publishedAt: r.published_at, publishedBy: r.published_by,
});

/** Ranking models (versioned) and the snapshots of each city's monthly ranking. Snapshots are append-only. */
@Injectable()
export class RankingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  async findActiveModel(): Promise<RankingModel | null> {
    const rows: Array<{ model: RankingModel }> = await this.dataSource.query('SELECT model FROM ranking_model WHERE active');
    return rows[0]?.model ?? null;
  }

  async findModels(): Promise<Array<{ version: string; model: RankingModel; active: boolean; createdAt: Date; createdBy: string }>> {
    const rows: Array<{ version: string; model: RankingModel; active: boolean; created_at: Date; created_by: string }> = await this.dataSource.query(
      'SELECT version, model, active, created_at, created_by FROM ranking_model ORDER BY created_at DESC',
    );
    return rows.map((r) => ({ version: r.version, model: r.model, active: r.active, createdAt: r.created_at, createdBy: r.created_by }));
  }

  async modelVersionExists(version: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM ranking_model WHERE version = $1', [version]);
    return rows.length > 0;
  }

  /** Stores a model version and makes it the active one, in one transaction. */
  async activateNewModel(model: RankingModel, createdBy: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE ranking_model SET active = false WHERE active');
      await manager.query('INSERT INTO ranking_model (version, model, active, created_by) VALUES ($1, $2, true, $3)', [model.version, JSON.stringify(model), createdBy]);
    });
  }

  // The two reads below take a replica's pool for a reader's request (ReadReplicas); the paths that
  // store drafts run them on the primary (RankingService.getRanking, rankTrend; the job, publication).
  async findLatest(cityCode: string, month: string, basis: RankingBasis, status?: RankingStatus): Promise<RankingSnapshotRow | null> {
    const { rows } = await this.replicas.pool().query<SnapshotRecord>(
      `SELECT * FROM ranking_snapshot WHERE city_code = $1 AND month = $2 AND basis = $3 ${status ? 'AND status = $4' : ''}
        ORDER BY version DESC LIMIT 1`,
      status ? [cityCode, month, basis, status] : [cityCode, month, basis],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The newest snapshot per month of a city, for the rank trend. */
  async findLatestPerMonth(cityCode: string, basis: RankingBasis, fromMonth: string, toMonth: string, publishedOnly: boolean): Promise<RankingSnapshotRow[]> {
    const { rows } = await this.replicas.pool().query<SnapshotRecord>(
      `SELECT DISTINCT ON (month) * FROM ranking_snapshot
        WHERE city_code = $1 AND basis = $2 AND month BETWEEN $3 AND $4 ${publishedOnly ? "AND status = 'published'" : ''}
        ORDER BY month, version DESC`,
      [cityCode, basis, fromMonth, toMonth],
    );
    return rows.map(toRow);
  }

  /** Appends a snapshot as the next version; the (city, month, basis) row lock keeps versions gap-free under races. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertNextVersion(
    snapshot: Omit<RankingSnapshotRow, 'id' | 'version' | 'createdAt'>,
    manager?: EntityManager,
  ): Promise<RankingSnapshotRow> {
    const run = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ranking:${snapshot.cityCode}:${snapshot.month}:${snapshot.basis}`]);
      const rows: SnapshotRecord[] = await m.query(
        `INSERT INTO ranking_snapshot (city_code, month, basis, version, status, model_version, model, inputs, entries, published_at, published_by)
         SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10
           FROM ranking_snapshot WHERE city_code = $1 AND month = $2 AND basis = $3
         RETURNING *`,
        [
          snapshot.cityCode, snapshot.month, snapshot.basis, snapshot.status, snapshot.modelVersion,
          JSON.stringify(snapshot.model), JSON.stringify(snapshot.inputs), JSON.stringify(snapshot.entries),
          snapshot.publishedAt, snapshot.publishedBy,
        ],
      );
      return toRow(rows[0]);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Draft rankings as the one JSON document `storeDraftsAndClose` sends: the monthly close builds a
   * month's document while the month before is still being written, so the encoding is off the path
   * the database waits on.
   */
  static draftsDocument(drafts: ReadonlyArray<Pick<RankingSnapshotRow, 'cityCode' | 'month' | 'basis' | 'modelVersion' | 'model' | 'inputs' | 'entries'>>): RankingDraftsDocument {
    const rows = drafts.map((d) => ({ city_code: d.cityCode, month: d.month, basis: d.basis, model_version: d.modelVersion, model: d.model, inputs: d.inputs, entries: d.entries }));
    // pg sends a Buffer parameter in binary format: jsonb's is a version byte (1) and then the JSON text.
    const text = JSON.stringify(rows);
    const jsonb = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
    jsonb[0] = 1;
    jsonb.write(text, 1);
    return { keys: drafts.map((d) => ({ cityCode: d.cityCode, month: d.month, basis: d.basis })), jsonb };
  }

  /**
   * The monthly close's bulk path, in one transaction: each draft that differs from the newest stored
   * version of its (city, month, basis) — another model, or other entries — is stored as the next
   * version, and the (city, month) pairs are marked closed. Each key's advisory lock is taken first (in
   * a fixed order, so two closers cannot deadlock); the comparison is PostgreSQL's jsonb equality (keys
   * in any order), made under those locks. Returns how many drafts were stored.
   */
  async storeDraftsAndClose(drafts: RankingDraftsDocument, closed: ReadonlyArray<{ cityCode: string; month: string }>): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const lockKeys = [...new Set(drafts.keys.map((k) => `ranking:${k.cityCode}:${k.month}:${k.basis}`))].sort();
      await m.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [lockKeys]);
      // One statement for all of them: the rows travel as one json document, each changed one gets its key's next version.
      const [{ stored }]: Array<{ stored: number }> = await m.query(
        `WITH inserted AS (
           INSERT INTO ranking_snapshot (city_code, month, basis, version, status, model_version, model, inputs, entries)
           SELECT r.city_code, r.month, r.basis, coalesce(latest.version, 0) + 1, 'draft', r.model_version, r.model, r.inputs, r.entries
             FROM jsonb_to_recordset($1::jsonb) AS r(city_code char(6), month char(7), basis text, model_version text, model jsonb, inputs jsonb, entries jsonb)
             LEFT JOIN LATERAL (SELECT s.version, s.model_version, s.entries FROM ranking_snapshot s
                                 WHERE s.city_code = r.city_code AND s.month = r.month AND s.basis = r.basis
                                 ORDER BY s.version DESC LIMIT 1) AS latest ON true
            WHERE latest.version IS NULL OR latest.model_version <> r.model_version OR latest.entries <> r.entries
           RETURNING 1)
         SELECT count(*)::int AS stored FROM inserted`,
        [drafts.jsonb],
      );
      if (closed.length > 0) {
        await m.query(
          'INSERT INTO monthly_close (city_code, month) SELECT * FROM unnest($1::char(6)[], $2::char(7)[]) ON CONFLICT DO NOTHING',
          [closed.map((c) => c.cityCode), closed.map((c) => c.month)],
        );
      }
      return stored;
    });
  }

  async findClosedMonths(cityCode: string): Promise<string[]> {
    const rows: Array<{ month: string }> = await this.dataSource.query('SELECT month FROM monthly_close WHERE city_code = $1 ORDER BY month', [cityCode]);
    return rows.map((r) => r.month);
  }

  /** Prefecture-level divisions that have county-level divisions under them (the cities that rank). */
  async findRankingCities(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.dataSource.query(
      `SELECT DISTINCT p.code FROM division p JOIN division c ON c.parent_code = p.code AND c.level = 'county' WHERE p.level = 'prefecture' ORDER BY 1`,
    );
    return rows.map((r) => r.code);
  }

  async findCounties(cityCode: string): Promise<Array<{ code: string; name: string }>> {
    return this.dataSource.query(`SELECT code, name FROM division WHERE parent_code = $1 AND level = 'county' AND valid_to IS NULL ORDER BY code`, [cityCode]);
  }

  /** Denominators per division for a year (the newest year at or before it when that year has none). */
  async findDenominators(divisionCodes: readonly string[], year: number): Promise<Map<string, Record<string, string | null>>> {
    const rows: Array<{ division_code: string; population: number | null; households: number | null; villages: number | null; enterprises_above_scale: number | null }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (division_code) division_code, population, households, villages, enterprises_above_scale
           FROM division_denominator WHERE division_code = ANY($1::char(6)[]) AND year <= $2
          ORDER BY division_code, year DESC`,
        [divisionCodes, year],
      );
    const text = (v: number | null) => (v === null ? null : String(v));
    return new Map(rows.map((r) => [r.division_code, { population: text(r.population), households: text(r.households), villages: text(r.villages), enterprisesAboveScale: text(r.enterprises_above_scale) }]));
  }
}
