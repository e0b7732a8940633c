// The ranking model: our transparent composite index of domain.md §1.4, versioned and editable by
// admins. Nothing here is the province's official 综合绩效 formula, which is not public.
import {
  type FieldError,
  METRICS_BY_CODE,
  RANKING_DENOMINATORS,
  RANKING_NORMALIZATIONS,
  RANKING_PILLARS,
  RANKING_TRANSFORMS,
  type RankingModel,
  type RankingPillar,
  type RankingTieBreakKey,
} from '@app/contracts';

/** The tie-break order of domain.md §1.4 step 4: 需求侧, then 科普侧, then 供给侧, then division code. */
export const DEFAULT_TIE_BREAK: readonly RankingTieBreakKey[] = ['demand', 'popsci', 'supply', 'division'];

/** Default cap of target-based normalisation: 120% of the target at most. */
export const DEFAULT_TARGET_CAP = 1.2;

// Frozen all the way down: an admin edit or a what-if must copy the default, never change it in place.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The default model, per domain.md §1.4. Indicator weights are written as points out of 100 that add
 * up to their pillar's weight (30 / 40 / 30), so each one reads as the most it can contribute.
 * Left out until the data exists: 科创会 signings and villages with a 智慧科普传播员.
 */
export const DEFAULT_RANKING_MODEL: Readonly<RankingModel> = deepFreeze({
  version: 'tianfu-index-2021.1',
  name: '天府科技云综合指数（本平台透明指数）',
  disclaimer: '本平台依据公开资料构建的透明综合指数，非省科协官方综合绩效排名公式。 Dashboard composite index, not the official ranking of the Sichuan association.',
  pillars: { supply: { weight: 30 }, demand: { weight: 40 }, popsci: { weight: 30 } },
  indicators: [
    { id: 'registrations.scientist.count', metric: 'registrations.scientist.count', pillar: 'supply', weight: 12, denominator: 'population', per: 1000, transform: 'none', label: '新增注册科技工作者（每千人）' },
    { id: 'listings.studio.count', metric: 'listings.studio.count', pillar: 'supply', weight: 9, denominator: 'population', per: 100_000, transform: 'none', label: '科创工作室（每十万人）' },
    { id: 'listings.capability.count', metric: 'listings.capability.count', pillar: 'supply', weight: 9, denominator: 'population', per: 10_000, transform: 'none', label: '科技所能发布（每万人）' },
    { id: 'deals.tech_service.count', metric: 'deals.tech_service.count', pillar: 'demand', weight: 8, denominator: 'enterprisesAboveScale', transform: 'none', label: '科技服务成交笔数（每家规上企业）' },
    { id: 'deals.tech_service.amount', metric: 'deals.tech_service.amount', pillar: 'demand', weight: 8, denominator: 'enterprisesAboveScale', transform: 'log', label: '科技服务成交金额（每家规上企业，对数）' },
    { id: 'deals.achievement_transfer.count', metric: 'deals.achievement_transfer.count', pillar: 'demand', weight: 5, denominator: 'enterprisesAboveScale', transform: 'none', label: '科技成果转化笔数（每家规上企业）' },
    { id: 'deals.achievement_transfer.amount', metric: 'deals.achievement_transfer.amount', pillar: 'demand', weight: 5, denominator: 'enterprisesAboveScale', transform: 'log', label: '科技成果转化金额（每家规上企业，对数）' },
    { id: 'listings.research_project.count', metric: 'listings.research_project.count', pillar: 'demand', weight: 4, denominator: 'enterprisesAboveScale', transform: 'none', label: '科研项目发布（每家规上企业）' },
    { id: 'deals.research_project.count', metric: 'deals.research_project.count', pillar: 'demand', weight: 5, denominator: 'enterprisesAboveScale', transform: 'none', label: '科研项目成交笔数（每家规上企业）' },
    { id: 'deals.research_project.amount', metric: 'deals.research_project.amount', pillar: 'demand', weight: 5, denominator: 'enterprisesAboveScale', transform: 'log', label: '科研项目成交金额（每家规上企业，对数）' },
    { id: 'popsci.households', metric: 'popsci.households', pillar: 'popsci', weight: 12, denominator: 'households', per: 100, transform: 'none', label: '精准科普服务户数覆盖率（%）' },
    { id: 'popsci.person_times', metric: 'popsci.person_times', pillar: 'popsci', weight: 12, denominator: 'population', transform: 'none', label: '精准科普服务人次（人均）' },
    { id: 'listings.sharing_base.count', metric: 'listings.sharing_base.count', pillar: 'popsci', weight: 6, denominator: 'population', per: 100_000, transform: 'none', label: '科普共享基地（每十万人）' },
  ],
  normalization: { method: 'minmax', cap: DEFAULT_TARGET_CAP },
  tieBreak: [...DEFAULT_TIE_BREAK],
} satisfies RankingModel);

const MAX_VERSION_LENGTH = 64;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * Checks an admin-edited model (parsed JSON, so `unknown`) and returns one error per offending field,
 * with paths such as `indicators[2].weight` or `pillars.demand.weight`; an empty list means valid.
 */
