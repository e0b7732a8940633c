// The composite index of domain.md §1.4 steps 1–5, computed with exact decimals and rounded once,
// so that every entry's displayed contributions add up to its displayed score.
import {
  type MetricCode,
  METRICS_BY_CODE,
  RANKING_PILLARS,
  type RankingContribution,
  type RankingDenominator,
  type RankingEntry,
  type RankingIndicator,
  type RankingModel,
  type RankingPillar,
  type RankingPillarScore,
  type RankingTieBreakKey,
} from '@app/contracts';
import { Dec, type DecimalInput, dec, roundHalfUp, sum } from '../decimal.js';
import { toMetricValue } from '../panel/index.js';
import { allocateRounded } from './allocate.js';
import { assertValidRankingModel } from './model.js';

/** One division's inputs for the period ranked (a month or the year to date). */
export interface RankingDivisionInput {
  /** GB/T 2260 code. */
  division: string;
  name: string;
  /** Metric values of the period, by metric code; absent or null means no data. */
  values: Partial<Record<MetricCode, DecimalInput | null>>;
  /** The division's denominators of the year (population, households, villages, 规上企业). */
  denominators?: Partial<Record<Exclude<RankingDenominator, 'none'>, DecimalInput | null>>;
  /** Targets for the same period, by metric code; used by target-based normalisation only. */
  targets?: Partial<Record<MetricCode, DecimalInput | null>>;
}

export type RankingIssueReason = 'missing_value' | 'missing_denominator' | 'missing_target';

/** An indicator that scored 0 for a division because an input was missing (shown, not hidden). */
export interface RankingDataIssue {
  division: string;
  indicator: string;
  reason: RankingIssueReason;
  message: string;
}

export interface RankingResult {
  modelVersion: string;
  /** Display order: score descending, then the model's tie-break order, then division code. */
  entries: RankingEntry[];
  issues: RankingDataIssue[];
}

interface Scored {
  input: RankingDivisionInput;
  /** Exact points per indicator, in model order. */
  points: Dec[];
  normalized: Dec[];
  pillarPoints: Record<RankingPillar, Dec>;
  pillarScores: Record<RankingPillar, Dec>;
  score: Dec;
}

const NORMALIZED_PLACES = 4;
const SCORE_PLACES = 2;

/**
 * Most points an indicator can earn at normalized = 1: 100 × the pillar's share of all pillar
 * weights × the indicator's share of its pillar's indicator weights.
 */
export function effectiveWeights(model: RankingModel): Dec[] {
  const pillarTotal = sum(RANKING_PILLARS.map((p) => model.pillars[p].weight));
  const indicatorTotals = new Map<RankingPillar, Dec>(
    RANKING_PILLARS.map((p) => [p, sum(model.indicators.filter((i) => i.pillar === p).map((i) => i.weight))]),
  );
  return model.indicators.map((indicator) => {
    const pillarWeight = dec(model.pillars[indicator.pillar].weight);
    const withinPillar = indicatorTotals.get(indicator.pillar)!;
    if (pillarWeight.isZero() || withinPillar.isZero()) return new Dec(0);
    return new Dec(100).times(pillarWeight).dividedBy(pillarTotal).times(indicator.weight).dividedBy(withinPillar);
  });
}

// ln(1 + x), mirrored for negative x (a negative delta after a correction) so the order is kept.
// In double precision: ln is the one step that is not exact whatever the precision, and Decimal's
// 40-digit series took ~90 µs a call, three quarters of a ranking's time (the monthly close ranks
// 2,520 at a time). A double carries ~16 significant digits (an absolute error below 1e-14 for any
// x a division can have), while the score is shown to 2 decimals and the normalised value to 4; the
// result is the same for the same input on every run, so equal inputs still tie.
function signedLog1p(x: Dec): Dec {
  const magnitude = new Dec(Math.log1p(x.abs().toNumber()));
  return x.isNegative() ? magnitude.negated() : magnitude;
}

function intensity(indicator: RankingIndicator, value: Dec, denominator: Dec | null): Dec {
  const perUnit = denominator === null ? value : value.dividedBy(denominator).times(indicator.per ?? 1);
  return indicator.transform === 'log' ? signedLog1p(perUnit) : perUnit;
}

type Lookup = { value: Dec } | { missing: RankingIssueReason; message: string };

