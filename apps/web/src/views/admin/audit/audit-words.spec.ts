import { describe, expect, it } from '@jest/globals';
import zhCN from '../../../locales/zh-CN';
import { auditChanges, kindLabel, recordLink, recordName, showValue, type AuditWords } from './audit-words';

// The Chinese messages, looked up by dotted key as vue-i18n does.
const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), zhCN);
const words: AuditWords = {
  t: (key, values) => String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? '')),
  te: (key) => typeof lookup(key) === 'string',
  lang: 'zh',
  divisionName: (code) => ({ '510403': '西区' })[code] ?? code,
  eventTypeName: (code) => ({ community: '科普进社区' })[code] ?? code,
};

const event = { title: '科普进社区', type: 'community', status: 'draft', cost: '1234.5', startDate: '2026-11-20', divisionCode: '510403', id: 'e1', createdBy: 'u1', audience: [] };

describe('audit entries as the office reads them', () => {
  it('should name the kind of record and the record itself', () => {
    expect(kindLabel('outreach_event', words)).toBe('科普活动');
    expect(kindLabel('some_new_table', words)).toBe('记录');
    expect(recordName({ entity: 'outreach_event', before: null, after: event, actorName: 'x' }, words)).toBe('科普进社区');
    expect(recordName({ entity: 'budget_payment', before: null, after: { paidOn: '2021-01-28', amount: '12000.00', memo: '运维服务费' }, actorName: 'x' }, words)).toBe(
      '2021-01-28 · 12,000.00 元 · 运维服务费',
    );
  });

  it('should show values as the screens do: 元 with 2 decimals, labels of codes, division names', () => {
    expect(showValue('outreach_event', 'cost', '1234.5', words)).toBe('1,234.50 元');
    expect(showValue('outreach_event', 'status', 'submitted', words)).toBe('待审核');
    expect(showValue('outreach_event', 'type', 'community', words)).toBe('科普进社区');
    expect(showValue('outreach_event', 'divisionCode', '510403', words)).toBe('西区');
    expect(showValue('performance_indicator', 'level1', 'output', words)).toBe('产出指标');
    expect(showValue('app_user', 'passwordHash', '[redacted]', words)).toBe('••••••');
    expect(showValue('app_user', 'active', true, words)).toBe('是');
  });

  it('should list the labelled changes in form order and count the internal ones', () => {
    const { changes, hidden } = auditChanges({ entity: 'outreach_event', before: event, after: { ...event, status: 'submitted', cost: '2000.00', updatedAt: 'x', submittedBy: 'u1' } }, words);
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['状态', '草稿', '待审核'],
      ['经费', '1,234.50 元', '2,000.00 元'],
    ]);
    expect(hidden).toBe(2);
    // A new record's empty fields say nothing.
    expect(auditChanges({ entity: 'outreach_event', before: null, after: event }, words).changes.map((c) => c.field)).not.toContain('audience');
  });

  it('should link to the page the record lives on', () => {
    expect(recordLink({ entity: 'outreach_event', entityId: 'e1', before: null, after: event, action: 'insert' })).toBe('/events/e1');
    expect(recordLink({ entity: 'outreach_event', entityId: 'e1', before: event, after: null, action: 'delete' })).toBeNull();
    expect(recordLink({ entity: 'budget_payment', entityId: 'p1', before: null, after: { projectId: 'b1' }, action: 'insert' })).toBe('/budget/projects/b1');
    expect(recordLink({ entity: 'session', entityId: null, before: null, after: { ip: '1' }, action: 'login' })).toBeNull();
  });
});
