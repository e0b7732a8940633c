import { Inject, Injectable } from '@nestjs/common';
import { BriefSourcesRepository } from './brief-sources.repository.js';
import { DivisionScope } from '../auth/division-scope.js';
import { BudgetService } from '../budget/budget.service.js';
import { BudgetWatchService } from '../budget/budget-watch.service.js';
import { todayInShanghai } from '../budget/budget-dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { PanelsService } from '../panels/panels.service.js';
import { RankingRepository, type RankingSnapshotRow } from '../ranking/ranking.repository.js';
import { RankingService } from '../ranking/ranking.service.js';
import { briefSummary, firstDayOfMonth, lastDayOfMonth, parseMonthKey, previousMonth } from '@app/kpi-core';
import {
  METRICS_BY_CODE,
  type BilingualText,
  type BriefAttention,
  type BriefBudgetProject,
  type BriefBudgetWarning,
  type BriefCard,
  type BriefDistrictRow,
  type BriefFigures,
  type BriefRank,
  type MetricCode,
  type MonthlyPanel,
  type PanelMetric,
} from '@app/contracts';

// Shown when a division's targets name fewer than four metrics, in this order.
const DEFAULT_HEADLINE: MetricCode[] = ['deals.total.count', 'deals.total.amount', 'registrations.total.count', 'popsci.person_times', 'events.count'];
const MAX_CARDS = 6;
const TREND_METRICS = 3;