function denominatorOf(indicator: RankingIndicator, input: RankingDivisionInput): Lookup {
  if (indicator.denominator === 'none') return { value: new Dec(1) };
  const raw = input.denominators?.[indicator.denominator];
  const value = raw === null || raw === undefined ? null : dec(raw);
  if (value === null || !value.greaterThan(0)) {
    return { missing: 'missing_denominator', message: `${indicator.denominator} of ${input.division} is missing or not above 0` };
  }
  return { value };
}

// x of one division for one indicator (step 1): raw ÷ denominator × per, then the transform.
function indicatorX(indicator: RankingIndicator, input: RankingDivisionInput): Lookup {
  const raw = input.values[indicator.metric];
  if (raw === null || raw === undefined) {
    return { missing: 'missing_value', message: `no value of ${indicator.metric} for ${input.division}` };
  }
  const denominator = denominatorOf(indicator, input);
  if ('missing' in denominator) return denominator;
  return { value: intensity(indicator, dec(raw), indicator.denominator === 'none' ? null : denominator.value) };
}

// The target on the same scale as x: through the same denominator and transform.
function targetX(indicator: RankingIndicator, input: RankingDivisionInput): Lookup {
  const raw = input.targets?.[indicator.metric];
  const target = raw === null || raw === undefined ? null : dec(raw);
  if (target === null || !target.greaterThan(0)) {
    return { missing: 'missing_target', message: `no target above 0 of ${indicator.metric} for ${input.division}` };
  }
  const denominator = denominatorOf(indicator, input);
  if ('missing' in denominator) return denominator;
  return { value: intensity(indicator, target, indicator.denominator === 'none' ? null : denominator.value) };
}

/** Normalised values of one indicator for every division (step 2), with an issue for each missing input. */
function normalizeIndicator(
  model: RankingModel,
  indicator: RankingIndicator,
  inputs: readonly RankingDivisionInput[],
  issues: RankingDataIssue[],
): Dec[] {
  const xs = inputs.map((input) => indicatorX(indicator, input));
  // A missing input scores 0 and is reported, so a gap in the data is visible rather than averaged away.
  const zeroFor = (input: RankingDivisionInput, missing: { missing: RankingIssueReason; message: string }) => {
    issues.push({ division: input.division, indicator: indicator.id, reason: missing.missing, message: missing.message });
    return new Dec(0);
  };

  if (model.normalization.method === 'target') {
    const cap = dec(model.normalization.cap);
    return inputs.map((input, d) => {
      const x = xs[d];
      if ('missing' in x) return zeroFor(input, x);
      const t = targetX(indicator, input);
      if ('missing' in t) return zeroFor(input, t);
      return Dec.min(Dec.max(x.value.dividedBy(t.value), 0), cap);
    });
  }

  const present = xs.flatMap((x) => ('missing' in x ? [] : [x.value]));
  const min = present.length > 0 ? Dec.min(...present) : new Dec(0);
  const max = present.length > 0 ? Dec.max(...present) : new Dec(0);
  return inputs.map((input, d) => {
    const x = xs[d];
    if ('missing' in x) return zeroFor(input, x);
    // All peers equal: nobody is behind anybody, so everybody gets the full value (domain.md §1.4).
    if (max.equals(min)) return new Dec(1);
    return x.value.minus(min).dividedBy(max.minus(min));
  });
}

function competitionRanks(keys: readonly Dec[]): number[] {
  return keys.map((key) => 1 + keys.filter((other) => other.greaterThan(key)).length);
}

function tieBreakOrder(model: RankingModel): RankingTieBreakKey[] {
  const order = model.tieBreak.filter((key) => key !== 'division');
  return [...order, 'division'];
}

/**
 * Ranks the divisions of one city with `model` (validated first; a RangeError names invalid fields).
 *
 * Scoring (domain.md §1.4): x = raw ÷ denominator × per, ln(1 + x) when the indicator is logged;
 * normalised min–max within the divisions given (all equal → 1) or as min(x ÷ target on the same
 * scale, cap); points = effective weight × normalised; score = Σ points (0–100 under min–max; up to
 * 100 × cap target-based). A missing value, denominator or target scores 0 and is listed in `issues`.
 *
 * Rounding: points are rounded to 2 decimals by largest remainder so that they add up exactly to the
 * score rounded half-up; pillar points are the sums of their displayed points.
 *
 * Ties: divisions with the same displayed score share the rank (1, 2, 2, 4); the tie-break order
 * (pillar points, then division code) only orders them in the list. Ranking on the displayed score
 * means two divisions shown with the same score never get different ranks.
 */
