// The metric catalogue (DESIGN §4): every figure a panel or ranking shows, with its unit and the one
// sentence that says how it is computed from the facts. Codes are stable API identifiers.
import {
  DEAL_KINDS,
  DEAL_KIND_LABELS,
  LISTING_KINDS,
  LISTING_KIND_LABELS,
  REGISTRATION_TYPES,
  REGISTRATION_TYPE_LABELS,
  type DealKind,
  type ListingKind,
  type RegistrationType,
} from './platform.js';

export const METRIC_KINDS = ['count', 'amount', 'ratio'] as const;
/** `count`: a JSON number; `amount`: 元 as a string with 2 decimals; `ratio`: a decimal string. */
export type MetricKind = (typeof METRIC_KINDS)[number];

/** `sum`: a city's value is the sum of its divisions; `recompute`: numerator and denominator are summed, then divided. */
export type MetricAggregation = 'sum' | 'recompute';

/** The fact table a metric is computed from (DESIGN §3). */
export type MetricSource = 'deal' | 'listing' | 'registration' | 'popsci_service' | 'event';

export type MetricCode =
  | `deals.${DealKind}.count`
  | `deals.${DealKind}.amount`
  | `deals.${DealKind}.average_amount`
  | 'deals.total.count'
  | 'deals.total.amount'
  | `listings.${ListingKind}.count`
  | `registrations.${RegistrationType}.count`
  | 'registrations.total.count'
  | 'popsci.households'
  | 'popsci.person_times'
  | 'events.count'
  | 'events.person_times'
  | 'events.materials';

export interface MetricUnit {
  zh: string;
  en: string;
}

export interface MetricDefinition {
  code: MetricCode;
  nameZh: string;
  nameEn: string;
  unit: MetricUnit;
  kind: MetricKind;
  aggregation: MetricAggregation;
  source: MetricSource;
  /** Decimals shown and serialised: 0 for counts, 2 for amounts (元). */
  decimals: number;
  /** How the value of a division and period is computed from the facts, in one sentence. */
  definition: string;
  /** Ratios only: the summable metrics it is recomputed from at every level. */
  ratioOf?: { numerator: MetricCode; denominator: MetricCode };
}

const YUAN: MetricUnit = { zh: '元', en: 'yuan' };

const DEAL_KIND_NAMES_EN: Record<DealKind, string> = {
  tech_service: 'S&T service deals',
  achievement_transfer: 'Achievement transfers',
  research_project: 'Research project deals',
};

const LISTING_KIND_NAMES_EN: Record<ListingKind, string> = {
  need: 'Technology needs published',
  capability: 'Technology capabilities published',
  achievement: 'Research achievements published',
  research_project: 'Research projects published',
  studio: 'Innovation studios listed',
  sharing_base: 'Science popularisation sharing bases listed',
};

// Studios and sharing bases are places (个); the other listings are published items (项).
const LISTING_KIND_UNITS: Record<ListingKind, MetricUnit> = {
  need: { zh: '项', en: 'items' },
  capability: { zh: '项', en: 'items' },
  achievement: { zh: '项', en: 'items' },
  research_project: { zh: '项', en: 'items' },
  studio: { zh: '个', en: 'studios' },
  sharing_base: { zh: '个', en: 'bases' },
};

const REGISTRATION_TYPE_NAMES_EN: Record<RegistrationType, string> = {
  scientist: 'Registered S&T workers',
  organization: 'Registered enterprises and institutions',
  resident: 'Registered residents',
  popsci_org: 'Registered science popularisation organisations',
};

const REGISTRATION_TYPE_UNITS: Record<RegistrationType, MetricUnit> = {
  scientist: { zh: '人', en: 'persons' },
  organization: { zh: '家', en: 'organisations' },
  resident: { zh: '人', en: 'persons' },
  popsci_org: { zh: '家', en: 'organisations' },
};

function dealMetrics(kind: DealKind): MetricDefinition[] {
  const label = DEAL_KIND_LABELS[kind];
  const nameEn = DEAL_KIND_NAMES_EN[kind];
  return [
    {
      code: `deals.${kind}.count`,
      nameZh: `${label}成交笔数`,
      nameEn: `${nameEn} (count)`,
      unit: { zh: '笔', en: 'deals' },
      kind: 'count',
      aggregation: 'sum',
      source: 'deal',
      decimals: 0,
      definition: `Number of deal rows of kind ${kind} whose deal date (Asia/Shanghai) falls in the period.`,
    },
    {
      code: `deals.${kind}.amount`,
      nameZh: `${label}成交金额`,
      nameEn: `${nameEn} (value)`,
      unit: YUAN,
      kind: 'amount',
      aggregation: 'sum',
      source: 'deal',
      decimals: 2,
      definition: `Sum of the amounts of the deal rows of kind ${kind} whose deal date falls in the period.`,
    },
    {
      code: `deals.${kind}.average_amount`,
      nameZh: `${label}平均成交金额`,
      nameEn: `${nameEn} (average value)`,
      unit: { zh: '元/笔', en: 'yuan per deal' },
      kind: 'ratio',
      aggregation: 'recompute',
      source: 'deal',
      decimals: 2,
      definition: `deals.${kind}.amount divided by deals.${kind}.count of the same period and divisions (no value when the count is 0).`,
      ratioOf: { numerator: `deals.${kind}.amount`, denominator: `deals.${kind}.count` },
    },
  ];
}

