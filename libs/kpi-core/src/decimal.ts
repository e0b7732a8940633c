import { Decimal } from 'decimal.js';

/**
 * The one Decimal constructor of the domain: 40 significant digits and half-up rounding,
 * so money and rates are exact and are rounded only at the edges (display, published tables).
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
export type DecimalInput = Dec | string | number;

export function dec(value: DecimalInput): Dec {
  return value instanceof Dec ? value : new Dec(value);
}

// Decimals are immutable: the constants of the hot paths are built once.
export const ZERO = new Dec(0);
export const HUNDRED = new Dec(100);

/** Half-up rounding to `places` decimals (default 2), the rounding rule of the published tables. */
export function roundHalfUp(value: DecimalInput, places = 2): Dec {
  return dec(value).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

// Plain decimal text: an optional minus, digits, and decimals after a point.
const PLAIN_DECIMAL = /^-?\d+(?:\.(\d+))?$/;

/** The same rounding straight to fixed-point text, without an intermediate Decimal (the panel formats ~300 values). */
export function toFixedHalfUp(value: DecimalInput, places = 2): string {
  // Text whose decimals beyond those asked are zeros needs no rounding, only padding or cutting zeros (a
  // ranking shows every division's rollup values, numeric(20,2) text, this way: 2,520 rankings in a monthly
  // close). Negative zero and leading zeros are left to Decimal.
  if (typeof value === 'string') {
    const match = PLAIN_DECIMAL.exec(value);
    const decimals = match?.[1] ?? '';
    if (match && /^0*$/.test(decimals.slice(places)) && !/^-0*(?:\.0*)?$/.test(value) && !/^-?0\d/.test(value)) {
      const whole = match[1] === undefined ? value : value.slice(0, value.length - decimals.length - 1);
      return places === 0 ? whole : `${whole}.${decimals.slice(0, places).padEnd(places, '0')}`;
    }
  }
  return dec(value).toFixed(places, Dec.ROUND_HALF_UP);
}

/** Sum without floating point: every addend goes through Decimal. */
export function sum(values: Iterable<DecimalInput>): Dec {
  let total = new Dec(0);
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** 元 as a string with exactly two decimals, the API's money convention ("92708000.00"). */
export function formatYuan(value: DecimalInput): string {
  return toFixedHalfUp(value, 2);
}

/** Integer 分 (fen) from 元; throws when the amount has more than two decimals. */
// Plain fixed-point text ("1234.5", "-0.07", the rollups' numeric(20,2)) is read without Decimal: the monthly close
// sums year-to-date totals of every division, metric and month this way.
const FIXED_2 = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export function yuanToFen(value: DecimalInput): bigint {
  const match = typeof value === 'string' ? FIXED_2.exec(value) : null;
  if (match) {
    const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
    return match[1] ? -fen : fen;
  }
  const fen = dec(value).times(100);
  if (!fen.isInteger()) throw new RangeError(`amount ${dec(value).toString()} has more than two decimals`);
  return BigInt(fen.toFixed(0));
}

export function fenToYuan(fen: bigint | number | string): string {
  if (typeof fen !== 'bigint') return new Dec(fen.toString()).dividedBy(100).toFixed(2);
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, '0');
  return `${fen < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** 万元 to 元, exactly (1 万元 = 10,000 元). */
export function wanToYuan(value: DecimalInput): Dec {
  return dec(value).times(10_000);
}
