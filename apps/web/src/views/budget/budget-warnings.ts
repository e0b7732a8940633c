// Budget warnings as a person reads them: one line per project (budget-watch raises up to two warnings per project:
// behind pace and a low projection), coloured as the project's status tag, with the figures in one sentence.
import { type BudgetWarning } from '@app/contracts';

export interface WarningLine {
  projectId: string;
  projectName: string;
  /** The status tag's colour: red → danger (严重滞后 / below 90% at year end), yellow → warning. */
  severity: 'danger' | 'warning';
  /** i18n key and its parameters. */
  key: 'budget.warningLine.behind' | 'budget.warningLine.behindProjected' | 'budget.warningLine.yearEnd' | 'budget.warningLine.projected';
  params: Record<string, string>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : value === null || value === undefined ? null : String(value));

/** One line per project, projects in the order of their first warning; the figures come from the warnings' details. */
export function warningLines(warnings: readonly BudgetWarning[]): WarningLine[] {
  const byProject = new Map<string, BudgetWarning[]>();
  for (const w of warnings) {
    if (w.clearedAt) continue;
    byProject.set(w.projectId, [...(byProject.get(w.projectId) ?? []), w]);
  }
  return [...byProject.values()].map((list) => {
    const first = list[0]!;
    const kinds = new Set(list.map((w) => w.kind));
    // Every warning of a run carries the same figures; the newest is the one to show.
    const latest = [...list].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))[0]!;
    const d = latest.details;
    const gap = text(d.gapPoints);
    const params: Record<string, string> = {
      rate: text(d.ratePercent) ?? '—',
      pace: text(d.expectedPercent) ?? '—',
      gap: gap === null ? '—' : gap.replace(/^-/, ''),
      projected: text(d.projectedYearEndPercent) ?? '—',
    };
    const status = text(d.status);
    const severity: WarningLine['severity'] = status === 'red' || kinds.has('year_end_below_threshold') ? 'danger' : 'warning';
    const key: WarningLine['key'] = kinds.has('year_end_below_threshold')
      ? 'budget.warningLine.yearEnd'
      : kinds.has('behind_pace') && kinds.has('projected_below_threshold')
        ? 'budget.warningLine.behindProjected'
        : kinds.has('behind_pace')
          ? 'budget.warningLine.behind'
          : 'budget.warningLine.projected';
    return { projectId: first.projectId, projectName: first.projectName, severity, key, params };
  });
}
