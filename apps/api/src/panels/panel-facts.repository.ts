import { Injectable } from '@nestjs/common';
import { ReadReplicas } from '../database/read-replicas.js';
import { type FactColumn, type FactRows, METRICS_BY_CODE } from '@app/contracts';

interface FactQuery {
  table: string;
  dateColumn: string;
  filter: string;
  columns: FactColumn[];
  select: string;
}

const DIVISION: FactColumn = { key: 'division', zh: '区划', en: 'Division' };

// The facts behind each metric family: what a card's drill-through lists (and exports).
function factQuery(metric: string): FactQuery | null {
  // Only catalogue codes: the kind below becomes part of the SQL text, so nothing else may reach it.
  if (!Object.hasOwn(METRICS_BY_CODE, metric)) return null;
  const [family, kind] = metric.split('.');
  if (family === 'deals') {
    return {
      table: 'deal', dateColumn: 'deal_date',
      filter: kind === 'total' ? '' : `AND f.kind = '${kind}'`,
      columns: [
        { key: 'externalId', zh: '编号', en: 'ID' }, { key: 'kind', zh: '类型', en: 'Kind' }, DIVISION,
        { key: 'date', zh: '成交日期', en: 'Date' }, { key: 'amount', zh: '成交金额(元)', en: 'Amount (yuan)' },
        { key: 'title', zh: '名称', en: 'Title' }, { key: 'demander', zh: '需求方', en: 'Demander' }, { key: 'provider', zh: '服务方', en: 'Provider' },
      ],
      select: `f.external_id AS "externalId", f.kind, d.name AS division, f.deal_date::text AS date, f.amount::text AS amount, f.title, f.demander, f.provider`,
    };
  }
  if (family === 'listings') {
    return {
      table: 'listing', dateColumn: 'listed_date', filter: `AND f.kind = '${kind}'`,
      columns: [{ key: 'externalId', zh: '编号', en: 'ID' }, { key: 'kind', zh: '类型', en: 'Kind' }, DIVISION, { key: 'date', zh: '发布日期', en: 'Date' }],
      select: `f.external_id AS "externalId", f.kind, d.name AS division, f.listed_date::text AS date`,
    };
  }
  if (family === 'registrations') {
    return {
      table: 'registration', dateColumn: 'registered_date', filter: kind === 'total' ? '' : `AND f.user_type = '${kind}'`,
      columns: [{ key: 'externalId', zh: '编号', en: 'ID' }, { key: 'userType', zh: '用户类型', en: 'User type' }, DIVISION, { key: 'date', zh: '注册日期', en: 'Date' }],
      select: `f.external_id AS "externalId", f.user_type AS "userType", d.name AS division, f.registered_date::text AS date`,
    };
  }
  if (family === 'popsci') {
    return {
      table: 'popsci_service', dateColumn: 'service_date', filter: '',
      columns: [DIVISION, { key: 'date', zh: '日期', en: 'Date' }, { key: 'channel', zh: '渠道', en: 'Channel' }, { key: 'households', zh: '服务户数', en: 'Households' }, { key: 'personTimes', zh: '服务人次', en: 'Person-times' }],
      select: `d.name AS division, f.service_date::text AS date, f.channel, f.households, f.person_times AS "personTimes"`,
    };
  }
  if (family === 'events') {
    return {
      table: 'outreach_event', dateColumn: 'start_date', filter: `AND f.status = 'approved'`,
      columns: [{ key: 'title', zh: '活动名称', en: 'Title' }, { key: 'type', zh: '类型', en: 'Type' }, DIVISION, { key: 'date', zh: '开始日期', en: 'Start' }, { key: 'personTimes', zh: '人次', en: 'Person-times' }, { key: 'materials', zh: '资料(份)', en: 'Materials' }],
      select: `f.title, f.type, d.name AS division, f.start_date::text AS date, f.person_times AS "personTimes", f.materials`,
    };
  }
  return null;
}

/** The drill-through of a panel card: the fact rows of one metric, divisions and month. */
@Injectable()
export class PanelFactsRepository {
  constructor(private readonly replicas: ReadReplicas) {}

  supports(metric: string): boolean {
    return factQuery(metric) !== null;
  }

  async findPage(metric: string, divisionCodes: readonly string[], from: string, to: string, offset: number, limit: number | null): Promise<FactRows> {
    const query = factQuery(metric)!;
    const where = `FROM ${query.table} f JOIN division d ON d.code = f.division_code
      WHERE f.division_code = ANY($1::char(6)[]) AND f.${query.dateColumn} BETWEEN $2 AND $3 ${query.filter}`;
    // A replica's (ReadReplicas) for a reader's request: the page and its count from the same server.
    const pool = this.replicas.pool();
    const { rows: [{ total }] } = await pool.query<{ total: number }>(`SELECT count(*)::int AS total ${where}`, [divisionCodes, from, to]);
    const { rows } = await pool.query(
      `SELECT ${query.select} ${where} ORDER BY f.${query.dateColumn}, f.id ${limit === null ? '' : `LIMIT ${Number(limit)} OFFSET ${Number(offset)}`}`,
      [divisionCodes, from, to],
    );
    return { columns: query.columns, rows, total };
  }
}