export function validateRankingModel(model: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isRecord(model)) return [{ field: '', message: 'model must be an object' }];

  if (!nonEmptyString(model.version)) fail('version', 'version must be a non-empty string');
  else if (model.version.length > MAX_VERSION_LENGTH) fail('version', `version must be at most ${MAX_VERSION_LENGTH} characters`);
  if (!nonEmptyString(model.name)) fail('name', 'name must be a non-empty string');
  // The label is what keeps the index from passing for the official ranking.
  if (!nonEmptyString(model.disclaimer)) fail('disclaimer', 'disclaimer must say that this is not the official ranking');

  const pillarWeights = new Map<RankingPillar, number>();
  if (!isRecord(model.pillars)) {
    fail('pillars', `pillars must be an object with ${RANKING_PILLARS.join(', ')}`);
  } else {
    for (const key of Object.keys(model.pillars)) {
      if (!includes(RANKING_PILLARS, key)) fail(`pillars.${key}`, `unknown pillar "${key}"; expected one of ${RANKING_PILLARS.join(', ')}`);
    }
    for (const pillar of RANKING_PILLARS) {
      const entry = model.pillars[pillar];
      const weight = isRecord(entry) ? entry.weight : undefined;
      if (!isNonNegativeNumber(weight)) fail(`pillars.${pillar}.weight`, 'pillar weight must be a finite number ≥ 0');
      else pillarWeights.set(pillar, weight);
    }
    if (pillarWeights.size === RANKING_PILLARS.length && [...pillarWeights.values()].every((w) => w === 0)) {
      fail('pillars', 'at least one pillar must have a weight above 0');
    }
  }

  const indicatorWeightByPillar = new Map<RankingPillar, number>();
  if (!Array.isArray(model.indicators) || model.indicators.length === 0) {
    fail('indicators', 'the model needs at least one indicator');
  } else {
    const seen = new Set<string>();
    model.indicators.forEach((indicator: unknown, i: number) => {
      const at = `indicators[${i}]`;
      if (!isRecord(indicator)) return fail(at, 'indicator must be an object');
      if (!nonEmptyString(indicator.id)) fail(`${at}.id`, 'id must be a non-empty string');
      else if (seen.has(indicator.id)) fail(`${at}.id`, `duplicate indicator id "${indicator.id}"`);
      else seen.add(indicator.id);
      if (typeof indicator.metric !== 'string' || !Object.hasOwn(METRICS_BY_CODE, indicator.metric)) {
        fail(`${at}.metric`, `unknown metric code "${String(indicator.metric)}"`);
      }
      if (!includes(RANKING_PILLARS, indicator.pillar)) fail(`${at}.pillar`, `pillar must be one of ${RANKING_PILLARS.join(', ')}`);
      if (!isNonNegativeNumber(indicator.weight)) fail(`${at}.weight`, 'weight must be a finite number ≥ 0');
      else if (includes(RANKING_PILLARS, indicator.pillar)) {
        indicatorWeightByPillar.set(indicator.pillar, (indicatorWeightByPillar.get(indicator.pillar) ?? 0) + indicator.weight);
      }
      if (!includes(RANKING_DENOMINATORS, indicator.denominator)) fail(`${at}.denominator`, `denominator must be one of ${RANKING_DENOMINATORS.join(', ')}`);
      if (indicator.per !== undefined && !(isNonNegativeNumber(indicator.per) && indicator.per > 0)) fail(`${at}.per`, 'per must be a finite number > 0');
      if (!includes(RANKING_TRANSFORMS, indicator.transform)) fail(`${at}.transform`, `transform must be one of ${RANKING_TRANSFORMS.join(', ')}`);
      if (indicator.label !== undefined && typeof indicator.label !== 'string') fail(`${at}.label`, 'label must be a string');
    });
  }

  // A weighted pillar without weighted indicators would divide by zero instead of scoring.
  for (const [pillar, weight] of pillarWeights) {
    if (weight > 0 && Array.isArray(model.indicators) && !((indicatorWeightByPillar.get(pillar) ?? 0) > 0)) {
      fail(`pillars.${pillar}.weight`, `pillar ${pillar} has weight ${weight} but no indicator with a weight above 0`);
    }
  }

  const normalization = model.normalization;
  if (!isRecord(normalization)) {
    fail('normalization', 'normalization must be an object with method and cap');
  } else {
    if (!includes(RANKING_NORMALIZATIONS, normalization.method)) fail('normalization.method', `method must be one of ${RANKING_NORMALIZATIONS.join(', ')}`);
    if (!(isNonNegativeNumber(normalization.cap) && normalization.cap >= 1)) fail('normalization.cap', 'cap must be a finite number ≥ 1');
  }

  if (!Array.isArray(model.tieBreak)) {
    fail('tieBreak', 'tieBreak must be a list of pillars and "division"');
  } else {
    const keys: readonly string[] = [...RANKING_PILLARS, 'division'];
    const seen = new Set<unknown>();
    model.tieBreak.forEach((key: unknown, i: number) => {
      if (typeof key !== 'string' || !keys.includes(key)) fail(`tieBreak[${i}]`, `tie-break key must be one of ${keys.join(', ')}`);
      else if (seen.has(key)) fail(`tieBreak[${i}]`, `duplicate tie-break key "${key}"`);
      seen.add(key);
    });
  }
  return errors;
}

/** Throws a RangeError naming every invalid field; returns the model typed when it is valid. */
export function assertValidRankingModel(model: unknown): RankingModel {
  const errors = validateRankingModel(model);
  if (errors.length > 0) {
    throw new RangeError(`invalid ranking model: ${errors.map((e) => `${e.field || '(model)'}: ${e.message}`).join('; ')}`);
  }
  return model as RankingModel;
}
