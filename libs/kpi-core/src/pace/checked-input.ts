import { type Dec, type DecimalInput, dec } from '../decimal.js';

// Internal to kpi-core (not re-exported): turns user-supplied numbers into Dec with a
// message that names the field, instead of decimal.js's "[DecimalError] Invalid argument".
export function finiteDec(value: DecimalInput, label: string): Dec {
  let parsed: Dec;
  try {
    parsed = dec(value);
  } catch (error) {
    throw new RangeError(`${label} must be a number, got ${JSON.stringify(value)}`, { cause: error });
  }
  if (!parsed.isFinite()) throw new RangeError(`${label} must be a finite number, got ${String(value)}`);
  return parsed;
}

export function nonNegativeDec(value: DecimalInput, label: string): Dec {
  const parsed = finiteDec(value, label);
  if (parsed.isNegative() && !parsed.isZero()) throw new RangeError(`${label} must not be negative, got ${parsed.toString()}`);
  return parsed;
}
