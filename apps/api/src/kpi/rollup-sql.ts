import { DEAL_KINDS, LISTING_KINDS, REGISTRATION_TYPES } from '@app/contracts';

// Per (division, day, metric) values computed from the facts, restricted either to the (division,
// day) pairs of the CTE `touched_day` (an import's refresh) or to the day range $1..$2 (a rebuild). Every summable metric of the catalogue is here;
// ratios (average amounts) are recomputed from their parts at read time, never stored.
// One pass over the deals: per kind and, as a second grouping set, all kinds together (four
// separate scans measured ~4x slower on a 1,000,000-row import's refresh).
const dealMetrics = (r: Restrict) => `
  SELECT g.division_code, g.day, m.metric_code, m.value
    FROM (SELECT d.division_code, d.deal_date AS day, CASE WHEN GROUPING(d.kind) = 1 THEN 'total' ELSE d.kind END AS kind,
                 count(*)::numeric AS n, sum(d.amount) AS amount
            FROM deal d ${r('d', 'deal_date')}
           GROUP BY GROUPING SETS ((d.division_code, d.deal_date, d.kind), (d.division_code, d.deal_date))) g
   CROSS JOIN LATERAL (VALUES ('deals.' || g.kind || '.count', g.n), ('deals.' || g.kind || '.amount', g.amount)) AS m(metric_code, value)`;

const listingMetrics = (r: Restrict) => `
  SELECT l.division_code, l.listed_date, 'listings.' || l.kind || '.count', count(*)::numeric
    FROM listing l ${r('l', 'listed_date')} GROUP BY 1, 2, 3`;

const registrationMetrics = (r: Restrict) => `
  SELECT r.division_code, r.registered_date, 'registrations.' || r.user_type || '.count', count(*)::numeric
    FROM registration r ${r('r', 'registered_date')} GROUP BY 1, 2, 3
  UNION ALL
  SELECT r.division_code, r.registered_date, 'registrations.total.count', count(*)::numeric
    FROM registration r ${r('r', 'registered_date')} GROUP BY 1, 2`;

const popsciMetrics = (r: Restrict) => `
  SELECT p.division_code, p.service_date, 'popsci.households', sum(p.households)::numeric
    FROM popsci_service p ${r('p', 'service_date')} GROUP BY 1, 2
  UNION ALL
  SELECT p.division_code, p.service_date, 'popsci.person_times', sum(p.person_times)::numeric
    FROM popsci_service p ${r('p', 'service_date')} GROUP BY 1, 2`;

// Approved outreach events count on the day they start.
const eventMetrics = (r: Restrict) => `
  SELECT e.division_code, e.start_date, 'events.count', count(*)::numeric
    FROM outreach_event e ${r('e', 'start_date')}
   AND e.status = 'approved' GROUP BY 1, 2
  UNION ALL
  SELECT e.division_code, e.start_date, 'events.person_times', sum(e.person_times)::numeric
    FROM outreach_event e ${r('e', 'start_date')}
   AND e.status = 'approved' GROUP BY 1, 2
  UNION ALL
  SELECT e.division_code, e.start_date, 'events.materials', sum(e.materials)::numeric
    FROM outreach_event e ${r('e', 'start_date')}
   AND e.status = 'approved' GROUP BY 1, 2`;

/** Restricts one fact table (alias, date column) to the rows being rolled up. */
type Restrict = (alias: string, dateColumn: string) => string;

const byTouchedDays: Restrict = (alias, dateColumn) =>
  `JOIN touched_day t ON t.division_code = ${alias}.division_code AND t.day = ${alias}.${dateColumn} WHERE true`;
const byDayRange: Restrict = (alias, dateColumn) => `WHERE ${alias}.${dateColumn} BETWEEN $1::date AND $2::date`;

/** The SELECT of daily metric rows; events only once their table exists. */
export function dailyMetricsSelect(withEvents: boolean, mode: 'touched' | 'range' = 'touched'): string {
  const restrict = mode === 'touched' ? byTouchedDays : byDayRange;
  const parts = [dealMetrics, listingMetrics, registrationMetrics, popsciMetrics, ...(withEvents ? [eventMetrics] : [])];
  return parts.map((part) => part(restrict)).join('\n  UNION ALL\n');
}

/** Metric codes the rollups store (the summable part of the catalogue). */
export const ROLLED_UP_METRICS: readonly string[] = [
  ...DEAL_KINDS.flatMap((kind) => [`deals.${kind}.count`, `deals.${kind}.amount`]),
  'deals.total.count',
  'deals.total.amount',
  ...LISTING_KINDS.map((kind) => `listings.${kind}.count`),
  ...REGISTRATION_TYPES.map((type) => `registrations.${type}.count`),
  'registrations.total.count',
  'popsci.households',
  'popsci.person_times',
  'events.count',
  'events.person_times',
  'events.materials',
];
