import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { RankingRepository, type RankingSnapshotRow } from './ranking.repository.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { RollupsRepository } from '../kpi/rollups.repository.js';
import { TargetsRepository } from '../kpi/targets.repository.js';
import { rankingPublishedNotice } from '../notify/outbox/notices.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import {
  DEFAULT_RANKING_MODEL,
  type Dec,
  computeRanking,
  dec,
  monthlyPace,
  monthRange,
  parseMonthKey,
  previousMonth,
  validateRankingModel,
  type RankingDivisionInput,
} from '@app/kpi-core';
import {
  type RankTrendMonth,
  type Ranking,
  type RankingBasis,
  type RankingEntry,
  type RankingInputJson,
  type RankingModel,
  type RankingModelsResponse,
} from '@app/contracts';

export interface LiveRanking {
  model: RankingModel;
  inputs: RankingInputJson[];
  entries: RankingEntry[];
  issues: Ranking['issues'];
}

// jsonb does not keep key order, so stored and live entries are compared in a canonical form.
const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical)
  : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
  : value;
const sameEntries = (a: RankingEntry[], b: RankingEntry[]) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

@Injectable()
export class RankingService {
  constructor(
    private readonly repository: RankingRepository,
    private readonly rollups: RollupsRepository,
    private readonly targets: TargetsRepository,
    private readonly divisions: DivisionsService,
    private readonly outbox: NoticeOutbox,
  ) {}

  async activeModel(): Promise<RankingModel> {
    return (await this.repository.findActiveModel()) ?? structuredClone(DEFAULT_RANKING_MODEL) as RankingModel;
  }

