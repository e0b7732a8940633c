import { DEAL_KINDS, LISTING_KINDS, REGISTRATION_TYPES } from '@app/contracts';

// Per (division, day, metric) values computed from the facts, restricted to the (division, day)
// pairs in the temporary table `touched_day`. Every summable metric of the catalogue is here;
// ratios (average amounts) are recomputed from their parts at read time, never stored.
const dealMetrics = `
  SELECT d.division_code, d.deal_date AS day, 'deals.' || d.kind || '.count' AS metric_code, count(*)::numeric AS value
    FROM deal d JOIN touched_day t ON t.division_code = d.division_code AND t.day = d.deal_date GROUP BY 1, 2, 3
  UNION ALL
  SELECT d.division_code, d.deal_date, 'deals.' || d.kind || '.amount', sum(d.amount)
    FROM deal d JOIN touched_day t ON t.division_code = d.division_code AND t.day = d.deal_date GROUP BY 1, 2, 3
  UNION ALL
  SELECT d.division_code, d.deal_date, 'deals.total.count', count(*)::numeric
    FROM deal d JOIN touched_day t ON t.division_code = d.division_code AND t.day = d.deal_date GROUP BY 1, 2
  UNION ALL
  SELECT d.division_code, d.deal_date, 'deals.total.amount', sum(d.amount)
    FROM deal d JOIN touched_day t ON t.division_code = d.division_code AND t.day = d.deal_date GROUP BY 1, 2`;

const listingMetrics = `
  SELECT l.division_code, l.listed_date, 'listings.' || l.kind || '.count', count(*)::numeric
    FROM listing l JOIN touched_day t ON t.division_code = l.division_code AND t.day = l.listed_date GROUP BY 1, 2, 3`;

const registrationMetrics = `
  SELECT r.division_code, r.registered_date, 'registrations.' || r.user_type || '.count', count(*)::numeric
    FROM registration r JOIN touched_day t ON t.division_code = r.division_code AND t.day = r.registered_date GROUP BY 1, 2, 3
  UNION ALL
  SELECT r.division_code, r.registered_date, 'registrations.total.count', count(*)::numeric
    FROM registration r JOIN touched_day t ON t.division_code = r.division_code AND t.day = r.registered_date GROUP BY 1, 2`;

const popsciMetrics = `
  SELECT p.division_code, p.service_date, 'popsci.households', sum(p.households)::numeric
    FROM popsci_service p JOIN touched_day t ON t.division_code = p.division_code AND t.day = p.service_date GROUP BY 1, 2
  UNION ALL
  SELECT p.division_code, p.service_date, 'popsci.person_times', sum(p.person_times)::numeric
    FROM popsci_service p JOIN touched_day t ON t.division_code = p.division_code AND t.day = p.service_date GROUP BY 1, 2`;

// Approved outreach events count on the day they start.
const eventMetrics = `
  SELECT e.division_code, e.start_date, 'events.count', count(*)::numeric
    FROM outreach_event e JOIN touched_day t ON t.division_code = e.division_code AND t.day = e.start_date
   WHERE e.status = 'approved' GROUP BY 1, 2
  UNION ALL
  SELECT e.division_code, e.start_date, 'events.person_times', sum(e.person_times)::numeric
    FROM outreach_event e JOIN touched_day t ON t.division_code = e.division_code AND t.day = e.start_date
   WHERE e.status = 'approved' GROUP BY 1, 2
  UNION ALL
  SELECT e.division_code, e.start_date, 'events.materials', sum(e.materials)::numeric
    FROM outreach_event e JOIN touched_day t ON t.division_code = e.division_code AND t.day = e.start_date
   WHERE e.status = 'approved' GROUP BY 1, 2`;

/** The SELECT of daily metric rows; events only once their table exists. */
export function dailyMetricsSelect(withEvents: boolean): string {
  return [dealMetrics, listingMetrics, registrationMetrics, popsciMetrics, ...(withEvents ? [eventMetrics] : [])].join('\n  UNION ALL\n');
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
