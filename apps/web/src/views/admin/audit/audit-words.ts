// How an audit entry reads to an office user (issue 13 §10): the record by its Chinese kind and its own name, each
// changed field by the label the screens use, each value as the screens show it (元 with 2 decimals, dates,
// Beijing times, the labels of statuses and kinds), and the page the record lives on. Fields with no label
// (ids, timestamps, internal codes) are counted, not shown. Pure functions: the view passes its lookups in.
import { METRIC_CATALOGUE, type AuditEntry } from '@app/contracts';
import { dec } from '@app/kpi-core';
import { groupDigits } from '../../../utils/metric-format';
import { formatDateTime } from '../../../utils/format';
import zhCN from '../../../locales/zh-CN';

export interface AuditWords {
  t: (key: string, values?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  lang: 'zh' | 'en';
  divisionName: (code: string) => string;
  eventTypeName: (code: string) => string;
}

export interface AuditChange {
  field: string;
  label: string;
  before: string;
  after: string;
  added: boolean;
  removed: boolean;
}

/** The kinds of record offered in the filter (the audited tables, named as the menus name them). */
export const AUDIT_KINDS = [
  'outreach_event',
  'event_history',
  'budget_project',
  'budget_funding_line',
  'budget_payment',
  'performance_indicator',
  'performance_self_evaluation',
  'budget_warning',
  'kpi_target',
  'division_denominator',
  'app_user',
  'session',
  'consistency_finding',
  'accounts_figure',
  'accounts_statement',
] as const;

/** Fields in the order the forms show them (the order of the labels). */
const FIELD_ORDER = Object.keys(zhCN.audit.fields);
const MONEY = new Set(['cost', 'amount', 'initialBudget', 'adjustedBudget', 'carriedIn']);
const DAYS = new Set(['startDate', 'endDate', 'paidOn', 'filledOn']);
const MASKED = /password|hash|secret|token/i;

/** Locale prefixes of fields whose values are codes with a label (by record kind, then for any kind). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  outreach_event: { status: 'events.status', audience: 'events.audience' },
  event_history: { fromStatus: 'events.status', toStatus: 'events.status', action: 'events.history' },
  app_user: { role: 'roles' },
  budget_project: { category: 'budget.category', paceMode: 'budget.paceMode' },
  budget_funding_line: { source: 'budget.source', fundType: 'budget.fundType' },
  budget_warning: { kind: 'budget.warningKind' },
  performance_indicator: {
    level1: 'budget.editing.level1s',
    level2: 'budget.editing.level2s',
    direction: 'budget.editing.directions',
    bindingKind: 'budget.indicators.sourceKind',
  },
  performance_self_evaluation: { status: 'budget.evaluation.status' },
  consistency_finding: { status: 'findings.status' },
};

export function kindLabel(entity: string, w: AuditWords): string {
  return w.te(`audit.entities.${entity}`) ? w.t(`audit.entities.${entity}`) : w.t('audit.record');
}

function metricLabel(code: string, w: AuditWords): string {
  const definition = METRIC_CATALOGUE.find((d) => d.code === code);
  return definition ? (w.lang === 'zh' ? definition.nameZh : definition.nameEn) : code;
}

/** One value as the screens show it. */
export function showValue(entity: string, field: string, value: unknown, w: AuditWords): string {
  if (value === null || value === undefined || value === '') return '—';
  if (MASKED.test(field)) return '••••••';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (field === 'monthlyPlan') return w.t('audit.months', { count: value.length });
    return value.map((v) => showValue(entity, field, v, w)).join(w.lang === 'zh' ? '、' : ', ');
  }
  if (typeof value === 'boolean') return w.t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'object') return w.t('audit.set');
  const text = String(value);
  if (MONEY.has(field) && /^-?\d+(\.\d+)?$/.test(text)) return w.t('audit.yuan', { amount: groupDigits(dec(text).toFixed(2)) });
  if (DAYS.has(field)) return text.slice(0, 10);
  if (/At$/.test(field)) return formatDateTime(text);
  if (field === 'divisionCode') return w.divisionName(text);
  if (field === 'metricCode') return metricLabel(text, w);
  if (field === 'type' && entity === 'outreach_event') return w.eventTypeName(text);
  const prefix = VALUE_LABELS[entity]?.[field];
  if (prefix && w.te(`${prefix}.${text}`)) return w.t(`${prefix}.${text}`);
  if (typeof value === 'number') return groupDigits(String(value));
  return text;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** The changed fields that have a label, and how many without one changed too. */
export function auditChanges(entry: Pick<AuditEntry, 'entity' | 'before' | 'after'>, w: AuditWords): { changes: AuditChange[]; hidden: number } {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const changes: AuditChange[] = [];
  let hidden = 0;
  for (const field of keys) {
    if (!w.te(`audit.fields.${field}`)) {
      hidden++;
      continue;
    }
    const added = !(field in before);
    const removed = !(field in after);
    // A new record's empty fields say nothing.
    if ((added && isEmpty(after[field])) || (removed && isEmpty(before[field]))) continue;
    changes.push({
      field,
      label: w.t(`audit.fields.${field}`),
      before: added ? '' : showValue(entry.entity, field, before[field], w),
      after: removed ? '' : showValue(entry.entity, field, after[field], w),
      added,
      removed,
    });
  }
  changes.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return { changes, hidden };
}

/** The record's own name: its title, name or label, or what identifies it for the kinds without one. */
export function recordName(entry: Pick<AuditEntry, 'entity' | 'before' | 'after' | 'actorName'>, w: AuditWords): string {
  const data = entry.after ?? entry.before ?? {};
  const text = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : null);
  switch (entry.entity) {
    case 'session':
      return '';
    case 'app_user':
      return [text('displayName'), text('username')].filter(Boolean).join(' · ');
    case 'kpi_target':
    case 'division_denominator': {
      const parts = [text('divisionCode') ? w.divisionName(text('divisionCode')!) : null, data.year ? String(data.year) : null];
      if (text('metricCode')) parts.push(metricLabel(text('metricCode')!, w));
      return parts.filter(Boolean).join(' · ');
    }
    case 'event_history':
      return showValue(entry.entity, 'action', data.action, w);
    case 'budget_payment':
      return [text('paidOn'), showValue(entry.entity, 'amount', data.amount, w), text('memo')].filter(Boolean).join(' · ');
    case 'budget_warning':
      return showValue(entry.entity, 'kind', data.kind, w);
    default:
      return text('title') ?? text('name') ?? text('label') ?? text('message') ?? text('code') ?? '';
  }
}

/** The page the record lives on, if it still has one. */
export function recordLink(entry: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after' | 'action'>): string | null {
  const data = entry.after ?? entry.before ?? {};
  const id = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const deleted = entry.action === 'delete';
  switch (entry.entity) {
    case 'outreach_event':
      return deleted || !entry.entityId ? null : `/events/${entry.entityId}`;
    case 'event_history':
    case 'event_attachment':
    case 'event_indicator':
      return id('eventId') ? `/events/${id('eventId')}` : null;
    case 'budget_project':
      return deleted || !entry.entityId ? null : `/budget/projects/${entry.entityId}`;
    case 'budget_funding_line':
    case 'budget_payment':
    case 'budget_warning':
    case 'performance_indicator':
    case 'performance_self_evaluation':
      return id('projectId') ? `/budget/projects/${id('projectId')}` : null;
    case 'kpi_target':
      return '/targets';
    case 'app_user':
      return '/admin/users';
    case 'division':
    case 'division_denominator':
      return '/admin/divisions';
    case 'consistency_finding':
      return '/findings';
    default:
      return null;
  }
}
