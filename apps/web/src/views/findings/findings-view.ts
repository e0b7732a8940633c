// Pure helpers of the 数据核查 screen: filtering, counts, and where a finding stands.
import { type AccountsFinding, type AccountsStatement, type ConsistencyRule, type FindingSeverity, type FindingStatus } from '@app/contracts';

export interface FindingFilters {
  rule: ConsistencyRule | '';
  severity: FindingSeverity | '';
  status: FindingStatus | '';
  icId: string;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

export function filterFindings(findings: readonly AccountsFinding[], filters: FindingFilters): AccountsFinding[] {
  return findings
    .filter(
      (f) =>
        (!filters.rule || f.rule === filters.rule) &&
        (!filters.severity || f.severity === filters.severity) &&
        (!filters.status || f.status === filters.status) &&
        (!filters.icId || f.icId === filters.icId),
    )
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.icId ?? 'IC-99').localeCompare(b.icId ?? 'IC-99') || a.path.localeCompare(b.path));
}

/** Open findings per severity, and how many are decided. */
export function countFindings(findings: readonly AccountsFinding[]): Record<FindingSeverity, number> & { decided: number; total: number } {
  const counts = { error: 0, warning: 0, info: 0, decided: 0, total: findings.length };
  for (const f of findings) {
    if (f.status === 'open') counts[f.severity]++;
    else counts.decided++;
  }
  return counts;
}

/** The IC ids present, in order (IC-01 … IC-19). */
export function icIds(findings: readonly AccountsFinding[]): string[] {
  return [...new Set(findings.map((f) => f.icId).filter((id): id is string => !!id))].sort();
}

export interface FindingPlace {
  /** Where in the documents: the narrative's location ("第二部分 五(三)"), an annex, or the accounts tables. */
  place: string;
  /** The sentence as published, when the finding points at a narrative statement. */
  excerpt: string | null;
}

/**
 * Where a finding stands, by the report's printed names: a narrative statement's location and excerpt, else the
 * place the checker names (决算表“本年支出合计”, 附件2《…》资金“年度资金总额”行“执行率”栏). A key such as
 * "gpb.total" is never shown: without a printed place the annex or 决算表 is named on its own.
 */
export function placeOf(finding: { path: string; place?: string }, statements: ReadonlyMap<string, AccountsStatement>): FindingPlace {
  const statement = /^statements\.(.+)$/.exec(finding.path);
  if (statement) {
    const s = statements.get(statement[1]!);
    if (s) return { place: s.location, excerpt: s.excerpt };
  }
  if (finding.place) return { place: finding.place, excerpt: null };
  const annex = /^annex\[([^\]]+)\]/.exec(finding.path);
  if (annex) return { place: annex[1]!, excerpt: null };
  return { place: /^figures\./.test(finding.path) ? '决算表' : '—', excerpt: null };
}

/** A missing reason is told as a missing reason: no "应为 90% / 实为 45.46%" pair beside it. */
export function showsExpectedFound(finding: { rule: string; expected: string | null; found: string | null }): boolean {
  return finding.rule !== 'reason_missing' && (finding.expected !== null || finding.found !== null);
}
