// The fixed vocabulary of the 绩效自评表 (domain.md §3.2): codes for the API, labels for the table.

export const INDICATOR_LEVEL1S = ['output', 'benefit', 'satisfaction'] as const;
export type IndicatorLevel1 = (typeof INDICATOR_LEVEL1S)[number];
export const INDICATOR_LEVEL1_LABELS: Record<IndicatorLevel1, string> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
};

export const INDICATOR_LEVEL2S = [
  'quantity',
  'quality',
  'timeliness',
  'cost',
  'economic',
  'social',
  'ecological',
  'sustainability',
  'satisfaction',
] as const;
export type IndicatorLevel2 = (typeof INDICATOR_LEVEL2S)[number];
export const INDICATOR_LEVEL2_LABELS: Record<IndicatorLevel2, string> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainability: '可持续影响指标',
  satisfaction: '服务对象满意度指标',
};

/** Level 1 follows from level 2, so an indicator cannot be filed under the wrong block. */
export const LEVEL1_OF_LEVEL2: Record<IndicatorLevel2, IndicatorLevel1> = {
  quantity: 'output',
  quality: 'output',
  timeliness: 'output',
  cost: 'output',
  economic: 'benefit',
  social: 'benefit',
  ecological: 'benefit',
  sustainability: 'benefit',
  satisfaction: 'satisfaction',
};

/** 指标性质: ≥ (正向), ≤ (反向), =, or qualitative (定性). */
export const INDICATOR_DIRECTIONS = ['>=', '<=', '=', 'qual'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export type QuantitativeDirection = Exclude<IndicatorDirection, 'qual'>;

export const QUALITATIVE_TIERS = ['met', 'partly_met', 'not_met'] as const;
export type QualitativeTier = (typeof QUALITATIVE_TIERS)[number];
export const QUALITATIVE_TIER_LABELS: Record<QualitativeTier, string> = {
  met: '达成年度指标',
  partly_met: '部分达成年度指标并具有一定效果',
  not_met: '未达成年度指标且效果较差',
};

/**
 * The two reverse (≤) formulas in use when the actual B exceeds the target A (domain.md §3.4.3):
 * `ratio` scores w × A/B; `linear` scores w × (1 − (B − A)/A), reaching 0 at B = 2A.
 */
export const REVERSE_FORMULAS = ['ratio', 'linear'] as const;
export type ReverseFormula = (typeof REVERSE_FORMULAS)[number];

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
