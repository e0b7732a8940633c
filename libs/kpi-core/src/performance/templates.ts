import { type Dec, type DecimalInput, sum } from '../decimal.js';
import { finiteDec, nonNegativeDec } from '../pace/checked-input.js';
import { DEFAULT_EXPLANATION_THRESHOLD } from './execution.js';
import { INDICATOR_LEVEL1S, type IndicatorLevel1, REVERSE_FORMULAS, type ReverseFormula } from './vocabulary.js';

/** Lower edges (shares of the weight) of the qualitative bands: met from `metFrom` to 1, partly met from `partlyMetFrom`, not met from 0. */
export interface QualitativeBands {
  metFrom: string;
  partlyMetFrom: string;
}

/** Points shared by the indicators of some level-1 blocks (Sichuan: one pool of 90; MoF: 50 / 30 / 10). */
export interface IndicatorPool {
  key: string;
  label: string;
  level1s: readonly IndicatorLevel1[];
  /** Points of the pool, a decimal string. */
  weight: string;
}

/** A scoring template: plain strings so it can be stored, versioned and sent as JSON. */
export interface ScoringTemplate {
  id: string;
  name: string;
  executionWeight: string;
  indicatorPools: readonly IndicatorPool[];
  /** Formula for ≤ indicators whose actual exceeds the target, unless an indicator says otherwise. */
  reverseFormula: ReverseFormula;
  qualitativeBands: QualitativeBands;
  /** Actual ÷ target (target ÷ actual for ≤) above which full marks are flagged for review (财预〔2020〕10号). */
  overAchievementRatio: string;
  /** Execution rate below which a reason is required. */
  explanationThreshold: string;
}

export const TEMPLATE_IDS = ['sichuan', 'mof', 'hubei'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const ALL_LEVEL1S: readonly IndicatorLevel1[] = INDICATOR_LEVEL1S;

/** 财预〔2020〕10号 / selfqualscorecheck bands: met 80–100%, partly met 60–80%, not met 0–60% of the weight. */
export const DEFAULT_QUALITATIVE_BANDS: Readonly<QualitativeBands> = Object.freeze({ metFrom: '0.8', partlyMetFrom: '0.6' });

const SHARED_RULES = {
  // Two formulas are in use and the Sichuan one is unconfirmed (domain.md §7.5): A/B is the more widely documented.
  reverseFormula: 'ratio' as const,
  qualitativeBands: DEFAULT_QUALITATIVE_BANDS,
  overAchievementRatio: '1.5',
  explanationThreshold: DEFAULT_EXPLANATION_THRESHOLD,
};

/** The built-in templates (domain.md §3.3). */
export const SCORING_TEMPLATES: Readonly<Record<TemplateId, ScoringTemplate>> = deepFreeze({
  sichuan: {
    id: 'sichuan',
    name: '四川省部门预算项目支出绩效自评（执行率10分 + 绩效指标90分）',
    executionWeight: '10',
    indicatorPools: [{ key: 'indicators', label: '绩效指标', level1s: ALL_LEVEL1S, weight: '90' }],
    ...SHARED_RULES,
  },
  mof: {
    id: 'mof',
    name: '财预〔2020〕10号 单位自评（预算执行率10、产出50、效益30、满意度10）',
    executionWeight: '10',
    indicatorPools: [
      { key: 'output', label: '产出指标', level1s: ['output'], weight: '50' },
      { key: 'benefit', label: '效益指标', level1s: ['benefit'], weight: '30' },
      { key: 'satisfaction', label: '满意度指标', level1s: ['satisfaction'], weight: '10' },
    ],
    ...SHARED_RULES,
  },
  hubei: {
    id: 'hubei',
    name: '湖北省项目支出绩效自评（执行率20分 + 绩效指标80分）',
    executionWeight: '20',
    indicatorPools: [{ key: 'indicators', label: '绩效指标', level1s: ALL_LEVEL1S, weight: '80' }],
    ...SHARED_RULES,
  },
});

// Built-ins are shared by every evaluation (and returned in its result): nobody may edit them in place.
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child as object);
  return Object.freeze(value);
}

export interface IndicatorPoolInput {
  key: string;
  label?: string;
  level1s: readonly IndicatorLevel1[];
  weight: DecimalInput;
}

/** A custom template: anything not given comes from `base` (default `sichuan`). */
export interface ScoringTemplateOptions {
  id?: string;
  name?: string;
  base?: TemplateId;
  executionWeight?: DecimalInput;
  indicatorPools?: readonly IndicatorPoolInput[];
  reverseFormula?: ReverseFormula;
  qualitativeBands?: { metFrom: DecimalInput; partlyMetFrom: DecimalInput };
  overAchievementRatio?: DecimalInput;
  explanationThreshold?: DecimalInput;
}

