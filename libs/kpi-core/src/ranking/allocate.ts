import { Dec, type DecimalInput, dec, roundHalfUp, sum } from '../decimal.js';

export interface RoundedAllocation {
  /** The exact total rounded half-up to `places`. */
  total: Dec;
  /** Each part rounded to `places`, in input order; they add up exactly to `total`. */
  parts: Dec[];
}

/**
 * Rounds parts so that the displayed parts add up to the displayed total (largest remainder method).
 * Every part is first rounded down to `places`; the units of the last place still missing to reach
 * the half-up rounded total go one each to the parts that lost the most, earlier parts first on equal
 * losses. Each displayed part therefore differs from its exact value by less than one unit of the last
 * place, and a part that is already exact is never changed.
 */
export function allocateRounded(values: readonly DecimalInput[], places = 2): RoundedAllocation {
  const unit = new Dec(10).pow(-places);
  const exact = values.map((v) => dec(v));
  const total = roundHalfUp(sum(exact), places);
  const floors = exact.map((v) => v.toDecimalPlaces(places, Dec.ROUND_FLOOR));
  let missingUnits = total.minus(sum(floors)).dividedBy(unit).toNumber();

  const byLoss = exact
    .map((v, index) => ({ index, loss: v.minus(floors[index]) }))
    .filter((candidate) => candidate.loss.greaterThan(0))
    .sort((a, b) => b.loss.comparedTo(a.loss) || a.index - b.index);

  const parts = [...floors];
  for (const { index } of byLoss) {
    if (missingUnits <= 0) break;
    parts[index] = parts[index].plus(unit);
    missingUnits -= 1;
  }
  return { total, parts };
}