  async listModels(): Promise<RankingModelsResponse> {
    const stored = await this.repository.findModels();
    const active = await this.activeModel();
    return { active, versions: stored.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
  }

  async createModel(model: unknown, actor: AuthenticatedUser): Promise<RankingModel> {
    const errors = validateRankingModel(model);
    if (errors.length > 0) throw new UnprocessableEntityException({ statusCode: 422, message: 'The ranking model is not valid / 排名模型无效', errors });
    const valid = model as RankingModel;
    if (valid.version === DEFAULT_RANKING_MODEL.version || (await this.repository.modelVersionExists(valid.version))) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'version', message: `version ${valid.version} exists; a changed model needs a new version / 版本 ${valid.version} 已存在，修改后的模型需要新版本号` }] });
    }
    await this.repository.activateNewModel(valid, actor.username);
    return valid;
  }

  /** The ranking of a city's county-level divisions from the current rollups, not stored. */
  async computeLive(city: string, month: string, basis: RankingBasis, model?: RankingModel): Promise<LiveRanking> {
    const rankings = await this.computeMany([city], [month], basis, model);
    return rankings.get(`${city}|${month}`)!;
  }

  /**
   * Rankings of many cities and months from one bulk read of the rollups, denominators and
   * targets (the monthly close, the province-wide benchmark); keyed "city|month".
   */
  async computeMany(cities: readonly string[], months: readonly string[], basis: RankingBasis, model?: RankingModel): Promise<Map<string, LiveRanking>> {
    const activeModel = model ?? (await this.activeModel());
    const countiesOf = new Map<string, Array<{ code: string; name: string }>>();
    for (const city of cities) {
      const counties = await this.repository.findCounties(city);
      if (counties.length === 0) throw new NotFoundException(`${city} has no county-level divisions to rank / 该市没有可排名的区县`);
      countiesOf.set(city, counties);
    }
    const codes = [...countiesOf.values()].flat().map((c) => c.code);
    const sorted = [...months].sort();
    const firstFrom = basis === 'ytd' ? `${parseMonthKey(sorted[0]).year}-01` : sorted[0];
    const monthly = new Map<string, string>();
    for (const row of await this.rollups.findMonthly(codes, firstFrom, sorted.at(-1)!)) monthly.set(`${row.divisionCode}|${row.metricCode}|${row.month}`, row.value);
    const years = [...new Set(sorted.map((m) => parseMonthKey(m).year))];
    const denominatorsByYear = new Map<number, Map<string, Record<string, string | null>>>();
    const targetsByYear = new Map<number, Map<string, { annual: string; monthlyPlan: string[] | null }>>();
    for (const year of years) {
      denominatorsByYear.set(year, await this.repository.findDenominators(codes, year));
      targetsByYear.set(year, new Map((await this.targets.findForDivisions(codes, year)).map((t) => [`${t.divisionCode}|${t.metricCode}`, t])));
    }
    const metrics = [...new Set(activeModel.indicators.map((i) => i.metric))];
    // January to a month, built on January to the month before: each month is added once, not once per later month.
    const yearToDate = new Map<string, Dec>();
    const ytdOf = (division: string, metric: string, month: string): Dec => {
      const key = `${division}|${metric}|${month}`;
      let total = yearToDate.get(key);
      if (total === undefined) {
        const own = dec(monthly.get(key) ?? 0);
        total = month.endsWith('-01') ? own : ytdOf(division, metric, previousMonth(month)).plus(own);
        yearToDate.set(key, total);
      }
      return total;
    };

    const result = new Map<string, LiveRanking>();
    for (const city of cities) {
      for (const month of months) {
        const { year, month: m } = parseMonthKey(month);
        const inputs: RankingInputJson[] = countiesOf.get(city)!.map((county) => {
          const values: Record<string, string | null> = {};
          const targets: Record<string, string | null> = {};
          for (const metric of metrics) {
            // Rollup values are numeric(20,2) text already: a month's value needs no arithmetic.
            values[metric] = basis === 'ytd' ? ytdOf(county.code, metric, month).toFixed(2) : (monthly.get(`${county.code}|${metric}|${month}`) ?? '0.00');
            const target = targetsByYear.get(year)!.get(`${county.code}|${metric}`);
            // The share of the annual target that belongs to the period ranked (the month, or January to it).
            const plan = target?.monthlyPlan ?? undefined;
            const share = !target ? null : basis === 'ytd' ? monthlyPace(m, plan) : monthlyPace(m, plan).minus(m === 1 ? 0 : monthlyPace(m - 1, plan));
            targets[metric] = target && share ? dec(target.annual).times(share).toFixed(2) : null;
          }
          return { division: county.code, name: county.name, values, denominators: denominatorsByYear.get(year)!.get(county.code) ?? {}, targets };
        });
        const ranking = computeRanking(activeModel, inputs as RankingDivisionInput[]);
        result.set(`${city}|${month}`, { model: activeModel, inputs, entries: ranking.entries, issues: ranking.issues });
      }
    }
    return result;
  }

  /**
   * The ranking as a reader should see it. The newest stored version is compared with the live
   * computation; a difference (a correction to the facts, a new model) is stored as a new draft
   * version, so the published version never changes silently and the draft shows what would change.
   */
  async getRanking(scope: DivisionScope, city: string, month: string, basis: RankingBasis): Promise<Ranking> {
    const cityDivision = await this.divisions.requireDivision(city);
    if (cityDivision.level !== 'prefecture') {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'city', message: 'must be a prefecture-level division such as 510400 / 须为地市级区划，如 510400' }] });
    }
    const seesDrafts = scope.role === 'admin' || (scope.role === 'city' && scope.covers(city));
    if (!seesDrafts && !scope.isUnrestricted) {
      // District users see the published ranking of their own city only.
      const home = await this.divisions.requireDivision(scope.homeDivision);
      if (home.parentCode !== city) throw new ForbiddenException(`The ranking of ${city} is outside your scope / 无权查看该市排名`);
    }
    const draft = seesDrafts ? await this.prepareDraft(city, month, basis) : null;
    const published = await this.repository.findLatest(city, month, basis, 'published');
    if (!seesDrafts && !published) {
      throw new NotFoundException(`The ranking of ${month} is not published yet / ${month} 排名尚未发布`);
    }
    const base = published ?? draft!;
    const newerDraft = published && draft && draft.version > published.version ? draft : null;
    return this.toResponse(base, newerDraft);
  }

  /** Publishes (freezes) the month's ranking for both bases from the current data. */
  async publish(scope: DivisionScope, actor: AuthenticatedUser, city: string, month: string): Promise<Ranking[]> {
    scope.assertCovers(city);
    const results: Ranking[] = [];
    const lives = [await this.computeLive(city, month, 'month'), await this.computeLive(city, month, 'ytd')];
    // Both bases and the notice commit together (the outbox).
    await this.repository.transaction(async (manager) => {
      for (const [i, basis] of (['month', 'ytd'] as const).entries()) {
        const live = lives[i];
        const snapshot = await this.repository.insertNextVersion({
          cityCode: city, month, basis, status: 'published', modelVersion: live.model.version, model: live.model,
          inputs: live.inputs, entries: live.entries, publishedAt: new Date(), publishedBy: actor.username,
        }, manager);
        results.push(this.toResponse(snapshot, null, live.issues));
      }
      await this.outbox.record(manager, rankingPublishedNotice({ code: city, name: (await this.divisions.requireDivision(city)).name }, month, results[0].version, actor.username));
    });
    return results;
  }

  /** Stores the live ranking as a new draft version when it differs from the newest stored one. */
  async prepareDraft(city: string, month: string, basis: RankingBasis): Promise<RankingSnapshotRow> {
    const live = await this.computeLive(city, month, basis);
    const latest = await this.repository.findLatest(city, month, basis);
    if (latest && latest.modelVersion === live.model.version && sameEntries(latest.entries, live.entries)) return latest;
    return this.repository.insertNextVersion({
      cityCode: city, month, basis, status: 'draft', modelVersion: live.model.version, model: live.model,
      inputs: live.inputs, entries: live.entries, publishedAt: null, publishedBy: null,
    });
  }

  /** Rank of every division per month (newest version of each month), for the rank trend. */
  async rankTrend(scope: DivisionScope, city: string, fromMonth: string, toMonth: string, basis: RankingBasis): Promise<RankTrendMonth[]> {
    const seesDrafts = scope.role === 'admin' || (scope.role === 'city' && scope.covers(city));
    if (seesDrafts) {
      // Months nobody has opened yet have no stored version: prepare them (one at a time, each under its lock).
      const stored = new Set((await this.repository.findLatestPerMonth(city, basis, fromMonth, toMonth, false)).map((s) => s.month));
      for (const month of monthRange(fromMonth, toMonth).slice(-60)) {
        if (!stored.has(month)) await this.prepareDraft(city, month, basis);
      }
    }
    const snapshots = await this.repository.findLatestPerMonth(city, basis, fromMonth, toMonth, !seesDrafts);
    return snapshots.map((s) => ({
      month: s.month, status: s.status, version: s.version,
      ranks: s.entries.map((e) => ({ division: e.division, name: e.name, rank: e.rank, score: e.score })),
    }));
  }

  private toResponse(snapshot: RankingSnapshotRow, draft: RankingSnapshotRow | null, issues: Ranking['issues'] = []): Ranking {
    const differences = draft
      ? draft.entries.flatMap((d) => {
          const p = snapshot.entries.find((e) => e.division === d.division);
          return p && (p.rank !== d.rank || p.score !== d.score)
            ? [{ division: d.division, name: d.name, publishedRank: p.rank, draftRank: d.rank, publishedScore: p.score, draftScore: d.score }]
            : [];
        })
      : [];
    return {
      city: snapshot.cityCode,
      month: snapshot.month,
      basis: snapshot.basis,
      modelVersion: snapshot.modelVersion,
      status: snapshot.status,
      version: snapshot.version,
      publishedAt: snapshot.publishedAt?.toISOString() ?? null,
      publishedBy: snapshot.publishedBy,
      disclaimer: snapshot.model.disclaimer,
      model: snapshot.model,
      inputs: snapshot.inputs,
      entries: snapshot.entries,
      issues: issues.length > 0 ? issues : computeRanking(snapshot.model, snapshot.inputs as RankingDivisionInput[]).issues,
      draft: draft ? { version: draft.version, createdAt: draft.createdAt.toISOString(), entries: draft.entries, differences } : null,
    };
  }
}
