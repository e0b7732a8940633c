import { METRICS_BY_CODE, type MetricCode, type MetricDefinition, type PanelStatus } from '@app/contracts';

/** The cards of the monthly panel, in display order (the full table lists every catalogue metric). */
export const HEADLINE_METRICS: readonly MetricCode[] = [
  'deals.tech_service.count',
  'deals.tech_service.amount',
  'deals.research_project.count',
  'deals.research_project.amount',
  'deals.achievement_transfer.count',
  'deals.achievement_transfer.amount',
  'registrations.total.count',
  'popsci.households',
  'popsci.person_times',
  'events.count',
];

export const STATUS_COLORS: Record<PanelStatus, string> = {
  green: '#2f9e6f',
  yellow: '#d99a1e',
  red: '#c8553d',
};

export function definitionOf(code: string): MetricDefinition | undefined {
  return (METRICS_BY_CODE as Record<string, MetricDefinition | undefined>)[code];
}