function listingMetric(kind: ListingKind): MetricDefinition {
  return {
    code: `listings.${kind}.count`,
    nameZh: `${LISTING_KIND_LABELS[kind]}上架数`,
    nameEn: LISTING_KIND_NAMES_EN[kind],
    unit: LISTING_KIND_UNITS[kind],
    kind: 'count',
    aggregation: 'sum',
    source: 'listing',
    decimals: 0,
    definition: `Number of listing rows of kind ${kind} whose listed date falls in the period.`,
  };
}

function registrationMetric(type: RegistrationType): MetricDefinition {
  return {
    code: `registrations.${type}.count`,
    nameZh: `新增注册${REGISTRATION_TYPE_LABELS[type]}`,
    nameEn: `${REGISTRATION_TYPE_NAMES_EN[type]} (new)`,
    unit: REGISTRATION_TYPE_UNITS[type],
    kind: 'count',
    aggregation: 'sum',
    source: 'registration',
    decimals: 0,
    definition: `Number of registration rows of user type ${type} whose registration date falls in the period (the panel's cumulative is the running total).`,
  };
}

/** Every metric of the dashboard, in display order. */
export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  ...DEAL_KINDS.flatMap(dealMetrics),
  {
    code: 'deals.total.count',
    nameZh: '成交总笔数',
    nameEn: 'All deals (count)',
    unit: { zh: '笔', en: 'deals' },
    kind: 'count',
    aggregation: 'sum',
    source: 'deal',
    decimals: 0,
    definition: 'Number of deal rows of every kind whose deal date falls in the period.',
  },
  {
    code: 'deals.total.amount',
    nameZh: '成交总金额',
    nameEn: 'All deals (value)',
    unit: YUAN,
    kind: 'amount',
    aggregation: 'sum',
    source: 'deal',
    decimals: 2,
    definition: 'Sum of the amounts of the deal rows of every kind whose deal date falls in the period.',
  },
  ...LISTING_KINDS.map(listingMetric),
  ...REGISTRATION_TYPES.map(registrationMetric),
  {
    code: 'registrations.total.count',
    nameZh: '新增注册用户',
    nameEn: 'Registered users (new)',
    unit: { zh: '户', en: 'accounts' },
    kind: 'count',
    aggregation: 'sum',
    source: 'registration',
    decimals: 0,
    definition: 'Number of registration rows of every user type whose registration date falls in the period.',
  },
  {
    code: 'popsci.households',
    nameZh: '精准科普服务群众数',
    nameEn: 'Households reached by precise science popularisation',
    unit: { zh: '户', en: 'households' },
    kind: 'count',
    aggregation: 'sum',
    source: 'popsci_service',
    decimals: 0,
    definition: 'Sum of households over the popsci_service rows (all channels) whose day falls in the period.',
  },
  {
    code: 'popsci.person_times',
    nameZh: '精准科普服务量',
    nameEn: 'Precise science popularisation services delivered',
    unit: { zh: '人次', en: 'person-times' },
    kind: 'count',
    aggregation: 'sum',
    source: 'popsci_service',
    decimals: 0,
    definition: 'Sum of person-times over the popsci_service rows (all channels) whose day falls in the period.',
  },
  {
    code: 'events.count',
    nameZh: '科普活动场次',
    nameEn: 'Outreach events',
    unit: { zh: '场', en: 'events' },
    kind: 'count',
    aggregation: 'sum',
    source: 'event',
    decimals: 0,
    definition: 'Number of approved outreach events whose start date falls in the period.',
  },
  {
    code: 'events.person_times',
    nameZh: '科普活动参与人次',
    nameEn: 'Outreach event person-times',
    unit: { zh: '人次', en: 'person-times' },
    kind: 'count',
    aggregation: 'sum',
    source: 'event',
    decimals: 0,
    definition: 'Sum of person-times of the approved outreach events whose start date falls in the period.',
  },
  {
    code: 'events.materials',
    nameZh: '科普资料发放',
    nameEn: 'Outreach materials distributed',
    unit: { zh: '份', en: 'copies' },
    kind: 'count',
    aggregation: 'sum',
    source: 'event',
    decimals: 0,
    definition: 'Sum of materials distributed at the approved outreach events whose start date falls in the period.',
  },
];

/** The catalogue's codes, in display order. */
export const METRIC_CODES: readonly MetricCode[] = METRIC_CATALOGUE.map((m) => m.code);

/** Catalogue entries by code (also the membership test for codes received from clients). */
export const METRICS_BY_CODE: Readonly<Record<MetricCode, MetricDefinition>> = Object.fromEntries(
  METRIC_CATALOGUE.map((m) => [m.code, m]),
) as Record<MetricCode, MetricDefinition>;
