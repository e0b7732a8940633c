// The city ranking of districts (issue 4, domain.md §1.4): our transparent composite index,
// labelled as such, not the province's official 综合绩效 formula.
import type { MetricCode } from './metrics.js';
import type { MetricValue } from './panels.js';

/** The three pillars of "一项工作 三项指标": 供给侧 / 需求侧 / 科普侧. */
export const RANKING_PILLARS = ['supply', 'demand', 'popsci'] as const;
export type RankingPillar = (typeof RANKING_PILLARS)[number];
export const RANKING_PILLAR_LABELS: Record<RankingPillar, string> = {
  supply: '供给侧',
  demand: '需求侧',
  popsci: '科普侧',
};

/** Per-indicator denominators, named as in `Denominator` (divisions.ts); `none` ranks the raw value. */
export const RANKING_DENOMINATORS = ['none', 'population', 'households', 'villages', 'enterprisesAboveScale'] as const;
export type RankingDenominator = (typeof RANKING_DENOMINATORS)[number];

/** `log` ranks ln(1 + x), so one very large deal does not dominate the amounts. */
export const RANKING_TRANSFORMS = ['none', 'log'] as const;
export type RankingTransform = (typeof RANKING_TRANSFORMS)[number];

/** `minmax`: within the peers of one city; `target`: x ÷ target, capped. */
export const RANKING_NORMALIZATIONS = ['minmax', 'target'] as const;
export type RankingNormalizationMethod = (typeof RANKING_NORMALIZATIONS)[number];

/** Keys of the tie-break order: a pillar's points, or the division code (ascending). */
export type RankingTieBreakKey = RankingPillar | 'division';

export type RankingBasis = 'month' | 'ytd';
export type RankingStatus = 'draft' | 'published';

export interface RankingIndicator {
  /** Unique within the model; usually the metric code. */
  id: string;
  metric: MetricCode;
  pillar: RankingPillar;
  /** Relative weight within its pillar (≥ 0). */
  weight: number;
  denominator: RankingDenominator;
  /** Scale of the intensity, e.g. 1000 for "per 1,000 residents" (default 1). */
  per?: number;
  transform: RankingTransform;
  /** Display label; the catalogue name when absent. */
  label?: string;
}

export interface RankingModel {
  /** Immutable once used by a published ranking; an edit makes a new version. */
  version: string;
  name: string;
  /** Shown next to every score: says the index is ours, not the official formula. */
  disclaimer: string;
  /** Pillar weights (default 30 / 40 / 30), relative to their sum. */
  pillars: Record<RankingPillar, { weight: number }>;
  indicators: RankingIndicator[];
  normalization: {
    method: RankingNormalizationMethod;
    /** Target-based only: the normalised value is capped here (default 1.2). */
    cap: number;
  };
  /** Orders entries with equal scores for display; the division code always ends the order. */
  tieBreak: RankingTieBreakKey[];
}

export interface RankingContribution {
  /** The indicator id. */
  indicator: string;
  /** The indicator's metric value before denominators and transforms; null when missing. */
  raw: MetricValue | null;
  /** Normalised value: 0–1 (min–max) or 0–cap (target-based). */
  normalized: number;
  /** Points the indicator is worth at normalized = 1 (pillar weight × share within the pillar, out of 100). */
  weight: number;
  /** weight × normalized, rounded so that an entry's points add up exactly to its score. */
  points: number;
}

export interface RankingPillarScore {
  /** Sum of the pillar's contribution points. */
  points: number;
  /** The pillar on its own, on 0–100 (Σ w·s ÷ Σ w × 100). */
  score: number;
  /** Rank by pillar score among the peers (ties share a rank). */
  rank: number;
}

export interface RankingEntry {
  division: string;
  name: string;
  /** Competition rank: equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  /** 0–100 under min–max; target-based can reach 100 × cap when every target is exceeded. */
  score: number;
  pillars: Record<RankingPillar, RankingPillarScore>;
  contributions: RankingContribution[];
}

/** GET /api/v1/rankings?city=510400&month=2021-11[&basis=month|ytd] */
export interface Ranking {
  city: string;
  month: string;
  basis: RankingBasis;
  modelVersion: string;
  status: RankingStatus;
  /** In display order: score descending, then the model's tie-break order. */
  entries: RankingEntry[];
  /** Snapshot version of this (city, month, basis): every change of the inputs makes a new one. */
  version: number;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Says the index is ours, not the province's official formula. */
  disclaimer: string;
  /** The model and inputs behind the entries, so the browser can explain and run what-if with the same code. */
  model: RankingModel;
  inputs: RankingInputJson[];
  /** Divisions whose data could not fully count (missing value, denominator or target). */
  issues: Array<{ division: string; indicator: string; reason: string; message: string }>;
  /** After publication: the newer draft computed from corrected data, with what would change. */
  draft: RankingDraft | null;
}

/** One division's inputs as JSON (values as decimal strings). */
export interface RankingInputJson {
  division: string;
  name: string;
  values: Record<string, string | null>;
  denominators: Record<string, string | null>;
  targets: Record<string, string | null>;
}

export interface RankingDraft {
  version: number;
  createdAt: string;
  entries: RankingEntry[];
  /** Divisions whose rank or score would change if the draft were published ("rank would be …"). */
  differences: Array<{ division: string; name: string; publishedRank: number; draftRank: number; publishedScore: number; draftScore: number }>;
}

/** POST /api/v1/rankings/publish */
export interface PublishRankingRequest {
  city: string;
  month: string;
}

/** One month of GET /api/v1/rankings/trend: the newest stored version of that month. */
export interface RankTrendMonth {
  month: string;
  status: RankingStatus;
  version: number;
  ranks: Array<{ division: string; name: string; rank: number; score: number }>;
}

/** A stored version of the ranking model. */
export interface RankingModelVersion {
  version: string;
  model: RankingModel;
  active: boolean;
  /** ISO timestamp. */
  createdAt: string;
  /** Username of the admin who stored it. */
  createdBy: string;
}

/** GET /api/v1/rankings/models */
export interface RankingModelsResponse {
  /** The stored active model, or the built-in default while none is stored. */
  active: RankingModel;
  /** Newest first. */
  versions: RankingModelVersion[];
}
