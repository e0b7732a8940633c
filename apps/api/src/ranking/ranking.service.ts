import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { RankingRepository, type RankingSnapshotRow } from './ranking.repository.js';
import { type LiveRanking, RankingInputs } from './ranking-inputs.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { RollupsRepository } from '../kpi/rollups.repository.js';
import { TargetsRepository } from '../kpi/targets.repository.js';
import { rankingPublishedNotice } from '../notify/outbox/notices.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import {
  DEFAULT_RANKING_MODEL,
  computeRanking,
  monthRange,
  parseMonthKey,
  shanghaiMonth,
  validateRankingModel,
  type RankingDivisionInput,
} from '@app/kpi-core';
import {
  type RankTrendMonth,
  type Ranking,
  type RankingBasis,
  type RankingEntry,
  type RankingModel,
  type RankingModelsResponse,
} from '@app/contracts';

export { type LiveRanking } from './ranking-inputs.js';

// jsonb keeps neither key order nor keys whose value is undefined, so stored and live entries are compared as
// JSON values: the same keys (undefined ones left out) with the same values, in any order. (The monthly close
// compares 2,520 rankings; sorting every object's keys and stringifying both sides took a sixth of its time.)
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keysOf = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const keys = keysOf(left);
  return keys.length === keysOf(right).length && keys.every((k) => Object.hasOwn(right, k) && sameJson(left[k], right[k]));
}
const sameEntries = (a: RankingEntry[], b: RankingEntry[]) => sameJson(a, b);

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
   * targets (the province-wide benchmark, the demo data, the rank trend); keyed "city|month".
   */
  async computeMany(cities: readonly string[], months: readonly string[], basis: RankingBasis, model?: RankingModel): Promise<Map<string, LiveRanking>> {
    const inputs = await this.readInputs(cities, months, model);
    const result = new Map<string, LiveRanking>();
    for (const city of cities) for (const month of months) result.set(`${city}|${month}`, inputs.rank(city, month, basis));
    return result;
  }

  /** One read of everything the rankings of these cities and months need, on either basis (year-to-date reads from January). */
  async readInputs(cities: readonly string[], months: readonly string[], model?: RankingModel): Promise<RankingInputs> {
    const activeModel = model ?? (await this.activeModel());
    const countiesOf = new Map<string, Array<{ code: string; name: string }>>();
    for (const city of cities) {
      const counties = await this.repository.findCounties(city);
      if (counties.length === 0) throw new NotFoundException(`${city} has no county-level divisions to rank / 该市没有可排名的区县`);
      countiesOf.set(city, counties);
    }
    const codes = [...countiesOf.values()].flat().map((c) => c.code);
    const sorted = [...months].sort();
    // Year-to-date ranks read from January: every series starts at January of the first year.
    const first = parseMonthKey(sorted[0]);
    const last = parseMonthKey(sorted.at(-1)!);
    const monthCount = (last.year - first.year) * 12 + last.month;
    const series = new Map<string, Map<string, Array<string | undefined>>>();
    for (const row of await this.rollups.findMonthly(codes, `${first.year}-01`, sorted.at(-1)!)) {
      const { year, month } = parseMonthKey(row.month);
      let ofDivision = series.get(row.divisionCode);
      if (!ofDivision) series.set(row.divisionCode, (ofDivision = new Map()));
      let values = ofDivision.get(row.metricCode);
      if (!values) ofDivision.set(row.metricCode, (values = []));
      values[(year - first.year) * 12 + month - 1] = row.value;
    }
    const denominatorsByYear = new Map<number, Map<string, Record<string, string | null>>>();
    const targetsByYear = new Map<number, Map<string, { annual: string; monthlyPlan: string[] | null }>>();
    for (const year of new Set(sorted.map((m) => parseMonthKey(m).year))) {
      denominatorsByYear.set(year, await this.repository.findDenominators(codes, year));
      targetsByYear.set(year, new Map((await this.targets.findForDivisions(codes, year)).map((t) => [`${t.divisionCode}|${t.metricCode}`, t])));
    }
    return new RankingInputs({ model: activeModel, countiesOf, firstYear: first.year, monthCount, series, denominatorsByYear, targetsByYear });
  }

  /**
   * The ranking as a reader should see it. The newest stored version is compared with the live
   * computation; a difference (a correction to the facts, a new model) is stored as a new draft
   * version, so the published version never changes silently and the draft shows what would change.
   */
  async getRanking(scope: DivisionScope, city: string, month: string, basis: RankingBasis): Promise<Ranking> {
    const seesDrafts = await this.assertMayRead(scope, city, 'query.city');
    // A read computes; it stores nothing (only the monthly close and an explicit "save drafts" do).
    const draft = seesDrafts ? await this.liveDraft(city, month, basis) : null;
    const published = await this.repository.findLatest(city, month, basis, 'published');
    if (!seesDrafts && !published) {
      throw new NotFoundException(`The ranking of ${month} is not published yet / ${month} 排名尚未发布`);
    }
    const base = published ?? draft!;
    const newerDraft = published && draft && draft.version > published.version ? draft : null;
    return this.toResponse(base, newerDraft);
  }

  /**
   * Who may read a city's ranking: admin and the city itself (drafts included), a district of that
   * city (published only); anyone else 403 — the same for the ranking and its trend.
   */
  private async assertMayRead(scope: DivisionScope, city: string, field: string): Promise<boolean> {
    const cityDivision = await this.divisions.requireDivision(city);
    if (cityDivision.level !== 'prefecture') {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field, code: 'NOT_A_CITY', message: '须为地市级区划，如 510400', messageEn: `${field} must be a prefecture-level division such as 510400` }] });
    }
    const seesDrafts = scope.role === 'admin' || (scope.role === 'city' && scope.covers(city));
    if (!seesDrafts && !scope.isUnrestricted) {
      // District users see the published ranking of their own city only.
      const home = await this.divisions.requireDivision(scope.homeDivision);
      if (home.parentCode !== city) throw new ForbiddenException({ statusCode: 403, code: 'OUT_OF_SCOPE', message: '无权查看该市排名', messageEn: `The ranking of ${city} is outside your scope` });
    }
    return seesDrafts;
  }

  /** Only a month that has ended (Beijing time) can be published or saved as a draft: the current and later months are still moving. */
  private assertClosedMonth(month: string, now = new Date()): void {
    const current = shanghaiMonth(now);
    if (month >= current) {
      throw new UnprocessableEntityException({
        statusCode: 422, message: 'Validation failed / 输入有误',
        errors: [{ field: 'month', code: 'MONTH_NOT_CLOSED', params: { currentMonth: current }, message: `只能发布已结束的月份（${current} 尚未结束）`, messageEn: `only a month that has ended can be published (${current} has not ended yet)` }],
      });
    }
  }

  /** Publishes (freezes) the month's ranking for both bases from the current data. */
  async publish(scope: DivisionScope, actor: AuthenticatedUser, city: string, month: string): Promise<Ranking[]> {
    scope.assertCovers(city);
    this.assertClosedMonth(month);
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

  /** The explicit action: stores the month's live rankings (both bases) as draft versions where they differ from the stored ones. */
  async saveDrafts(scope: DivisionScope, city: string, month: string): Promise<Ranking[]> {
    scope.assertCovers(city);
    this.assertClosedMonth(month);
    const results: Ranking[] = [];
    for (const basis of ['month', 'ytd'] as const) {
      const draft = await this.prepareDraft(city, month, basis);
      const published = await this.repository.findLatest(city, month, basis, 'published');
      results.push(published && draft.version > published.version ? this.toResponse(published, draft) : this.toResponse(draft, null));
    }
    return results;
  }

  /** The live ranking, as the newest stored version when nothing changed, else as the next (unsaved) draft version. */
  private async liveDraft(city: string, month: string, basis: RankingBasis): Promise<RankingSnapshotRow> {
    const live = await this.computeLive(city, month, basis);
    const latest = await this.repository.findLatest(city, month, basis);
    if (latest && latest.modelVersion === live.model.version && sameEntries(latest.entries, live.entries)) return latest;
    return {
      id: '', cityCode: city, month, basis, version: (latest?.version ?? 0) + 1, status: 'draft', modelVersion: live.model.version, model: live.model,
      inputs: live.inputs, entries: live.entries, createdAt: new Date(), publishedAt: null, publishedBy: null,
    };
  }

  /** Stores the live ranking as a new draft version when it differs from the newest stored one (monthly close, saveDrafts). */
  async prepareDraft(city: string, month: string, basis: RankingBasis): Promise<RankingSnapshotRow> {
    const live = await this.computeLive(city, month, basis);
    const latest = await this.repository.findLatest(city, month, basis);
    if (latest && latest.modelVersion === live.model.version && sameEntries(latest.entries, live.entries)) return latest;
    return this.repository.insertNextVersion({
      cityCode: city, month, basis, status: 'draft', modelVersion: live.model.version, model: live.model,
      inputs: live.inputs, entries: live.entries, publishedAt: null, publishedBy: null,
    });
  }

  /**
   * The monthly close of many (city, month) pairs: both bases of every pair ranked from one read
   * (`readInputs`), then, one transaction per month, each ranking that differs from the newest stored
   * version stored as a new draft and the pairs marked closed.
   *
   * Storing a month (~1 MB of JSON for 21 cities) costs the database about as much as ranking and
   * encoding it costs this process, so the two overlap: a month is ranked and encoded while the month
   * before is being written. The months are still written one after the other, in order, and a failed
   * month stops the close (a later month is never closed before an earlier one).
   * Returns the number of rankings prepared (stored or found unchanged) and stored.
   */
  async closeMonths(pairs: ReadonlyArray<{ city: string; month: string }>): Promise<{ prepared: number; stored: number }> {
    if (pairs.length === 0) return { prepared: 0, stored: 0 };
    const months = [...new Set(pairs.map((p) => p.month))].sort();
    const inputs = await this.readInputs([...new Set(pairs.map((p) => p.city))], months);
    let stored = 0;
    let writing: Promise<number> | null = null;
    for (const month of months) {
      const closing = pairs.filter((p) => p.month === month).map((p) => ({ cityCode: p.city, month }));
      const drafts = [];
      for (const { cityCode } of closing) {
        for (const basis of ['month', 'ytd'] as const) {
          const ranking = inputs.rank(cityCode, month, basis);
          drafts.push({ cityCode, month, basis, modelVersion: ranking.model.version, model: ranking.model, inputs: ranking.inputs, entries: ranking.entries });
        }
        // Back to the event loop between cities, so that the transaction in progress sends its next
        // statement now rather than after the whole month is ranked.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const document = RankingRepository.draftsDocument(drafts);
      if (writing) stored += await writing;
      writing = this.repository.storeDraftsAndClose(document, closing);
      // A failure is taken up by the next await; until then it must not count as unhandled.
      writing.catch(() => undefined);
    }
    stored += await writing!;
    return { prepared: pairs.length * 2, stored };
  }

  /** Rank of every division per month (newest version of each month), for the rank trend. */
  async rankTrend(scope: DivisionScope, city: string, fromMonth: string, toMonth: string, basis: RankingBasis): Promise<RankTrendMonth[]> {
    const seesDrafts = await this.assertMayRead(scope, city, 'query.city');
    const snapshots = await this.repository.findLatestPerMonth(city, basis, fromMonth, toMonth, !seesDrafts);
    const trend: RankTrendMonth[] = snapshots.map((s) => ({
      month: s.month, status: s.status, version: s.version,
      ranks: s.entries.map((e) => ({ division: e.division, name: e.name, rank: e.rank, score: e.score })),
    }));
    if (seesDrafts) {
      // Months with no stored version yet are computed (the latest 60 at most, in one read), not stored.
      const stored = new Set(snapshots.map((s) => s.month));
      const missing = monthRange(fromMonth, toMonth).slice(-60).filter((m) => !stored.has(m));
      if (missing.length > 0) {
        const live = await this.computeMany([city], missing, basis);
        for (const month of missing) {
          const ranking = live.get(`${city}|${month}`)!;
          trend.push({ month, status: 'draft', version: 0, ranks: ranking.entries.map((e) => ({ division: e.division, name: e.name, rank: e.rank, score: e.score })) });
        }
        trend.sort((a, b) => a.month.localeCompare(b.month));
      }
    }
    return trend;
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
