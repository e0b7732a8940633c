import { type ConsistencyFinding, type FindingSeverity } from '@app/contracts';
import { type Dec, type DecimalInput, dec, roundHalfUp } from '../decimal.js';

// The finding shape and the rule vocabulary are part of the API contract.
export type { ConsistencyFinding, ConsistencyRule, FindingSeverity } from '@app/contracts';

/** A number as the finding prints it: half-up, exactly 2 decimals. */
export function fixed2(value: DecimalInput): string {
  return roundHalfUp(value, 2).toFixed(2);
}

/** Decimal places as printed ("45.45" → 2, "78" → 0, "0.6" → 1). */
export function printedPlaces(printed: string): number {
  const match = /\.(\d+)$/.exec(printed.trim());
  return match ? match[1].length : 0;
}

/** The number of a printed cell, tolerant of thousands separators, spaces and a trailing "%". Null when not a number. */
export function parsePrinted(printed: string | null | undefined): Dec | null {
  if (printed === null || printed === undefined) return null;
  const cleaned = printed.replace(/[,，\s]/g, '').replace(/%$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  return dec(cleaned);
}

/** Orders findings for display: errors first, then warnings, then info; stable within a severity. */
export function sortFindings<T extends Pick<ConsistencyFinding, 'severity'>>(findings: readonly T[]): T[] {
  const rank: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
