import { type DecimalInput, roundHalfUp } from '../decimal.js';
import { finiteDec } from '../pace/checked-input.js';
import { type Grade } from './vocabulary.js';

/** Lower edges of the official bands (MoF 预算司; 财预〔2020〕10号): 优 90–100, 良 80–89.99, 中 60–79.99, 差 below 60. */
export const GRADE_BANDS: readonly { grade: Grade; from: number }[] = Object.freeze([
  { grade: 'excellent', from: 90 },
  { grade: 'good', from: 80 },
  { grade: 'fair', from: 60 },
  { grade: 'poor', from: 0 },
]);

/** Grade of a total out of 100, judged on the total as published (half-up to 2 decimals), so "90.00" is never 良. */
export function gradeFor(total: DecimalInput): Grade {
  const published = roundHalfUp(finiteDec(total, 'total score'));
  if (published.isNegative() || published.greaterThan(100)) {
    throw new RangeError(`total score must lie from 0 to 100, got ${published.toString()}`);
  }
  for (const band of GRADE_BANDS) if (published.greaterThanOrEqualTo(band.from)) return band.grade;
  return 'poor';
}