export function computeRanking(model: RankingModel, inputs: readonly RankingDivisionInput[]): RankingResult {
  assertValidRankingModel(model);
  const codes = new Set<string>();
  for (const input of inputs) {
    if (codes.has(input.division)) throw new RangeError(`division ${input.division} is given twice`);
    codes.add(input.division);
  }

  const issues: RankingDataIssue[] = [];
  const weights = effectiveWeights(model);
  const shownWeights = weights.map((weight) => roundHalfUp(weight, SCORE_PLACES).toNumber());
  const normalizedByIndicator = model.indicators.map((indicator) => normalizeIndicator(model, indicator, inputs, issues));

  // The pillars' members and weights are the model's, the same for every division.
  const pillarMembers = RANKING_PILLARS.map((pillar) => {
    const members = model.indicators.flatMap((indicator, i) => (indicator.pillar === pillar ? [i] : []));
    return { pillar, members, memberWeights: members.map((i) => dec(model.indicators[i].weight)), totalWeight: sum(members.map((i) => model.indicators[i].weight)) };
  });

  const scored: Scored[] = inputs.map((input, d) => {
    const normalized = model.indicators.map((_, i) => normalizedByIndicator[i][d]);
    const points = normalized.map((s, i) => weights[i].times(s));
    const pillarPoints = {} as Record<RankingPillar, Dec>;
    const pillarScores = {} as Record<RankingPillar, Dec>;
    for (const { pillar, members, memberWeights, totalWeight } of pillarMembers) {
      pillarPoints[pillar] = sum(members.map((i) => points[i]));
      // The pillar on its own: Σ w·s ÷ Σ w, on 0–100 (step 3).
      pillarScores[pillar] = totalWeight.isZero()
        ? new Dec(0)
        : sum(members.map((i, m) => normalized[i].times(memberWeights[m]))).dividedBy(totalWeight).times(100);
    }
    return { input, points, normalized, pillarPoints, pillarScores, score: sum(points) };
  });

  const displayed = scored.map((s) => allocateRounded(s.points, SCORE_PLACES));
  const ranks = competitionRanks(displayed.map((a) => a.total));
  const pillarRanks = Object.fromEntries(
    RANKING_PILLARS.map((pillar) => [pillar, competitionRanks(scored.map((s) => roundHalfUp(s.pillarScores[pillar], SCORE_PLACES)))]),
  ) as Record<RankingPillar, number[]>;

  const entries = scored.map((s, d): RankingEntry & { order: Scored } => {
    const parts = displayed[d].parts;
    const pillars = {} as Record<RankingPillar, RankingPillarScore>;
    for (const { pillar, members } of pillarMembers) {
      pillars[pillar] = {
        points: sum(members.map((i) => parts[i])).toNumber(),
        score: roundHalfUp(s.pillarScores[pillar], SCORE_PLACES).toNumber(),
        rank: pillarRanks[pillar][d],
      };
    }
    const contributions = model.indicators.map((indicator, i): RankingContribution => {
      const raw = s.input.values[indicator.metric];
      return {
        indicator: indicator.id,
        raw: raw === null || raw === undefined ? null : toMetricValue(METRICS_BY_CODE[indicator.metric], raw),
        normalized: roundHalfUp(s.normalized[i], NORMALIZED_PLACES).toNumber(),
        weight: shownWeights[i],
        points: parts[i].toNumber(),
      };
    });
    return {
      division: s.input.division,
      name: s.input.name,
      rank: ranks[d],
      score: displayed[d].total.toNumber(),
      pillars,
      contributions,
      order: s,
    };
  });

  const tieBreak = tieBreakOrder(model);
  entries.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    for (const key of tieBreak) {
      if (key === 'division') {
        if (a.division !== b.division) return a.division < b.division ? -1 : 1;
        continue;
      }
      const diff = b.order.pillarPoints[key].comparedTo(a.order.pillarPoints[key]);
      if (diff !== 0) return diff;
    }
    return 0;
  });

  return {
    modelVersion: model.version,
    entries: entries.map(({ order: _order, ...entry }) => entry),
    issues,
  };
}