/** "中文 / English" as budget-watch words a warning → both halves. */
export function splitBilingual(message: string): BilingualText {
  const at = message.indexOf(' / ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/**
 * Collects a brief's figures from the services that serve the panel, the ranking, the budget and
 * the events (called, never recomputed), and writes its paragraph by rules (libs/kpi-core).
 */
@Injectable()
export class BriefBuilderService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly panels: PanelsService,
    private readonly ranking: RankingService,
    private readonly rankings: RankingRepository,
    private readonly budget: BudgetService,
    private readonly budgetWatch: BudgetWatchService,
    private readonly divisions: DivisionsService,
    private readonly sources: BriefSourcesRepository,
  ) {}

  async build(divisionCode: string, month: string, now = new Date()): Promise<BriefFigures> {
    const division = await this.divisions.requireDivision(divisionCode);
    const scope = DivisionScope.unrestricted('admin', divisionCode);
    const codes = await this.divisions.subtreeCodes(divisionCode);
    const panel = await this.panels.getMonthlyPanel(scope, divisionCode, month);
    const headline = this.headlineCodes(panel);
    const cards = headline.map((code) => toCard(panel.metrics.find((m) => m.code === code)!));
    const trendCodes = headline.slice(0, TREND_METRICS);
    const trend = await this.panels.getTrend(scope, divisionCode, month, 12, trendCodes);

    const rank = division.level === 'county' && division.parentCode ? await this.rankOf(division.parentCode, divisionCode, month) : null;
    const districts = division.level === 'prefecture' ? await this.districtsOf(scope, divisionCode, month, headline) : null;
    const budget = await this.budgetOf(codes, month);
    const from = firstDayOfMonth(month);
    const to = lastDayOfMonth(month);
    const overdueDays = this.config.notify.eventWaitingDays;
    const [top, queue, empty] = await Promise.all([
      this.sources.topEvents(codes, from, to),
      this.sources.reviewQueue(codes, now, overdueDays),
      this.sources.emptyDatasets(codes, from, to),
    ]);
    const count = Number(panel.metrics.find((m) => m.code === 'events.count')?.value ?? 0);
    const personTimes = Number(panel.metrics.find((m) => m.code === 'events.person_times')?.value ?? 0);

    const attention: BriefAttention[] = [];
    for (const metric of panel.metrics.filter((m) => m.status === 'red')) {
      const d = METRICS_BY_CODE[metric.code];
      attention.push({ kind: 'red_metric', text: { zh: `${d.nameZh}落后序时进度${Math.abs(metric.paceGap ?? 0).toFixed(1)}个百分点（红灯）`, en: `${d.nameEn} is ${Math.abs(metric.paceGap ?? 0).toFixed(1)} points behind the time-elapsed pace (red)` } });
    }
    for (const dataset of empty) {
      attention.push({ kind: 'missing_data', text: { zh: `本月没有${dataset.zh}数据，请核实是否已导入`, en: `No ${dataset.en} rows for the month: check the import` } });
    }
    if (queue.overdue > 0) {
      attention.push({ kind: 'overdue_review', text: { zh: `${queue.overdue}场科普活动提交后超过${overdueDays}天未审核`, en: `${queue.overdue} event${queue.overdue === 1 ? ' has' : 's have'} waited more than ${overdueDays} days for review` } });
    }
    for (const warning of budget.warnings) attention.push({ kind: 'budget_warning', text: { zh: `${warning.projectName}：${warning.message.zh}`, en: `${warning.projectName}: ${warning.message.en}` } });

    const summary = briefSummary({
      divisionName: division.name,
      month,
      cards: cards.map((c) => ({ ...c })),
      rank: rank ? { rank: rank.rank, of: rank.of, previousRank: rank.previousRank, status: rank.status } : null,
      events: { count, personTimes },
      budgetWarnings: budget.warnings.length,
    });
    return {
      division: { code: division.code, name: division.name, level: division.level },
      month,
      summary,
      cards,
      trend: {
        months: trend.months,
        series: trend.series.map((s) => ({ code: s.code, name: s.name, nameEn: METRICS_BY_CODE[s.code].nameEn, unit: s.unit, values: s.values })),
      },
      rank,
      districts,
      budget,
      events: {
        count,
        personTimes,
        top: top.map((e) => ({
          id: e.id, title: e.title, start: e.start, divisionName: e.divisionName, personTimes: e.personTimes,
          thumbnail: e.thumbnail ? `data:${e.thumbnailType ?? 'image/jpeg'};base64,${e.thumbnail.toString('base64')}` : null,
        })),
        waitingReview: queue.waiting,
        overdueReview: queue.overdue,
      },
      attention,
    };
  }

  /** The metrics the division's targets name (catalogue order), topped up with the defaults. */
  private headlineCodes(panel: MonthlyPanel): MetricCode[] {
    const targeted = panel.metrics.filter((m) => m.target !== null).map((m) => m.code);
    const codes = [...targeted];
    for (const code of DEFAULT_HEADLINE) if (codes.length < 4 && !codes.includes(code)) codes.push(code);
    return codes.slice(0, MAX_CARDS);
  }

  /** The month's ranking as the city sees it: the published version, else the draft (labelled). */
  private async snapshot(city: string, month: string, prepare: boolean): Promise<RankingSnapshotRow | null> {
    const published = await this.rankings.findLatest(city, month, 'month', 'published');
    if (published) return published;
    return prepare ? this.ranking.prepareDraft(city, month, 'month') : this.rankings.findLatest(city, month, 'month');
  }

  private async rankOf(city: string, division: string, month: string): Promise<BriefRank | null> {
    const snapshot = await this.snapshot(city, month, true);
    const entry = snapshot?.entries.find((e) => e.division === division);
    if (!snapshot || !entry) return null;
    const previous = (await this.snapshot(city, previousMonth(month), false))?.entries.find((e) => e.division === division) ?? null;
    const cityName = (await this.divisions.requireDivision(city)).name;
    const scored = entry.contributions.filter((c) => c.weight > 0);
    const best = [...scored].sort((a, b) => b.points - a.points)[0];
    const worst = [...scored].sort((a, b) => a.points / a.weight - b.points / b.weight)[0];
    const nameOf = (indicator: string) => {
      const metric = snapshot.model.indicators.find((i) => i.id === indicator)?.metric as MetricCode | undefined;
      const d = metric ? METRICS_BY_CODE[metric] : undefined;
      return { zh: d?.nameZh ?? indicator, en: d?.nameEn ?? indicator };
    };
    const explanation = best && worst
      ? {
          zh: `得分${entry.score}，${nameOf(best.indicator).zh}贡献最多（${best.points}分），${nameOf(worst.indicator).zh}得分率最低（${worst.points}/${worst.weight}分）`,
          en: `Score ${entry.score}: ${nameOf(best.indicator).en} gave the most (${best.points} points), ${nameOf(worst.indicator).en} the least of its weight (${worst.points} of ${worst.weight})`,
        }
      : { zh: `得分${entry.score}`, en: `Score ${entry.score}` };
    return {
      city, cityName, status: snapshot.status === 'published' ? 'published' : 'draft', version: snapshot.version,
      rank: entry.rank, of: snapshot.entries.length, score: entry.score, previousRank: previous?.rank ?? null, explanation,
    };
  }

  private async districtsOf(scope: DivisionScope, city: string, month: string, headline: MetricCode[]): Promise<BriefDistrictRow[]> {
    const snapshot = await this.snapshot(city, month, true);
    const counties = await this.rankings.findCounties(city);
    const rows: BriefDistrictRow[] = [];
    for (const county of counties) {
      const panel = await this.panels.getMonthlyPanel(scope, county.code, month);
      const entry = snapshot?.entries.find((e) => e.division === county.code);
      rows.push({
        code: county.code,
        name: county.name,
        rank: entry?.rank ?? null,
        score: entry?.score ?? null,
        values: Object.fromEntries(headline.map((code) => [code, panel.metrics.find((m) => m.code === code)?.value ?? null])),
        redCount: panel.metrics.filter((m) => m.status === 'red').length,
      });
    }
    return rows.sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.code.localeCompare(b.code));
  }

  private async budgetOf(codes: string[], month: string): Promise<BriefFigures['budget']> {
    const { year } = parseMonthKey(month);
    const today = todayInShanghai();
    const monthEnd = lastDayOfMonth(month);
    const asOf = monthEnd < today ? monthEnd : today;
    const inScope = new Set(codes);
    const projects: BriefBudgetProject[] = [];
    for (const project of (await this.budget.projectsOfYear(year)).filter((p) => inScope.has(p.divisionCode))) {
      const execution = await this.budget.computeExecution(project, { asOf });
      projects.push({
        id: project.id, code: project.code, name: project.name, divisionCode: project.divisionCode,
        adjustedBudget: execution.total.adjustedBudget, executed: execution.progress.executed, ratePercent: execution.progress.ratePercent,
        expectedPercent: execution.progress.expectedPercent, gapPoints: execution.progress.gapPoints, status: execution.progress.status,
      });
    }
    // The warnings that stood at the end of the month (raised by then, not cleared by then).
    const end = new Date(`${asOf}T23:59:59.999+08:00`);
    const warnings: BriefBudgetWarning[] = (await this.budgetWatch.listWarnings(DivisionScope.limitedTo('admin', codes[0], codes), { year }))
      .filter((w) => new Date(w.raisedAt) <= end && (w.clearedAt === null || new Date(w.clearedAt) > end))
      .map((w) => ({ projectName: w.projectName, kind: w.kind, message: splitBilingual(w.message) }));
    return { year, asOf, projects, warnings };
  }
}

function toCard(metric: PanelMetric): BriefCard {
  const d = METRICS_BY_CODE[metric.code];
  return {
    code: metric.code, name: d.nameZh, nameEn: d.nameEn, unit: d.unit.zh, unitEn: d.unit.en,
    value: metric.value, mom: metric.mom, yoy: metric.yoy, ytd: metric.ytd, target: metric.target,
    targetCompletion: metric.targetCompletion, pace: metric.pace, paceGap: metric.paceGap, status: metric.status,
  };
}