/** Builds and validates a custom template (weights must total 100; each level-1 block in exactly one pool). */
export function defineTemplate(options: ScoringTemplateOptions): ScoringTemplate {
  const base = SCORING_TEMPLATES[options.base ?? 'sichuan'];
  if (!base) throw new RangeError(`unknown base template "${String(options.base)}"`);
  const template: ScoringTemplate = {
    id: options.id ?? 'custom',
    name: options.name ?? '自定义模板',
    executionWeight: stringOf(options.executionWeight, base.executionWeight),
    indicatorPools: options.indicatorPools
      ? options.indicatorPools.map((p) => ({
          key: p.key,
          label: p.label ?? p.key,
          level1s: [...p.level1s],
          weight: stringOf(p.weight, ''),
        }))
      : base.indicatorPools,
    reverseFormula: options.reverseFormula ?? base.reverseFormula,
    qualitativeBands: options.qualitativeBands
      ? { metFrom: stringOf(options.qualitativeBands.metFrom, ''), partlyMetFrom: stringOf(options.qualitativeBands.partlyMetFrom, '') }
      : base.qualitativeBands,
    overAchievementRatio: stringOf(options.overAchievementRatio, base.overAchievementRatio),
    explanationThreshold: stringOf(options.explanationThreshold, base.explanationThreshold),
  };
  assertValidTemplate(template);
  return template;
}

/** A built-in template by id, or a given template after validation (it may come from storage). */
export function resolveTemplate(template: TemplateId | ScoringTemplate): ScoringTemplate {
  if (typeof template === 'string') {
    const found = (SCORING_TEMPLATES as Record<string, ScoringTemplate | undefined>)[template];
    if (!found) throw new RangeError(`unknown scoring template "${template}" (known: ${TEMPLATE_IDS.join(', ')})`);
    return found;
  }
  assertValidTemplate(template);
  return template;
}

function assertValidTemplate(t: ScoringTemplate): void {
  const where = `template "${t.id}"`;
  const executionWeight = points(t.executionWeight, `${where}: execution weight`);
  if (t.indicatorPools.length === 0) throw new RangeError(`${where}: needs at least one indicator pool`);

  const poolKeys = new Set<string>();
  const covered = new Map<IndicatorLevel1, string>();
  for (const pool of t.indicatorPools) {
    if (poolKeys.has(pool.key)) throw new RangeError(`${where}: pool key "${pool.key}" is used twice`);
    poolKeys.add(pool.key);
    points(pool.weight, `${where}: weight of pool "${pool.key}"`);
    for (const level1 of pool.level1s) {
      if (!ALL_LEVEL1S.includes(level1)) throw new RangeError(`${where}: pool "${pool.key}" names unknown level-1 block "${level1}"`);
      const other = covered.get(level1);
      if (other) throw new RangeError(`${where}: level-1 block "${level1}" is in pools "${other}" and "${pool.key}"`);
      covered.set(level1, pool.key);
    }
  }
  const missing = ALL_LEVEL1S.filter((l) => !covered.has(l));
  if (missing.length > 0) throw new RangeError(`${where}: level-1 blocks ${missing.join(', ')} belong to no pool`);

  const total = executionWeight.plus(sum(t.indicatorPools.map((p) => p.weight)));
  if (!total.equals(100)) throw new RangeError(`${where}: execution and indicator weights must total 100, got ${total.toString()}`);

  if (!REVERSE_FORMULAS.includes(t.reverseFormula)) throw new RangeError(`${where}: unknown reverse formula "${String(t.reverseFormula)}"`);
  const metFrom = finiteDec(t.qualitativeBands.metFrom, `${where}: qualitative band metFrom`);
  const partlyMetFrom = finiteDec(t.qualitativeBands.partlyMetFrom, `${where}: qualitative band partlyMetFrom`);
  if (partlyMetFrom.isNegative() || partlyMetFrom.greaterThan(metFrom) || metFrom.greaterThan(1)) {
    throw new RangeError(
      `${where}: qualitative bands need 0 ≤ partlyMetFrom ≤ metFrom ≤ 1, got ${partlyMetFrom.toString()} and ${metFrom.toString()}`,
    );
  }
  if (!finiteDec(t.overAchievementRatio, `${where}: over-achievement ratio`).greaterThan(1)) {
    throw new RangeError(`${where}: over-achievement ratio must be above 1, got ${t.overAchievementRatio}`);
  }
  const threshold = finiteDec(t.explanationThreshold, `${where}: explanation threshold`);
  if (threshold.isNegative() || threshold.greaterThan(1)) {
    throw new RangeError(`${where}: explanation threshold must be a share from 0 to 1, got ${t.explanationThreshold}`);
  }
}

// Points are printed with 2 decimals, and apportioning to the cent assumes it.
function points(value: string, label: string): Dec {
  const parsed = nonNegativeDec(value, label);
  if (parsed.decimalPlaces() > 2) throw new RangeError(`${label} must have at most 2 decimals, got ${parsed.toString()}`);
  return parsed;
}

function stringOf(value: DecimalInput | undefined, fallback: string): string {
  return value === undefined ? fallback : finiteDec(value, 'template value').toString();
}
