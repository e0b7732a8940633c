import { Dec, sum } from '../decimal.js';

// Internal helpers of the performance rules (not re-exported from the library).

/** A share clamped to 0..1: scores never go negative nor above their weight. */
export function clampShare(share: Dec): Dec {
  return Dec.min(Dec.max(share, 0), 1);
}

export function nonBlank(text: string | undefined | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Splits `total` over `parts` in proportion, to the cent, so the parts add up to `total` exactly
 * (largest remainder; ties go to the earlier part). Published 分值 columns have 2 decimals and must add up.
 */
export function apportionCents(parts: readonly Dec[], total: Dec): Dec[] {
  const partsTotal = sum(parts);
  if (partsTotal.isZero()) return parts.map(() => new Dec(0));
  const totalCents = total.times(100);
  const exactCents = parts.map((p) => p.times(totalCents).dividedBy(partsTotal));
  const cents = exactCents.map((c) => c.floor());
  let left = totalCents.minus(sum(cents)).toNumber();
  const byRemainder = exactCents
    .map((c, i) => ({ i, remainder: c.minus(cents[i]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    cents[i] = cents[i].plus(1);
    left--;
  }
  return cents.map((c) => c.dividedBy(100));
}
