// The what-if panel of 区县排名: the user moves weights and sees ranks change at once. It runs in
// the browser with the same computeRanking as the server, so the preview cannot drift from the result.
import { RANKING_PILLARS, type RankingModel, type RankingPillar } from '@app/contracts';
import { type RankingDivisionInput, type RankingResult, computeRanking } from './compute.js';

export interface RankingWeightChanges {
  /** New pillar weights; pillars not given keep theirs. */
  pillars?: Partial<Record<RankingPillar, number>>;
  /** New indicator weights by indicator id; indicators not given keep theirs. */
  indicators?: Readonly<Record<string, number>>;
}

export interface RankMove {
  division: string;
  name: string;
  before: number;
  after: number;
  /** before − after: positive means the division moved up. */
  change: number;
  scoreBefore: number;
  scoreAfter: number;
}

export interface WhatIfResult {
  /** The edited model, versioned "<version>+what-if" so it is never taken for a saved version. */
  model: RankingModel;
  ranking: RankingResult;
  /** One per division, in the new display order. */
  moves: RankMove[];
}

/** A copy of `model` with some weights replaced; throws a RangeError for an unknown pillar or indicator id. */
export function withWeights(model: RankingModel, changes: RankingWeightChanges): RankingModel {
  const pillarChanges = changes.pillars ?? {};
  for (const key of Object.keys(pillarChanges)) {
    if (!(RANKING_PILLARS as readonly string[]).includes(key)) throw new RangeError(`unknown pillar "${key}"`);
  }
  const indicatorChanges = changes.indicators ?? {};
  const ids = new Set(model.indicators.map((indicator) => indicator.id));
  for (const id of Object.keys(indicatorChanges)) {
    if (!ids.has(id)) throw new RangeError(`unknown indicator "${id}"`);
  }
  return {
    ...model,
    pillars: Object.fromEntries(
      RANKING_PILLARS.map((pillar) => [pillar, { weight: pillarChanges[pillar] ?? model.pillars[pillar].weight }]),
    ) as RankingModel['pillars'],
    indicators: model.indicators.map((indicator) =>
      Object.hasOwn(indicatorChanges, indicator.id) ? { ...indicator, weight: indicatorChanges[indicator.id] } : { ...indicator },
    ),
    normalization: { ...model.normalization },
    tieBreak: [...model.tieBreak],
  };
}

/**
 * Recomputes the ranking with changed weights and reports each division's move against the
 * current model (or against `baseline` when the caller already has it). Invalid weights (negative,
 * a weighted pillar left without weighted indicators) throw a RangeError naming the field.
 */
export function whatIfRanking(
  model: RankingModel,
  inputs: readonly RankingDivisionInput[],
  changes: RankingWeightChanges,
  baseline: RankingResult = computeRanking(model, inputs),
): WhatIfResult {
  const edited = { ...withWeights(model, changes), version: `${model.version}+what-if` };
  const ranking = computeRanking(edited, inputs);
  const before = new Map(baseline.entries.map((entry) => [entry.division, entry]));
  const moves = ranking.entries.map((entry): RankMove => {
    const previous = before.get(entry.division);
    if (!previous) throw new RangeError(`division ${entry.division} is not in the baseline ranking`);
    return {
      division: entry.division,
      name: entry.name,
      before: previous.rank,
      after: entry.rank,
      change: previous.rank - entry.rank,
      scoreBefore: previous.score,
      scoreAfter: entry.score,
    };
  });
  return { model: edited, ranking, moves };
}
